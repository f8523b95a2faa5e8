package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The channels demo tells its story: affinity across channels, a flood, retries, a dead letter. */
class ChannelsDemoTest {

  @Test
  void channelsCommand_showsOneCustomerKeepingHerAgentAcrossChannels() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    assertThat(Main.run(new String[] {"channels"}, out, out)).isZero();

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("phone:+15550003333 on sms: \"Where is my parcel?\" -> offered to ann")
        .contains("email:dana@example.com on email: \"Can I change the address?\" -> offered to"
            + " ann")
        .contains("chat:dana_w on chat: \"Thanks! One last thing...\" -> offered to ann")
        .contains("mallory floods the chat: 5 of 8 accepted")
        .contains("attempt 2 failed (provider throttled)")
        .contains("delivered on attempt 3")
        .contains("permanent failure: number blocked the centre");
  }
}
