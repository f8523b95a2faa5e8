package dev.switchboard.spring.boot.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad {@code switchboard.*} value into Boot's start-up report: which property, what was
 * found, what is allowed. Registered in {@code META-INF/spring.factories}.
 */
public final class InvalidPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidPropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidPropertyException cause) {
    String found = cause.value().isEmpty() ? "it is missing" : "it is '" + cause.value() + "'";
    return new FailureAnalysis("Switchboard could not be built from property '" + cause.property()
        + "': " + found + ".", "Set '" + cause.property() + "' to " + cause.allowed() + ".",
        cause);
  }
}
