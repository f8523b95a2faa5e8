package dev.switchboard.journal;

/**
 * When a call's {@link java.util.concurrent.CompletionStage} completes relative to the disk.
 *
 * @since 0.2
 */
public enum Durability {
  /**
   * A call completes only after its entry (and every entry before it) is on disk: forced with
   * {@code FileChannel.force}. A crash loses nothing whose call completed. Many calls share one
   * force (group commit).
   */
  SYNC,
  /**
   * A call completes as soon as the engine has applied it; the journal forces its entries in the
   * background at least every group-commit delay. A crash of the process may lose the entries
   * written in the last window (at most the group-commit delay plus one write and force); a crash
   * of the process alone (not the machine) loses only entries still in the engine's buffer.
   */
  ASYNC
}
