package dev.switchboard.examples.boot;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.channel.ChannelHost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agents' side of the desk: log in with skills and channels, see the work offered or
 * assigned, accept it, reply to the customer and complete it. Each call is one engine command;
 * a refusal comes back as the engine's reason ({@link CommandErrors}).
 */
@RestController
@RequestMapping("/api/agents/{agentId}")
public class AgentController {

  private final Switchboard switchboard;

  /** The controller of the engine the starter built. */
  public AgentController(Switchboard switchboard) {
    this.switchboard = switchboard;
  }

  /**
   * Logging in: the skills and channels the agent works with.
   *
   * @param skills skill levels, 1 to 10, by skill name
   * @param channels channel ids, e.g. {@code chat}
   */
  public record Login(Map<String, Integer> skills, List<String> channels) {}

  /** A reply's text. */
  public record Reply(String text) {}

  /**
   * One item the agent holds or is offered.
   *
   * @param itemId the item
   * @param state {@code OFFERED}, {@code ASSIGNED} or {@code WRAPPING_UP}
   * @param channel the channel id
   * @param queue the queue it came through
   * @param customerId the customer
   * @param message the customer's text, for items that came in through an adapter
   */
  public record Work(String itemId, String state, String channel, String queue,
      String customerId, String message) {}

  /** Adds the agent, available at once; a second login updates the agent. */
  @PostMapping("/login")
  public ResponseEntity<Void> login(@PathVariable String agentId, @RequestBody Login login)
      throws Exception {
    Agent.Builder b = Agent.builder(agentId);
    Optional.ofNullable(login.skills()).orElse(Map.of()).forEach(b::skill);
    for (String channel : Optional.ofNullable(login.channels()).orElse(List.of("chat"))) {
      b.channel(channel(channel));
    }
    Agent agent = b.build();
    EngineSnapshot now = Commands.await(switchboard.snapshot());
    Commands.await(now.agent(agentId).isPresent() ? switchboard.updateAgent(agent)
        : switchboard.addAgent(agent));
    Commands.await(switchboard.setPresence(agentId, Presence.AVAILABLE));
    return ResponseEntity.noContent().build();
  }

  /** Sets the agent offline: no new offers. */
  @PostMapping("/logout")
  public ResponseEntity<Void> logout(@PathVariable String agentId) throws Exception {
    Commands.await(switchboard.setPresence(agentId, Presence.OFFLINE));
    return ResponseEntity.noContent().build();
  }

  /** The items offered to or held by the agent. */
  @GetMapping("/work")
  public List<Work> work(@PathVariable String agentId) throws Exception {
    return Commands.await(switchboard.snapshot()).items().stream()
        .filter(i -> i.agentId().filter(agentId::equals).isPresent())
        .map(i -> new Work(i.item().id(), i.state().name(), i.item().channel().id(), i.queue(),
            i.item().customerId(), message(i.item().attributes())))
        .toList();
  }

  /** Accepts an offered item. */
  @PostMapping("/work/{itemId}/accept")
  public ResponseEntity<Void> accept(@PathVariable String agentId, @PathVariable String itemId)
      throws Exception {
    Commands.await(switchboard.accept(agentId, itemId));
    return ResponseEntity.noContent().build();
  }

  /** Replies to the customer through the adapter the item came in by; the delivery id. */
  @PostMapping("/work/{itemId}/reply")
  public Map<String, String> reply(@PathVariable String agentId, @PathVariable String itemId,
      @RequestBody Reply reply) throws Exception {
    return Map.of("delivery",
        Commands.await(switchboard.channels().reply(agentId, itemId, reply.text())));
  }

  /** Completes an assigned item as resolved. */
  @PostMapping("/work/{itemId}/complete")
  public ResponseEntity<Void> complete(@PathVariable String agentId, @PathVariable String itemId)
      throws Exception {
    Commands.await(switchboard.complete(agentId, itemId, Outcome.RESOLVED));
    return ResponseEntity.noContent().build();
  }

  private static Channel channel(String id) {
    return switch (id) {
      case "chat" -> Channel.CHAT;
      case "email" -> Channel.EMAIL;
      case "sms" -> Channel.SMS;
      case "voice" -> Channel.VOICE;
      case "social" -> Channel.SOCIAL;
      case "im" -> Channel.IM;
      default -> throw new IllegalArgumentException("channel '" + id
          + "' is not one of chat, email, sms, voice, social, im");
    };
  }

  private static String message(Map<String, Object> attributes) {
    Object message = attributes.get(ChannelHost.MESSAGE_ATTRIBUTE);
    if (message instanceof Map<?, ?> m && m.get("body") != null) {
      return m.get("body").toString();
    }
    return null;
  }
}
