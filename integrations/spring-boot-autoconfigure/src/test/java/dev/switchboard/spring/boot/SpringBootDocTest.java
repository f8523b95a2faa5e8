package dev.switchboard.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

/**
 * docs/spring-boot.md lists exactly the properties of the generated metadata, with their types
 * and defaults, and exactly the entries of the properties' maps and lists: they cannot drift.
 */
class SpringBootDocTest {

  private static final Path DOC = Path.of("..", "..", "docs", "spring-boot.md");

  /** The cells of a table row about a {@code switchboard.} property, without backticks. */
  private static List<String> cells(String line) {
    if (!line.startsWith("| `switchboard.") || !line.endsWith("|")) {
      return List.of();
    }
    List<String> cells = new ArrayList<>();
    for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
      cells.add(cell.trim().replace("`", ""));
    }
    return cells;
  }

  @Test
  void propertiesTable_matchesTheGeneratedMetadata() throws IOException {
    ConfigurationMetadataRepository repository;
    try (InputStream in = Files.newInputStream(
        Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json"))) {
      repository = ConfigurationMetadataRepositoryJsonBuilder.create(in).build();
    }
    Map<String, String> metadata = new TreeMap<>();
    for (ConfigurationMetadataProperty p : repository.getAllProperties().values()) {
      Object def = p.getDefaultValue();
      metadata.put(p.getId(), simple(p.getType()) + " | "
          + (def == null ? "" : def.toString().toLowerCase(java.util.Locale.ROOT)));
    }
    Map<String, String> doc = new TreeMap<>();
    for (String line : section("## Properties").split("\n")) {
      List<String> c = cells(line);
      if (c.size() == 4) {
        doc.put(c.get(0), c.get(1) + " | " + c.get(2));
      }
    }
    assertThat(doc).as("the properties table of %s (name -> type | default)", DOC)
        .isEqualTo(metadata);
  }

  @Test
  void entriesTable_listsEveryComponentOfTheEntryRecords() throws IOException {
    Map<String, Class<?>> prefixes = Map.of(
        "switchboard.queues.<queue>.steps[<n>].", SwitchboardProperties.Step.class,
        "switchboard.sla-policies[<n>].", SwitchboardProperties.Sla.class,
        "switchboard.channels.<channel>.", SwitchboardProperties.ChannelOptions.class,
        "switchboard.calendars.<name>.", SwitchboardProperties.Calendar.class,
        "switchboard.queue-hours.<queue>.", SwitchboardProperties.QueueHoursOptions.class,
        "switchboard.adapters.<id>.", SwitchboardProperties.Adapter.class);
    String table = section("## Properties");
    prefixes.forEach((prefix, type) -> {
      TreeSet<String> documented = new TreeSet<>();
      for (String line : table.split("\n")) {
        List<String> c = cells(line);
        if (c.size() == 3 && c.get(0).startsWith(prefix)) {
          documented.add(c.get(0).substring(prefix.length()));
        }
      }
      TreeSet<String> components = new TreeSet<>();
      Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
          .map(SpringBootDocTest::kebab).forEach(components::add);
      assertThat(documented).as("entries under %s in %s", prefix, DOC).isEqualTo(components);
    });
  }

  private static String section(String heading) throws IOException {
    String text = Files.readString(DOC);
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as("%s has a section %s", DOC, heading).isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  /** {@code java.util.Map<java.lang.String,a.b.C$D>} as {@code Map<String,D>}. */
  private static String simple(String type) {
    return type.replaceAll("[\\w.]*[.$](\\w+)", "$1");
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
