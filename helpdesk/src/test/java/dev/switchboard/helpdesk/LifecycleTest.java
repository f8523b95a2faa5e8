package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Hosts rename, add and skip phases; the lifecycle checks what it is given. */
class LifecycleTest {

  @Test
  void standard_hasTheSeedsPhases_inOrder() {
    Lifecycle l = Lifecycle.standard();
    assertThat(l.phases()).extracting(Phase::name).containsExactly("intake", "classification",
        "recording", "reproduction", "expert", "implementation", "system-verification",
        "user-verification");
    assertThat(l.allows("reproduction", "classification")).as("not reproducible").isTrue();
    assertThat(l.allows("intake", "expert")).isFalse();
    assertThat(l.allows("expert", Lifecycle.CLOSED)).isTrue();
    assertThat(l.legalMoves(Lifecycle.CLOSED)).containsExactly("implementation");
  }

  @Test
  void hosts_renameAddAndSkipPhases_andRoutesFollow() {
    Lifecycle l = Lifecycle.standardBuilder()
        .rename("classification", "triage")
        .skip("recording")
        .skip("system-verification")
        .insertAfter("implementation", Phase.work("code-review", "reviewers"))
        .allow("expert", "triage")
        .build();
    assertThat(l.phases()).extracting(Phase::name).containsExactly("intake", "triage",
        "reproduction", "expert", "implementation", "code-review", "user-verification");
    assertThat(((Phase.Work) l.phase("reproduction")).outcomeRoutes())
        .containsEntry("not-reproducible", "triage");
    assertThat(l.next("triage")).isEqualTo("reproduction");
    assertThat(l.allows("expert", "triage")).isTrue();
  }

  @Test
  void badLifecycles_areRejectedNamingTheProblem() {
    assertThatThrownBy(() -> Lifecycle.builder().build())
        .hasMessage("a lifecycle needs at least one phase");
    assertThatThrownBy(() -> Lifecycle.builder().phase(Phase.manual("a")).build())
        .hasMessageContaining("no reopen phase");
    assertThatThrownBy(() -> Lifecycle.standardBuilder().skip("implementation").build())
        .hasMessageContaining("reopen phase 'implementation' is not in the lifecycle");
    assertThatThrownBy(() -> Lifecycle.builder().phase(Phase.manual("a"))
        .phase(Phase.manual("a"))).hasMessage("phase 'a' is already in the lifecycle");
    assertThatThrownBy(() -> Phase.manual("closed")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> Lifecycle.builder().phase(Phase.work("a", "q").onOutcome("x", "zz"))
        .reopenTo("a").build())
        .hasMessage("outcome route of phase 'a' names phase 'zz', which is not in the lifecycle;"
            + " phases: [a]");
    assertThatThrownBy(() -> Lifecycle.builder().reopenTo("a").reopenTo("b"))
        .hasMessage("reopenTo was already set");
    assertThatThrownBy(() -> Phase.confirmation("c", Duration.ZERO))
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> Lifecycle.standard().phase("nope"))
        .hasMessageContaining("phase 'nope' is not in the lifecycle");
  }
}
