package dev.switchboard.examples.guide;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.spi.ChannelTraits;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The guide's registration step, run end to end by a test: a letter in, a reply out. */
public final class GuideExample {

  private GuideExample() {}

  /**
   * Starts an engine with a drop-folder adapter on {@code folder}, lets agent {@code ted} answer
   * the first letter, and returns the id of the delivered reply.
   */
  public static String answerFirstLetter(Path folder) throws Exception {
    // GUIDE:register BEGIN
    Channel letters = Channel.of("letters", ChannelTraits.asynchronous(10));
    BlockingQueue<RoutingEvent> events = new LinkedBlockingQueue<>();
    try (Switchboard sb = Switchboard.builder()
        .channel(letters)
        .adapter(new DropFolderAdapter("letters-desk", folder.resolve("in"), folder.resolve("out")))
        .listener(events::add)
        .build()) {
      sb.addAgent(Agent.builder("ted").capacity(letters, 10).build());
      sb.setPresence("ted", Presence.AVAILABLE);
      while (true) {
        RoutingEvent e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
          throw new IllegalStateException("no letter was answered within 10 seconds");
        }
        if (e instanceof RoutingEvent.ItemOffered offer) {
          sb.accept("ted", offer.itemId());
          sb.channels().reply("ted", offer.itemId(), "Thanks for your letter!");
        }
        if (e instanceof RoutingEvent.MessageDelivered delivered) {
          return delivered.deliveryId();
        }
      }
    }
    // GUIDE:register END
  }
}
