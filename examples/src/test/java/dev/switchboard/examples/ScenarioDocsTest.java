package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every scenario file shown in docs/simulation.md is one the simulator accepts. */
class ScenarioDocsTest {

  @Test
  void everyScenarioInTheDocs_parses() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "simulation.md"));
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> scenarios = new ArrayList<>();
    while (m.find()) {
      scenarios.add(m.group(1));
    }
    assertThat(scenarios).hasSizeGreaterThanOrEqualTo(2);
    for (String json : scenarios) {
      assertThat(Scenario.parse(json)).as(json).isNotNull();
    }
  }
}
