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
}
