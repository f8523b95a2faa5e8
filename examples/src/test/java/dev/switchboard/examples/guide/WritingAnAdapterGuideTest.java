package dev.switchboard.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.spi.tck.ChannelAdapterTck;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/writing-an-adapter.md honest: every code block it embeds equals the marked region of
 * the compiled source, it lists every TCK test, and its registration example runs.
 */
class WritingAnAdapterGuideTest {

  private static final Path GUIDE = Path.of("..", "docs", "writing-an-adapter.md");
  private static final Pattern EMBED =
      Pattern.compile("(?m)^<!-- embed: (\\S+)#(\\w+) -->\\n```java\\n(.*?)^```$", Pattern.DOTALL);

  @Test
  void everyEmbeddedBlock_equalsTheMarkedRegionOfItsSource() throws IOException {
    Matcher m = EMBED.matcher(Files.readString(GUIDE));
    int blocks = 0;
    while (m.find()) {
      blocks++;
      String source = Files.readString(Path.of("..", m.group(1)));
      assertThat(m.group(3).stripTrailing())
          .as("the block embedding %s#%s", m.group(1), m.group(2))
          .isEqualTo(region(source, m.group(2)));
    }
    assertThat(blocks).as("embedded blocks in the guide").isEqualTo(4);
  }

  @Test
  void guide_namesEveryTckTest() throws IOException {
    String guide = Files.readString(GUIDE);
    List<String> tests = Arrays.stream(ChannelAdapterTck.class.getDeclaredMethods())
        .filter(method -> method.isAnnotationPresent(Test.class)).map(Method::getName).toList();

    assertThat(tests).hasSize(21).allSatisfy(name -> assertThat(guide).contains("`" + name + "`"));
  }

  @Test
  void registrationExample_answersALetterDroppedInTheInbox(@TempDir Path folder)
      throws Exception {
    Files.createDirectories(folder.resolve("in"));
    new DropFolderAdapter.Letter(Map.of("from", "ada@example.com", "thread", "order-17"),
        "Where is my parcel?").write(folder.resolve("in").resolve("letter-1.msg"));

    String deliveryId = GuideExample.answerFirstLetter(folder);

    DropFolderAdapter.Letter reply =
        DropFolderAdapter.Letter.read(folder.resolve("out").resolve(deliveryId + ".msg"));
    assertThat(reply.headers()).containsEntry("to", "ada@example.com")
        .containsEntry("agent", "ted").containsEntry("thread", "ada@example.com#order-17");
    assertThat(reply.body()).isEqualTo("Thanks for your letter!");
    // acknowledged on the reader's thread once the engine's answer came: wait for it, bounded
    Path letter = folder.resolve("in").resolve("letter-1.msg");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Files.exists(letter) && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
    }
    assertThat(letter).doesNotExist();
  }

  /** The lines between the GUIDE markers, with their common indentation removed. */
  private static String region(String source, String name) {
    String begin = "// GUIDE:" + name + " BEGIN\n";
    int start = source.indexOf(begin);
    int end = source.indexOf("// GUIDE:" + name + " END");
    assertThat(start).as(begin.strip()).isNotNegative();
    assertThat(end).as("GUIDE:" + name + " END").isGreaterThan(start);
    List<String> lines = source.substring(start + begin.length(), end).stripTrailing().lines()
        .toList();
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return String.join("\n", lines.stream()
        .map(l -> l.length() >= indent ? l.substring(indent) : l.strip()).toList());
  }
}
