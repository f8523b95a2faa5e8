package dev.switchboard.helpdesk.internal;

import dev.switchboard.WorkItem;
import dev.switchboard.helpdesk.Classification;
import dev.switchboard.helpdesk.Resolution;
import dev.switchboard.helpdesk.Ticket;
import dev.switchboard.helpdesk.TicketRequest;
import dev.switchboard.helpdesk.TicketTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A ticket's live state, owned by the desk and changed only under its lock. */
final class TicketState {

  final TicketRequest request;
  final Instant openedAt;
  final List<TicketTransition> history = new ArrayList<>();
  String phase = "";
  Classification classification;
  Resolution resolution;
  /** The live switchboard item of the current phase, and the agent holding it. */
  String item;
  String holder;
  /** The live item as submitted, and the agent it was transferred to, to send again on restart. */
  WorkItem itemSpec;
  String transferTo;
  String lastAgent;
  int workCount;
  /** Bumped on every phase change, so late callbacks for an earlier phase are ignored. */
  int epoch;
  String crowdQuestion;
  int questionCount;
  int reopenCount;
  Deadlines.Deadline deadline;
  /** Classification bookkeeping: the attempt a classifier answer must match to count. */
  int classifyAttempt;
  boolean awaitingClassifier;
  Classification suggestion;
  String triageReason;
  int classificationEntries;
  boolean autoClassified;

  TicketState(TicketRequest request, Instant openedAt) {
    this.request = request;
    this.openedAt = openedAt;
  }

  String id() {
    return request.ticketId();
  }

  boolean isClosed() {
    return resolution != null;
  }

  /** Classified confidently by the classifier and never sent back to classification. */
  boolean precise() {
    return autoClassified && classificationEntries == 1;
  }

  Ticket snapshot() {
    return new Ticket(request, phase, Optional.ofNullable(classification),
        Optional.ofNullable(resolution), Optional.ofNullable(item), Optional.ofNullable(lastAgent),
        reopenCount, history, openedAt);
  }
}
