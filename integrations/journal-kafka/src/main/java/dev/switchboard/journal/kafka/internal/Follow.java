package dev.switchboard.journal.kafka.internal;

/**
 * One domain's hot standby, as its journal sees it while {@code recover} runs on the standby's
 * build thread: the journal hands the engine each entry the leader commits, until the cluster
 * asks it to take the domain over (this node was assigned the domain's partition); then it
 * fences the old writer, reads the last entries and returns, and the engine's build goes on to
 * start it as the leader. Stopping the standby makes {@code recover} throw.
 */
final class Follow {

  private volatile boolean takeOver;
  private volatile boolean stopped;
  private volatile long applied;

  /** Take the domain over: this node holds its partition now. */
  void takeOver() {
    takeOver = true;
  }

  /** Ends following: the journal's recover throws, and the engine is not built. */
  void stop() {
    stopped = true;
  }

  /** A takeover that failed is asked again only by the cluster. */
  void reset() {
    takeOver = false;
  }

  boolean takeOverAsked() {
    return takeOver;
  }

  boolean stopped() {
    return stopped;
  }

  /** The last entry the standby handed its engine; 0 before the first. */
  long applied() {
    return applied;
  }

  void applied(long sequence) {
    applied = sequence;
  }
}
