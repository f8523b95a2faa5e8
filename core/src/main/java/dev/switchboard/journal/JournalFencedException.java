package dev.switchboard.journal;

/**
 * A journal refused an append because another writer has taken it over since this one opened
 * it: in a cluster, another node now leads the routing domain (its epoch is newer). The engine
 * writing to it stops, and its waiting and later calls are refused with {@code NOT_LEADER}; the
 * command belongs on the domain's current leader. Journals that fence (see the journal TCK's
 * fencing rules) throw or fail stages with this rather than a plain {@link JournalException}.
 *
 * @since 0.3
 */
public final class JournalFencedException extends JournalException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the domain and the newer writer if known. */
  public JournalFencedException(String message) {
    super(message);
  }

  /** Creates the exception with the failure behind it. */
  public JournalFencedException(String message, Throwable cause) {
    super(message, cause);
  }
}
