package dev.switchboard.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.Fuzz;
import dev.switchboard.spi.InboundMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing the drop-folder letter parser: mutated and random letter files through {@code
 * Letter.read} and into the SPI. Every file ends as a letter the engine can take or one the
 * adapter sets aside (not UTF-8, or refused by the SPI's checks with an
 * IllegalArgumentException); nothing else is thrown, nothing hangs.
 */
class LetterFuzzTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final List<String> TOKENS = List.of("\n", "\n\n", "\r\n", ":", ": ", "from",
      "from: ", "thread: ", "to: ", "@", "ada@example.com", "a@b", "\u00e9", "\u0000", "\t",
      "\u2028", " ");
  private static final byte[] SEED =
      "from: ada@example.com\nthread: order-17\n\nWhere is my parcel?"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void letterFiles_areTakenOrSetAside_neverAnythingElse() {
    Path file = dir.resolve("letter.msg");
    Fuzz.Report report = Fuzz.of("drop-folder letter parsing", 2_000,
        r -> r.nextInt(8) == 0 ? Fuzz.noise(r, TOKENS, r.nextInt(300))
            : Fuzz.mutate(r, SEED, TOKENS, 2_000))
        .check(bytes -> outcome(file, bytes));

    assertThat(report.count("accepted")).as("%s", report).isPositive();
    assertThat(report.count("set-aside:not-utf8")).as("%s", report).isPositive();
  }

  private static String outcome(Path file, byte[] bytes) {
    DropFolderAdapter.Letter letter;
    try {
      Files.write(file, bytes);
      letter = DropFolderAdapter.Letter.read(file);
    } catch (CharacterCodingException notUtf8) {
      return "set-aside:not-utf8";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InboundMessage message;
    try {
      message = letter.inbound("letter.msg", NOW);
    } catch (IllegalArgumentException refused) {
      return "set-aside:invalid";
    }
    assertThat(message.sender().value()).isEqualToIgnoringCase(letter.headers().get("from"));
    return "accepted";
  }
}
