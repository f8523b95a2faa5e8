package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Outcome;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README honest: its example runs, and its code and commands match the sources. */
class ReadmeExampleTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path EXAMPLE =
      Path.of("src", "main", "java", "dev", "switchboard", "examples", "ReadmeExample.java");
  private static final Path CI = Path.of("..", ".ci", "run");

  @Test
  void example_routesTheEmailToTedWhoCompletesIt() throws Exception {
    ItemCompleted done = ReadmeExample.routeOneEmail();

    assertThat(done.itemId()).isEqualTo("mail-1");
    assertThat(done.agentId()).isEqualTo("ted");
    assertThat(done.outcome()).isEqualTo(Outcome.RESOLVED);
  }

  @Test
  void readmeJavaBlock_equalsTheCompiledExample() throws IOException {
    List<String> readmeBlocks = fencedBlocks(section(Files.readString(README), "## Embedding"), "java");
    assertThat(readmeBlocks).as("java blocks in the README's Embedding section: the imports,"
        + " then the code").hasSize(2);

    assertThat(readmeBlocks.get(1)).isEqualTo(markedCode(Files.readString(EXAMPLE)));
  }

  @Test
  void readmeJavaBlocks_compileAsShown(@org.junit.jupiter.api.io.TempDir Path out)
      throws IOException {
    List<String> blocks = fencedBlocks(section(Files.readString(README), "## Embedding"), "java");
    String source = blocks.get(0) + "\n\nclass ReadmeSnippet {\n" + blocks.get(1) + "\n}\n";
    Path file = out.resolve("ReadmeSnippet.java");
    Files.writeString(file, source);
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    java.io.StringWriter errors = new java.io.StringWriter();
    boolean compiled;
    try (javax.tools.StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, java.nio.charset.StandardCharsets.UTF_8)) {
      compiled = javac.getTask(errors, files, null,
          List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
              "-proc:none"),
          null, files.getJavaFileObjects(file)).call();
    }
    assertThat(compiled).as("the README's Embedding blocks compile as shown:%n%s%n%s", errors,
        source).isTrue();
  }

  @Test
  void quickStart_holdsTheDemoCommandAndTheCiTestCommand() throws IOException {
    String quickStart = section(Files.readString(README), "## Quick start");
    List<String> shell = fencedBlocks(quickStart, "shell");
    assertThat(fencedBlocks(quickStart, "")).as("fenced blocks in Quick start").hasSize(2);

    assertThat(shell).containsExactly(
        "./mvnw -q -B -ntp package -DskipTests && java -jar examples/target/switchboard-examples.jar demo",
        "./mvnw -B -ntp verify");
    assertThat(Files.readAllLines(CI)).as(".ci/run must run the README's test command")
        .contains(shell.get(1));
  }

  /** The text from the heading to the next heading of the same level. */
  private static String section(String markdown, String heading) {
    int start = markdown.indexOf("\n" + heading + "\n");
    assertThat(start).as("README section " + heading).isNotNegative();
    int end = markdown.indexOf("\n## ", start + heading.length() + 1);
    return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
  }

  /** Bodies of the fenced blocks with the language tag; "" matches every block. */
  private static List<String> fencedBlocks(String markdown, String language) {
    Matcher m = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```$").matcher(markdown);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      if (language.isEmpty() || m.group(1).equals(language)) {
        blocks.add(m.group(2).stripTrailing());
      }
    }
    return blocks;
  }

  /** The lines between the README markers, with their common indentation removed. */
  private static String markedCode(String source) {
    int begin = source.indexOf("// README:BEGIN\n");
    int end = source.indexOf("// README:END");
    assertThat(begin).as("README:BEGIN marker").isNotNegative();
    assertThat(end).as("README:END marker").isGreaterThan(begin);
    String code = source.substring(begin + "// README:BEGIN\n".length(), end);
    return code.stripIndent().stripTrailing();
  }
}
