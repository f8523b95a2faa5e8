package dev.switchboard.helpdesk.internal;

import dev.switchboard.helpdesk.EndUserHistory;
import dev.switchboard.helpdesk.Resolution;
import dev.switchboard.crowd.internal.CrowdBook;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * End users' histories, derived from finished work each time they are asked for, so a reopened
 * ticket is counted once (when it closes again) and nothing needs undoing. Called under the
 * desk's lock.
 */
final class EndUserHistories {

  private EndUserHistories() {}

  /** Counts for one user while they are added up. */
  private static final class Counts {
    int closedTickets;
    int finishedQuestions;
    int selfSolved;
    int classifiedReports;
    int preciseReports;
    int reopens;
    int acceptedAnswersGiven;
  }

  /** Every user with finished work, in the order first seen. */
  static Map<String, EndUserHistory> of(Collection<TicketState> tickets, CrowdBook crowd) {
    Map<String, Counts> counts = new LinkedHashMap<>();
    for (TicketState t : tickets) {
      if (!t.isClosed()) {
        continue;
      }
      Counts c = counts.computeIfAbsent(t.request.endUserId(), k -> new Counts());
      c.closedTickets++;
      if (t.resolution == Resolution.SELF_SOLVED) {
        c.selfSolved++;
      }
      if (t.classificationEntries > 0) {
        c.classifiedReports++;
        if (t.precise()) {
          c.preciseReports++;
        }
      }
      c.reopens += t.reopenCount;
    }
    crowd.forEachFinished((asker, selfSolved) -> {
      Counts c = counts.computeIfAbsent(asker, k -> new Counts());
      c.finishedQuestions++;
      if (selfSolved) {
        c.selfSolved++;
      }
    });
    crowd.forEachAcceptedHelper((helper, n) ->
        counts.computeIfAbsent(helper, k -> new Counts()).acceptedAnswersGiven += n);
    Map<String, EndUserHistory> out = new LinkedHashMap<>();
    counts.forEach((user, c) -> out.put(user, new EndUserHistory(user, c.closedTickets,
        c.finishedQuestions, c.selfSolved, c.classifiedReports, c.preciseReports, c.reopens,
        c.acceptedAnswersGiven)));
    return out;
  }

  /** Highest self-help rate first among users with at least {@code minCases}; see HelpDesk. */
  static List<EndUserHistory> mostSelfReliant(Map<String, EndUserHistory> histories, int limit,
      int minCases) {
    return histories.values().stream()
        .filter(h -> h.cases() >= minCases && h.cases() > 0)
        .sorted(Comparator.comparingDouble(EndUserHistory::selfHelpRate).reversed()
            .thenComparing(Comparator.comparingInt(EndUserHistory::cases).reversed())
            .thenComparing(EndUserHistory::userId))
        .limit(limit).toList();
  }

  /** Most precise reports plus accepted answers first; see HelpDesk. */
  static List<EndUserHistory> mostHelpfulInput(Map<String, EndUserHistory> histories, int limit) {
    return histories.values().stream()
        .filter(h -> h.helpfulInput() > 0)
        .sorted(Comparator.comparingInt(EndUserHistory::helpfulInput).reversed()
            .thenComparing(Comparator.comparingDouble(EndUserHistory::reportPrecision).reversed())
            .thenComparing(EndUserHistory::userId))
        .limit(limit).toList();
  }
}
