package dev.switchboard.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.ModuleRules;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** This module's main code has no file cycles and uses only what other modules export to it. */
class ModuleStructureTest {

  @Test
  void mainCode_hasNoFileCycles_andUsesOnlyExportedPackages() {
    assertThat(ModuleRules.check(Path.of("target", "classes"))).isEmpty();
  }
}
