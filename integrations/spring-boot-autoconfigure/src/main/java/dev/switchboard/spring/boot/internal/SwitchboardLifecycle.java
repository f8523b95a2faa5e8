package dev.switchboard.spring.boot.internal;

import dev.switchboard.Switchboard;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the engine when the application context closes: the engine stops taking commands and
 * stops its adapters' intake, applies the commands already sent, delivers pending events and
 * closes its journal. Its phase puts it after Boot's graceful shutdown of the web server (which
 * stops taking requests and finishes those in flight, so they still reach a running engine) and
 * before the web server itself stops.
 */
public final class SwitchboardLifecycle implements SmartLifecycle {

  /**
   * Between Boot's web server graceful shutdown ({@code DEFAULT_PHASE - 1024}, stopped earlier)
   * and the web server's own stop ({@code DEFAULT_PHASE - 2048}, stopped later).
   */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardLifecycle.class);

  private final Switchboard engine;
  private volatile boolean running;

  /** Closes {@code engine} on stop. */
  public SwitchboardLifecycle(Switchboard engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    LOG.info("closing the Switchboard engine: no new commands, draining those sent, closing the"
        + " journal");
    try {
      engine.close();
    } finally {
      running = false;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
