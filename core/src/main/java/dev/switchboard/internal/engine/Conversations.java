package dev.switchboard.internal.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conversations the engine knows: those with a live item, kept for as long as it lives, and
 * idle ones, least recently used first, of which only the latest {@code memory} are kept.
 */
final class Conversations {

  /** Conversations with a live item; never forgotten. */
  final Map<String, Conversation> open = new HashMap<>();
  /** Conversations without one, least recently used first; the eldest are forgotten. */
  final Map<String, Conversation> idle = new LinkedHashMap<>();
  private final int memory;

  Conversations(int memory) {
    this.memory = memory;
  }

  /** The conversation, open or idle, or null when unknown or forgotten. */
  Conversation find(String id) {
    Conversation c = open.get(id);
    return c != null ? c : idle.get(id);
  }

  /** The conversation an item is being admitted to, moved to (or created as) open. */
  Conversation open(String id) {
    Conversation c = open.get(id);
    if (c == null) {
      c = idle.remove(id);
      if (c == null) {
        c = new Conversation(id);
      }
      open.put(id, c);
    }
    return c;
  }

  /** The conversation's live item ended: it becomes the most recently used idle one. */
  void idle(Conversation c) {
    open.remove(c.id);
    idle.put(c.id, c);
    if (idle.size() > memory) {
      Iterator<Conversation> eldest = idle.values().iterator();
      eldest.next();
      eldest.remove();
    }
  }
}
