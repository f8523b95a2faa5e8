package dev.switchboard.helpdesk;

import dev.switchboard.crowd.Crowd;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Everything a help desk shows, in plain values, for comparing a desk with one rebuilt from its
 * journal: every ticket with its history, the corrections, every crowd question, the power
 * users, the ledger and balances, the end users' histories and rankings, the measures, the
 * counters and the next deadline. Host code failures are left out: host code is not replayed.
 */
public final class DeskState {

  private DeskState() {}

  /** The state of the desk for the ids it was given. */
  public static List<Object> of(HelpDesk desk, Collection<String> ticketIds,
      Collection<String> questionIds, Collection<String> userIds) {
    List<Object> out = new ArrayList<>();
    for (String id : ticketIds) {
      out.add(desk.ticket(id));
    }
    out.add(desk.corrections());
    Crowd crowd = desk.crowd();
    for (String id : questionIds) {
      out.add(crowd.question(id));
    }
    out.add(crowd.powerUsers());
    out.add(crowd.ledger());
    for (String id : userIds) {
      out.add(id + " has " + crowd.points(id) + " points");
      out.add(desk.endUser(id));
    }
    out.add(crowd.measures());
    HelpDeskStats s = desk.stats();
    out.add(new HelpDeskStats(s.openTickets(), s.closedTickets(), s.classifierCalls(),
        s.classifierFailures(), s.classifierTimeouts(), s.lateClassifierResults(),
        s.lowConfidence(), s.triaged(), s.commandFailures(), 0, s.internalFailures()));
    out.add(desk.mostSelfReliant(1000, 0));
    out.add(desk.mostHelpfulInput(1000));
    out.add(desk.nextDeadline());
    return out;
  }
}
