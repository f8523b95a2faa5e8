/**
 * Spring Boot auto-configuration for Switchboard: an engine built from {@code application.yml},
 * adapters found through the adapters SPI, the journal on a file or on the application's own
 * {@code DataSource}, listener beans, an actuator health indicator, Micrometer meters and a
 * graceful shutdown. Exports the properties and the auto-configuration classes; opens its
 * packages to Spring, which creates its beans and binds its properties by reflection. The
 * optional integrations are {@code requires static}: they are used only when present.
 */
// "requires-automatic": Spring's and Micrometer's jars are automatic modules (named by their
// manifests); there is nothing else to require.
@SuppressWarnings("requires-automatic")
module dev.switchboard.spring.boot {
  requires transitive dev.switchboard;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires spring.beans;
  requires spring.context;
  requires spring.core;
  requires org.slf4j;
  requires static spring.boot.health;
  requires static dev.switchboard.journal.file;
  requires static dev.switchboard.journal.postgres;
  requires static dev.switchboard.micrometer;
  requires static dev.switchboard.kpi;
  requires static micrometer.core;
  requires static java.sql;

  exports dev.switchboard.spring.boot;

  opens dev.switchboard.spring.boot to spring.core, spring.beans, spring.context, spring.boot;
  opens dev.switchboard.spring.boot.internal to spring.core, spring.beans, spring.context,
      spring.boot;
}
