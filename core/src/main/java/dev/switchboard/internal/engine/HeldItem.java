package dev.switchboard.internal.engine;

/**
 * What an agent knows of an item it holds: which channel it counts against, its id and the
 * blender's handle on it. An agent keeps its load and never acts on its items; the router, which
 * does, finds the live item by id ({@link Items#heldBy}). Implemented by {@link LiveItem} only.
 */
public interface HeldItem {

  /** The item's id. */
  String id();

  /** Index of the item's channel, which the agent's load counts it against. */
  int channel();

  /** The campaign the item came from (the blender's handle), or null for inbound work. */
  Object campaignData();
}
