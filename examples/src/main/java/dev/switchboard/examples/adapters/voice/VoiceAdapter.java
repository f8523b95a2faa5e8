package dev.switchboard.examples.adapters.voice;

import dev.switchboard.Switchboard;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.spi.AbstractChannelAdapter;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.OutboundMessage;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The voice channel on SIP: a back-to-back user agent that agents' phones register with and
 * customers call. A call to one of the queue numbers is reported as a message (the caller's
 * number is the sender, so the customer is recognised as on every channel) and answered with the
 * hold audio; the engine's offer rings the agent's registered phone; the phone's answer accepts
 * the offer and joins the two parties' audio; a hang-up abandons or completes the item.
 *
 * <p>Besides registering it on the builder, the host hands it the engine's events with {@link
 * #listener()} and, once built, the engine itself with {@link #attach(Switchboard)}:
 *
 * <pre>{@code
 * VoiceAdapter voice = new VoiceAdapter("voice-edge", settings);
 * Switchboard sb = Switchboard.builder().adapter(voice).listener(voice.listener()).build();
 * voice.attach(sb);
 * }</pre>
 *
 * <p>See {@code docs/voice.md} for the deployment, the mapping from SIP to the engine's commands
 * and the limits.
 */
public final class VoiceAdapter extends AbstractChannelAdapter {

  private final VoiceSettings settings;
  private volatile B2bua b2bua;
  private volatile Switchboard engine;

  /** An adapter with the given id serving the settings' SIP port. */
  public VoiceAdapter(String id, VoiceSettings settings) {
    super(id, "voice", AdapterTraits.sessions(ChannelTraits.synchronous(1), 1));
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The engine the adapter accepts, rejects, abandons and completes calls' items on. Items of this
   * adapter's calls that it does not hold (calls of an earlier run, lost with it) are then ended:
   * abandoned if no agent had answered, completed {@code UNRESOLVED} if one had.
   */
  public void attach(Switchboard engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
    B2bua b = b2bua;
    if (b != null) {
      b.attach(engine);
    }
  }

  /** The listener to register on the engine's builder: offers ring phones through it. */
  public RoutingEventListener listener() {
    return event -> {
      B2bua b = b2bua;
      if (b != null) {
        b.onEvent(event);
      }
    };
  }

  /** Whether the agent's phone is registered now (and its registration not expired). */
  public boolean registered(String agentId) {
    B2bua b = b2bua;
    return b != null && b.registered(agentId);
  }

  /** What the SIP edge refused or could not do since it started; zeros before. */
  public VoiceCounters counters() {
    B2bua b = b2bua;
    if (b == null) {
      return new VoiceCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new VoiceCounters(b.count(B2bua.Count.MALFORMED),
        b.count(B2bua.Count.FORBIDDEN_SOURCE), b.count(B2bua.Count.FLOOD),
        b.count(B2bua.Count.OVER_CAPACITY), b.count(B2bua.Count.UNKNOWN_NUMBER),
        b.count(B2bua.Count.BAD_CALLER), b.count(B2bua.Count.NO_AUDIO),
        b.count(B2bua.Count.HOST_REFUSED), b.count(B2bua.Count.BAD_REGISTRATION),
        b.count(B2bua.Count.BAD_CREDENTIALS), b.count(B2bua.Count.AGENT_UNREACHABLE),
        b.count(B2bua.Count.AGENT_DECLINED));
  }

  @Override
  protected void onStart(ChannelContext context) throws Exception {
    B2bua b = new B2bua(id(), settings, HoldAudio.read(settings.holdAudio()), context.clock(),
        context.logger(), this::report);
    b.start();
    Switchboard e = engine;
    if (e != null) {
      b.attach(e);
    }
    b2bua = b;
  }

  /** A call carries no text: a reply to it cannot be delivered (rule 9, permanent). */
  @Override
  protected CompletionStage<DeliveryReceipt> send(OutboundMessage message)
      throws DeliveryException {
    throw DeliveryException.permanent("a voice call carries no text replies; conversation "
        + message.conversationKey() + " is a call");
  }

  @Override
  protected void onStop() {
    B2bua b = b2bua;
    if (b != null) {
      b.stop();
    }
  }
}
