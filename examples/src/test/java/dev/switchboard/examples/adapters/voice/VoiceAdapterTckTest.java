package dev.switchboard.examples.adapters.voice;

import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.tck.ChannelAdapterTck;
import dev.switchboard.spi.tck.CustomerMessage;
import dev.switchboard.spi.tck.ReceivedMessage;
import dev.switchboard.spi.tck.TckProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voice adapter passes the adapter TCK in its calls profile: each customer message is a call
 * a SIPp customer places on loopback, its body in the INVITE's {@code Subject}, its upstream id
 * the Call-ID (so sending it again is the same call again).
 */
class VoiceAdapterTckTest extends ChannelAdapterTck<VoiceAdapter> {

  private static final Duration CALL_LIMIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private final Map<VoiceAdapter, Integer> ports = new IdentityHashMap<>();
  private final List<Sipp> customers = new ArrayList<>();
  private RtpPeer media;

  @BeforeEach
  void requireSipp() {
    Sipp.require();
  }

  @Override
  protected VoiceAdapter createAdapter() throws Exception {
    Path hold = dir.resolve("hold.wav");
    VoiceAdapterSipTest.writeTone(hold, 440, 8000);
    int port = Sipp.freePort();
    VoiceAdapter adapter = new VoiceAdapter("voice-tck", VoiceSettings.builder().sipPort(port)
        .queueNumber("100").holdAudio(hold).credential("ted", "ted-secret").build());
    synchronized (ports) {
      ports.put(adapter, port);
    }
    return adapter;
  }

  @Override
  protected void customerSends(VoiceAdapter adapter, CustomerMessage m) throws Exception {
    int port;
    Sipp call;
    synchronized (ports) {
      port = ports.get(adapter);
      if (media == null) {
        media = new RtpPeer();
      }
      call = Sipp.start(dir, "call-" + customers.size(), Scenarios.customerCallsAbout(
          m.from().value(), "100", media.port(), m.body(), 1000), Sipp.freePort(),
          "127.0.0.1:" + port, CALL_LIMIT, List.of("-cid_str", m.upstreamId(), "-trace_msg",
              "-message_file", messages(m).toString()));
      customers.add(call);
    }
  }

  /** The SIP messages the customer's SIPp sent and received for call {@code m}. */
  private Path messages(CustomerMessage m) {
    return dir.resolve("call-" + m.upstreamId() + ".messages");
  }

  @Override
  protected boolean observesAcknowledgement() {
    return true;
  }

  /** A call is acknowledged when it is answered: the customer's SIPp received a 200 OK. */
  @Override
  protected boolean acknowledgedUpstream(VoiceAdapter adapter, CustomerMessage m)
      throws IOException {
    Path log = messages(m);
    return Files.exists(log) && Files.readString(log).contains("SIP/2.0 200 OK");
  }

  @Override
  protected List<ReceivedMessage> customersReceived(VoiceAdapter adapter) {
    return List.of(); // a call carries no text to receive
  }

  @Override
  protected ChannelIdentity customerIdentity(int n) {
    return ChannelIdentity.phone("+1555010000" + n);
  }

  @Override
  protected TckProfile profile() {
    return TckProfile.CALLS;
  }

  @Override
  protected void disposeAdapter(VoiceAdapter adapter) throws Exception {
    List<Sipp> calls;
    RtpPeer unused = null;
    synchronized (ports) {
      ports.remove(adapter);
      calls = List.copyOf(customers);
      customers.clear();
      if (ports.isEmpty()) {
        unused = media;
        media = null;
      }
    }
    for (Sipp call : calls) {
      call.close();
    }
    if (unused != null) {
      unused.close();
    }
  }
}
