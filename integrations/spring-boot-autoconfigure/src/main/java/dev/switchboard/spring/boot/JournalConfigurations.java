package dev.switchboard.spring.boot;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.file.FileJournalBuilder;
import dev.switchboard.journal.file.FileJournals;
import dev.switchboard.journal.postgres.PostgresJournalBuilder;
import dev.switchboard.journal.postgres.PostgresJournals;
import dev.switchboard.spring.boot.SwitchboardProperties.FileJournal;
import dev.switchboard.spring.boot.SwitchboardProperties.PostgresJournal;
import dev.switchboard.spring.boot.internal.InvalidPropertyException;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The journal beans: a file journal when {@code switchboard.journal.file.path} is set and
 * switchboard-journal-file is present; a PostgreSQL journal on the application's {@code
 * DataSource} when {@code switchboard.journal.postgres.enabled} is true and
 * switchboard-journal-postgres is present. Either backs off when the host defines a {@link
 * Journal} bean. The engine closes its journal, so these beans have no destroy method of their
 * own.
 */
final class JournalConfigurations {

  private JournalConfigurations() {}

  /** What the health indicator calls a journal. */
  static String kind(Journal journal) {
    String name = journal.getClass().getName();
    if (name.startsWith("dev.switchboard.journal.file.")) {
      return "file";
    }
    if (name.startsWith("dev.switchboard.journal.postgres.")) {
      return "postgres";
    }
    return name;
  }

  /**
   * Fails start-up when the properties ask for a journal that could not be made: its module is
   * missing, or (PostgreSQL) the application has no {@code DataSource}.
   */
  static void requireNoneAsked(SwitchboardProperties properties) {
    if (properties.journal().file().path() != null) {
      throw new InvalidPropertyException("switchboard.journal.file.path",
          properties.journal().file().path().toString(), "a directory, with"
              + " dev.switchboard:switchboard-journal-file on the class path (it is not)");
    }
    if (properties.journal().postgres().enabled()) {
      throw new InvalidPropertyException("switchboard.journal.postgres.enabled", "true",
          "true only with dev.switchboard:switchboard-journal-postgres on the class path and a"
              + " DataSource bean (spring-boot-starter-jdbc and spring.datasource.url); one of"
              + " them is missing");
    }
  }

  /** Sets a journal's snapshot interval when the property is set, naming it when refused. */
  private static void snapshotInterval(String journal, Integer entries, IntConsumer setter) {
    if (entries == null) {
      return;
    }
    try {
      setter.accept(entries);
    } catch (IllegalArgumentException e) {
      throw new InvalidPropertyException("switchboard.journal." + journal + ".snapshot-interval",
          entries.toString(), "a positive number (" + e.getMessage() + ")");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.switchboard.journal.file.FileJournals")
  @ConditionalOnProperty("switchboard.journal.file.path")
  static class FileJournalConfiguration {

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    Journal switchboardJournal(SwitchboardProperties properties) {
      if (properties.journal().postgres().enabled()) {
        throw new InvalidPropertyException("switchboard.journal.postgres.enabled", "true",
            "false while switchboard.journal.file.path is set: an engine keeps one journal");
      }
      FileJournal f = properties.journal().file();
      FileJournalBuilder b = FileJournals.builder(f.path());
      if (f.durability() != null) {
        b.durability(f.durability());
      }
      snapshotInterval("file", f.snapshotInterval(), b::snapshotInterval);
      return b.build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.switchboard.journal.postgres.PostgresJournals")
  @ConditionalOnBooleanProperty("switchboard.journal.postgres.enabled")
  static class PostgresJournalConfiguration {

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @ConditionalOnBean(DataSource.class)
    Journal switchboardJournal(SwitchboardProperties properties, DataSource dataSource) {
      PostgresJournal p = properties.journal().postgres();
      PostgresJournalBuilder b = PostgresJournals.builder(dataSource);
      if (p.domain() != null) {
        try {
          b.domain(p.domain());
        } catch (IllegalArgumentException e) {
          throw new InvalidPropertyException("switchboard.journal.postgres.domain", p.domain(),
              "1 to 200 characters, none of them a control character");
        }
      }
      if (p.durability() != null) {
        b.durability(p.durability());
      }
      snapshotInterval("postgres", p.snapshotInterval(), b::snapshotInterval);
      return b.build();
    }
  }
}
