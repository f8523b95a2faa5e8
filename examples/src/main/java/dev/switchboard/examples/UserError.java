package dev.switchboard.examples;

/** A mistake in the command line or a scenario file: reported in one line, without a trace. */
final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }
}
