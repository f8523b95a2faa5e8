package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The structure rules find what they are meant to find, on classes known to break them. */
class ModuleRulesTest {

  private static final Path MAIN = Path.of("target", "classes");

  @Test
  void cycleNotKnown_isReported_withTheDependenciesThatCloseIt() {
    assertThat(ModuleRules.check(MAIN))
        .anySatisfy(p -> assertThat(p)
            .startsWith("files in a cycle: [dev.switchboard.identity.IdentityResolver,"
                + " dev.switchboard.identity.InMemoryIdentityResolver]")
            .contains("implements interface <dev.switchboard.identity.IdentityResolver>"));
  }

  @Test
  void knownCycleThatIsGone_mustBeStruck() {
    assertThat(ModuleRules.check(MAIN, "dev.switchboard.Agent dev.switchboard.Channel"))
        .contains("known cycle [dev.switchboard.Agent, dev.switchboard.Channel] changed or is"
            + " gone: strike it from the list");
  }

  @Test
  void useOfAnotherModulesUnexportedPackage_isReported() {
    // core's white-box tests sit outside the core module and use its internals
    assertThat(ModuleRules.check(Path.of("target", "test-classes")))
        .anyMatch(p -> p.matches(".* uses dev\\.switchboard\\.internal\\.engine\\.[A-Za-z]+:"
            + " module dev\\.switchboard does not export dev\\.switchboard\\.internal\\.engine"));
  }
}
