package dev.switchboard.spring.boot;

import dev.switchboard.SwitchboardBuilder;

/**
 * Changes the engine's builder after the {@code switchboard.*} properties, the listener beans and
 * the journal were applied and before the engine is built: for what properties do not express
 * (a clock, affinity options, an identity resolver, adapters made in code). Declare one or more
 * as beans; they run in {@code @Order}. An option set both by a property and by a customizer is
 * refused by the builder, naming the option.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SwitchboardBuilderCustomizer {

  /** Changes the builder. */
  void customize(SwitchboardBuilder builder);
}
