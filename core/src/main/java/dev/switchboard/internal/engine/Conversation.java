package dev.switchboard.internal.engine;

import dev.switchboard.WorkItem;

/** What the engine remembers of a conversation: its live item, last item and last agent. */
final class Conversation {
  final String id;
  WorkItem lastItem;
  LiveItem live;
  String lastAgentId;
  int items;

  Conversation(String id) {
    this.id = id;
  }

  /**
   * True while the conversation has an item not yet done: a customer's new message joins it. An
   * item in wrap-up is done, so a new message becomes a new item instead of being lost.
   */
  boolean hasOpenItem() {
    return live != null && live.state != dev.switchboard.ItemState.WRAPPING_UP;
  }
}
