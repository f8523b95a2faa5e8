package dev.switchboard.journal;

/**
 * A journal cannot be read or written: corruption found on start-up (the message names the file
 * and byte offset), a store in use by another engine, or an I/O failure. When thrown while an
 * engine is being built, the engine does not start. {@link JournalFencedException}, the one
 * subclass, says that another writer took the journal over.
 *
 * @since 0.2
 */
public sealed class JournalException extends RuntimeException permits JournalFencedException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public JournalException(String message) {
    super(message);
  }

  /** Creates the exception with the failure behind it. */
  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
