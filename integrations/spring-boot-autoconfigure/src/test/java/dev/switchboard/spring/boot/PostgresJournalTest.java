package dev.switchboard.spring.boot;

import static dev.switchboard.spring.boot.SwitchboardAutoConfigurationTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Switchboard;
import dev.switchboard.spring.boot.internal.JournalWatch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The journal on the application's own DataSource, against a real PostgreSQL on loopback. */
class PostgresJournalTest {

  private static EmbeddedPostgres server;

  @BeforeAll
  static void start() throws IOException {
    server = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void enabled_keepsTheJournalInTheApplicationsDatabase_andRecoversFromIt() {
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SwitchboardAutoConfiguration.class))
        .withBean(DataSource.class, server::getPostgresDatabase)
        .withPropertyValues("switchboard.journal.postgres.enabled=true",
            "switchboard.journal.postgres.domain=boot-test");
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(JournalWatch.class).kind()).isEqualTo("postgres");
      await(context.getBean(Switchboard.class).addAgent(
          Agent.builder("ann").channel(Channel.CHAT).build()));
    });
    runner.run(context -> assertThat(await(context.getBean(Switchboard.class).snapshot())
        .agent("ann")).isPresent());
  }
}
