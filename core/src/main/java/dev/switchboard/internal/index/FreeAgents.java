package dev.switchboard.internal.index;

import dev.switchboard.internal.engine.LiveAgent;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A lane's free agents in the strategy's order: an intrusive, doubly linked skip list whose nodes
 * belong to the agents' lane memberships and are made once, when an agent joins the lane. Leaving
 * unlinks the node without a search and joining again relinks the same node, so the churn of
 * offers and completions allocates nothing, unlike a {@code TreeSet} that allocates an entry per
 * insertion. Lookups, insertion and iteration from the first agent are O(log n) expected;
 * removal is O(node height).
 *
 * <p>Node heights come from a generator seeded per list, so a lane's shape, and with it every
 * routing decision, is the same on every run. Not thread-safe; owned by the engine loop.
 *
 * @param <L> the lane the list belongs to, carried by each node so that an agent's nodes lead
 *     back to their lanes; the list never looks at it, so it knows nothing of lanes
 */
final class FreeAgents<L> {

  /** Enough levels for far more agents than one engine holds (2^24 at p = 1/2). */
  private static final int MAX_LEVELS = 24;

  /** One agent's place in one lane; linked into the list while the agent is free there. */
  static final class Node<L> {
    final LiveAgent agent;
    final L lane;
    private final Node<L>[] next;
    private final Node<L>[] prev;
    private boolean linked;

    private Node(LiveAgent agent, L lane, int height) {
      this.agent = agent;
      this.lane = lane;
      this.next = nodes(height);
      this.prev = nodes(height);
    }

    /** True while the agent is in its lane's free list. */
    boolean linked() {
      return linked;
    }

    /** The next free agent's node in the lane's order, or null after the last. */
    Node<L> next() {
      return next[0];
    }
  }

  @SuppressWarnings("unchecked") // an array of a generic type is made raw
  private static <L> Node<L>[] nodes(int n) {
    return (Node<L>[]) new Node<?>[n];
  }

  private final Comparator<LiveAgent> order;
  private final Node<L> head = new Node<>(null, null, MAX_LEVELS);
  /** The last node linked at each level, or {@link #head} for a level with none. */
  private final Node<L>[] tail = nodes(MAX_LEVELS);
  /** Predecessors found by the last search, one per level; reused so insertion allocates none. */
  private final Node<L>[] update = nodes(MAX_LEVELS);
  private int levels = 1;
  private int size;
  private long seed;

  FreeAgents(Comparator<LiveAgent> order, long seed) {
    this.order = order;
    this.seed = seed;
    Arrays.fill(tail, head);
  }

  /** A node for the agent's membership in the lane, not yet linked. */
  Node<L> node(LiveAgent agent, L lane) {
    return new Node<>(agent, lane, randomHeight());
  }

  /** Number of linked agents. */
  int size() {
    return size;
  }

  /** The first free agent's node, or null when none is free. */
  Node<L> first() {
    return head.next[0];
  }

  /** Links the node at its agent's place in the order; it must not be linked already. */
  void add(Node<L> node) {
    if (node.linked) {
      throw new IllegalStateException(node.agent + " is already free in this lane");
    }
    int height = node.next.length;
    Node<L> last = tail[0];
    if (last == head || order.compare(last.agent, node.agent) < 0) {
      // After every linked agent: the common case, since an agent offered work or made available
      // takes the newest activity stamp, which sorts last under the idle-based orders.
      System.arraycopy(tail, 0, update, 0, height);
    } else {
      Node<L> x = head;
      for (int i = levels - 1; i >= 0; i--) {
        Node<L> n = x.next[i];
        while (n != null && order.compare(n.agent, node.agent) < 0) {
          x = n;
          n = x.next[i];
        }
        update[i] = x;
      }
      for (int i = levels; i < height; i++) {
        update[i] = head;
      }
    }
    if (height > levels) {
      levels = height;
    }
    for (int i = 0; i < height; i++) {
      Node<L> p = update[i];
      Node<L> n = p.next[i];
      node.next[i] = n;
      node.prev[i] = p;
      p.next[i] = node;
      if (n != null) {
        n.prev[i] = node;
      } else {
        tail[i] = node;
      }
      update[i] = null;
    }
    node.linked = true;
    size++;
  }

  /** Unlinks the node; a node that is not linked is left alone. */
  void remove(Node<L> node) {
    if (!node.linked) {
      return;
    }
    for (int i = 0; i < node.next.length; i++) {
      Node<L> p = node.prev[i];
      Node<L> n = node.next[i];
      p.next[i] = n;
      if (n != null) {
        n.prev[i] = p;
      } else {
        tail[i] = p;
      }
      node.next[i] = null;
      node.prev[i] = null;
    }
    while (levels > 1 && head.next[levels - 1] == null) {
      levels--;
    }
    node.linked = false;
    size--;
  }

  /**
   * The first node whose agent was added after the agent with this sequence number, or null when
   * there is none. Valid for lists in order of sequence (round robin).
   */
  Node<L> firstAfter(int sequence) {
    Node<L> x = head;
    for (int i = levels - 1; i >= 0; i--) {
      Node<L> n = x.next[i];
      while (n != null && n.agent.sequence() <= sequence) {
        x = n;
        n = x.next[i];
      }
    }
    return x.next[0];
  }

  /** Height 1 with probability 1/2, 2 with 1/4 and so on, from a splitmix64 sequence. */
  private int randomHeight() {
    seed += 0x9E3779B97F4A7C15L;
    long z = seed;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    int height = 1 + Long.numberOfTrailingZeros(z | (1L << (MAX_LEVELS - 1)));
    return Math.min(height, MAX_LEVELS);
  }
}
