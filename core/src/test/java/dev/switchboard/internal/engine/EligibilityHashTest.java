package dev.switchboard.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lanes live in hash maps whose order the engine iterates: the hash must not change. */
class EligibilityHashTest {

  @Test
  void hash_equalsTheObjectsHashItReplaced_forSkillAgentAndPersonalEligibilities() {
    int[][] skills = {{}, {3}, {0, 7, 250}};
    int[][] levels = {{}, {1}, {10, 2, 5}};
    String[] teams = {null, "billing"};
    Set<?>[] agents = {null, Set.of("a1", "a2")};
    for (int channel = 0; channel < 3; channel++) {
      for (int k = 0; k < skills.length; k++) {
        for (String team : teams) {
          for (Set<?> named : agents) {
            for (boolean personal : new boolean[] {false, true}) {
              @SuppressWarnings("unchecked")
              Set<String> ids = (Set<String>) named;
              assertThat(Eligibility.hash(channel, skills[k], levels[k], team, ids, personal))
                  .isEqualTo(Objects.hash(channel, Arrays.hashCode(skills[k]),
                      Arrays.hashCode(levels[k]), team, ids, personal));
            }
          }
        }
      }
    }
  }
}
