package dev.switchboard.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.InboundMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A letter the adapter cannot take is set aside and does not hold up the letters after it. A
 * letter that was not UTF-8 used to fail the whole folder scan, every 50 ms, for good.
 */
class DropFolderAdapterTest {

  @Test
  void lettersNotUtf8OrWithoutSender_areSetAside_andTheNextLetterIsRead(@TempDir Path folder)
      throws Exception {
    Path in = folder.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("a-latin1.msg"), new byte[] {'f', 'r', 'o', 'm', ':', ' ', 'a', '@',
        'b', '.', 'c', '\n', '\n', (byte) 0xE9, 't', (byte) 0xE9});
    Files.writeString(in.resolve("b-no-sender.msg"), "thread: t\n\nwho am I?");
    new DropFolderAdapter.Letter(Map.of("from", "ada@example.com"), "Where is my parcel?")
        .write(in.resolve("c-good.msg"));
    RecordingContext host = new RecordingContext();
    DropFolderAdapter adapter = new DropFolderAdapter("letters", in, folder.resolve("out"));
    adapter.start(host);
    try {
      InboundMessage first = host.next();
      assertThat(first.body()).isEqualTo("Where is my parcel?");
      assertThat(first.idempotencyKey()).isEqualTo("c-good.msg");
    } finally {
      adapter.stop();
    }
    assertThat(in.resolve("a-latin1.msg.malformed")).exists();
    assertThat(in.resolve("b-no-sender.msg.malformed")).exists();
  }
}
