package dev.switchboard.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.spring.boot.internal.InvalidPropertyException;
import dev.switchboard.spring.boot.internal.InvalidPropertyFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** A bad value stops start-up with a message naming the property and what it allows. */
class BadPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SwitchboardAutoConfiguration.class));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "switchboard.queues.vip.steps[0].target=nobody"
          + "|switchboard.queues.vip.steps[0].target|required-skills, own-agent, recent-agents",
      "switchboard.queues.vip.steps[0].team=a;switchboard.queues.vip.steps[0].agents=b"
          + "|switchboard.queues.vip.steps[0]|exactly one of target",
      "switchboard.queues.vip.steps[0].target=required-skills;"
          + "switchboard.queues.vip.steps[1].target=required-skills"
          + "|switchboard.queues.vip.steps|each but the last has a max-wait",
      "switchboard.queues.vip.steps[0].target=own-agent;"
          + "switchboard.queues.vip.steps[0].sla-share=0.5"
          + "|switchboard.queues.vip.steps[0].max-wait|required with sla-share",
      "switchboard.queues.vip.steps[0].target=required-skills;"
          + "switchboard.queues.vip.steps[0].priority-boost=101"
          + "|switchboard.queues.vip.steps[0].priority-boost|0 to 100",
      "switchboard.queues.vip.steps[0].expression=billing >= 5 or agent.region = 'EU'"
          + "|switchboard.queues.vip.steps[0].expression|at position 29: found '='",
      "switchboard.queues.vip.steps[0].expression=billing >= 5;"
          + "switchboard.queues.vip.steps[0].skills.billing=5"
          + "|switchboard.queues.vip.steps[0]|exactly one of target",
      "switchboard.calendars.office.zone=Mars/Olympus"
          + "|switchboard.calendars.office.zone|a time zone id",
      "switchboard.calendars.office.zone=UTC;switchboard.calendars.office.hours.funday=09:00-17:00"
          + "|switchboard.calendars.office.hours.funday|a day or a range of days",
      "switchboard.calendars.office.zone=UTC;switchboard.calendars.office.hours.monday=9 to 5"
          + "|switchboard.calendars.office.hours.monday|open spans",
      "switchboard.calendars.office.zone=UTC;switchboard.calendars.office.holidays=25/12/2026"
          + "|switchboard.calendars.office.holidays[0]|a date",
      "switchboard.queue-hours.vip.calendar=nowhere"
          + "|switchboard.queue-hours.vip.calendar|the name of a calendar",
      "switchboard.calendars.office.zone=UTC;switchboard.queue-hours.vip.calendar=office;"
          + "switchboard.queue-hours.vip.after-hours=shrug"
          + "|switchboard.queue-hours.vip.after-hours|hold, send-to or auto-reply",
      "switchboard.calendars.office.zone=UTC;switchboard.queue-hours.vip.calendar=office;"
          + "switchboard.queue-hours.vip.after-hours=send-to"
          + "|switchboard.queue-hours.vip.send-to|the queue that takes the work",
      "switchboard.sla-policies[0].name=x;switchboard.sla-policies[0].resolution=1h;"
          + "switchboard.sla-policies[0].calendar=nowhere"
          + "|switchboard.sla-policies[0].calendar|the name of a calendar",
      "switchboard.sla-policies[0].name=x;switchboard.sla-policies[0].resolution=1h;"
          + "switchboard.sla-policies[0].reassign-expression=billing >="
          + "|switchboard.sla-policies[0].reassign-expression|a routing expression",
      "switchboard.sla-policies[0].name=x;switchboard.sla-policies[0].resolution=1h;"
          + "switchboard.sla-policies[0].reassign-queue=q;"
          + "switchboard.sla-policies[0].reassign-agent=a"
          + "|switchboard.sla-policies[0]|at most one of reassign-queue",
      "switchboard.sla-policies[0].name=x;switchboard.sla-policies[0].resolution=1h;"
          + "switchboard.sla-policies[0].raise-priority=0"
          + "|switchboard.sla-policies[0].raise-priority|1 to 100",
      "switchboard.offer-timeout=-5s|switchboard.offer-timeout|a positive duration",
      "switchboard.skills=billing,billing|switchboard.skills[1]|a new skill name",
      "switchboard.sla-policies[0].name=x|switchboard.sla-policies[0].first-response"
          + "|at least one of the two targets",
      "switchboard.sla-policies[0].name=x;switchboard.sla-policies[0].resolution=1h;"
          + "switchboard.sla-policies[0].channel=pigeon"
          + "|switchboard.sla-policies[0].channel|one of [chat, email, im, sms, social, voice]",
      "switchboard.channels.fax.concurrency=2|switchboard.channels.fax.mode"
          + "|synchronous or asynchronous",
      "switchboard.channels.fax.mode=telepathic;switchboard.channels.fax.concurrency=2"
          + "|switchboard.channels.fax.mode|synchronous or asynchronous",
      "switchboard.channels.chat.mode=synchronous|switchboard.channels.chat.mode|built in",
      "switchboard.adapters.web.type=carrier-pigeon|switchboard.adapters.web.type|probe",
      "switchboard.adapters.web.type=probe;switchboard.adapters.web.properties.health=explode"
          + "|switchboard.adapters.web.properties|health 'explode' is not a health",
      "switchboard.journal.file.path=${java.io.tmpdir}/sb-bad;"
          + "switchboard.journal.file.snapshot-interval=-1"
          + "|switchboard.journal.file.snapshot-interval|a positive number",
      "switchboard.journal.file.path=/tmp/x;switchboard.journal.postgres.enabled=true"
          + "|switchboard.journal.postgres.enabled|an engine keeps one journal",
  })
  void badValue_failsStartUp_namingThePropertyAndWhatIsAllowed(String properties,
      String property, String allowed) {
    runner.withPropertyValues(properties.split(";")).run(context -> {
      assertThat(context).hasFailed();
      Throwable root = context.getStartupFailure();
      while (!(root instanceof InvalidPropertyException) && root.getCause() != null) {
        root = root.getCause();
      }
      assertThat(root).isInstanceOf(InvalidPropertyException.class);
      InvalidPropertyException e = (InvalidPropertyException) root;
      assertThat(e.property()).isEqualTo(property);
      assertThat(e.allowed()).contains(allowed);
      FailureAnalysis analysis =
          new InvalidPropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("'" + property + "'");
      assertThat(analysis.getAction()).startsWith("Set '" + property + "' to ")
          .contains(allowed);
    });
  }

  @Test
  void failureAnalyzer_isRegisteredForBoot() {
    // Boot's own analyzers need constructor arguments: skip those, find ours.
    assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
        null, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { })))
        .hasAtLeastOneElementOfType(InvalidPropertyFailureAnalyzer.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "switchboard.offer-timeout=soon|switchboard.offer-timeout",
      "switchboard.selection-strategy=random|switchboard.selection-strategy",
      "switchboard.journal.file.durability=maybe|switchboard.journal.file.durability",
  })
  void unconvertibleValue_failsInBootsBinder_namingTheProperty(String properties,
      String property) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isNotNull();
      Throwable t = context.getStartupFailure();
      StringBuilder messages = new StringBuilder();
      for (; t != null; t = t.getCause()) {
        messages.append(t.getMessage()).append('\n');
      }
      assertThat(messages.toString()).contains(property);
    });
  }
}
