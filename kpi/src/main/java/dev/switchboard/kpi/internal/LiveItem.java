package dev.switchboard.kpi.internal;

import dev.switchboard.WorkItem;
import java.time.Instant;

/** What the KPIs need to remember of an item while it is live; dropped when it ends. */
final class LiveItem {
  final String id;
  final String channel;
  final Instant createdAt;
  final String conversation;
  final Instant slaDeadline;
  String queue;
  boolean campaign;
  boolean decided;
  boolean answered;
  int assignments;
  boolean moved;
  boolean reopening;
  String holder;
  Instant assignedAt;
  /** When the item was held after hours, until its hold ends; null when not held. */
  Instant heldSince;

  LiveItem(WorkItem item, Instant submittedAt) {
    this.id = item.id();
    this.channel = item.channel().id();
    this.createdAt = item.createdAt().orElse(submittedAt);
    this.conversation = item.conversationId().orElse(null);
    this.slaDeadline = item.slaDeadline().orElse(null);
    this.queue = item.queue();
  }

  /** True while no agent holds the item: queued or offered. */
  boolean waiting() {
    return holder == null;
  }
}
