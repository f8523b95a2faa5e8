package dev.switchboard.insights;

import java.util.List;

/**
 * A rule that looks at a closed interval and says what is wrong: the SPI for a host's own
 * insights beside the built-in ones. Called on the thread that delivers events to the {@link
 * Insights}, once per closed interval; it must not keep the context.
 *
 * @since 0.2
 */
public interface InsightRule {

  /** The rule's name, which its insights carry as {@link Insight#rule()}. */
  String name();

  /** The insights the interval shows; empty when all is well. */
  List<Insight> evaluate(InsightContext context);
}
