package dev.switchboard.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad value in the configuration stops the application with Boot's report naming it. */
@ExtendWith(OutputCaptureExtension.class)
class StartUpFailureTest {

  @Test
  void badPolicyTarget_stopsStartUp_withAReportNamingThePropertyAndWhatIsAllowed(
      CapturedOutput output) {
    assertThatThrownBy(() -> SpringApplication.run(HelpdeskApplication.class,
        "--server.port=0", "--switchboard.adapters.site-chat.properties.port=0",
        "--switchboard.queues.night.steps[0].target=everyone")).isNotNull();
    assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
        .contains("Switchboard could not be built from property"
            + " 'switchboard.queues.night.steps[0].target': it is 'everyone'.")
        .contains("Set 'switchboard.queues.night.steps[0].target' to one of required-skills,"
            + " own-agent, recent-agents");
  }
}
