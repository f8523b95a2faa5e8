package dev.switchboard.insights;

/**
 * Hears each insight as it is found, on the thread that delivers the engine's events to the
 * {@link Insights}. Keep it short; hand slow work to another thread.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface InsightListener {

  /** Called once per insight found. */
  void onInsight(Insight insight);
}
