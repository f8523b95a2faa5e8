package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** This module's main code has no file cycles and uses only what other modules export to it. */
class ModuleStructureTest {

  /**
   * Cycles kept on purpose: each is a public interface whose static factory is the entry point
   * and returns its implementation, which implements the interface (docs/architecture.md says
   * why). The list may only shrink.
   */
  private static final String[] KNOWN_CYCLES = {
      "dev.switchboard.ManualSwitchboard dev.switchboard.Switchboard "
        + "dev.switchboard.SwitchboardBuilder "
        + "dev.switchboard.internal.loop.AbstractSwitchboard "
        + "dev.switchboard.internal.loop.Engines "
        + "dev.switchboard.internal.loop.LoopHostPort "
        + "dev.switchboard.internal.loop.ManualEngine "
        + "dev.switchboard.internal.loop.SupervisorCommands "
        + "dev.switchboard.internal.loop.ThreadedEngine ",
      "dev.switchboard.affinity.RelationshipStore"
        + " dev.switchboard.internal.affinity.InMemoryRelationshipStore",
      "dev.switchboard.identity.IdentityResolver "
        + "dev.switchboard.identity.InMemoryIdentityResolver "
  };

  @Test
  void mainCode_hasNoFileCycles_andUsesOnlyExportedPackages() {
    assertThat(ModuleRules.check(Path.of("target", "classes"), KNOWN_CYCLES)).isEmpty();
  }
}
