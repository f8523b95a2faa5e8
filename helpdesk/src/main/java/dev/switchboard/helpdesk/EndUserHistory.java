package dev.switchboard.helpdesk;

/**
 * What finished work says about one end user: how often they solved things themselves and how
 * precise their reports were. Counts only closed tickets and finished crowd questions.
 *
 * @param userId the end user
 * @param closedTickets tickets of theirs that closed
 * @param finishedQuestions crowd questions of theirs that ended
 * @param selfSolved tickets they closed as solved themselves, plus questions they withdrew as
 *     solved themselves
 * @param classifiedReports closed tickets that went through a classification phase
 * @param preciseReports of those, the ones the classifier placed confidently at once and that were
 *     never sent back to classification
 * @param reopens how often they reported a fix still broken
 * @param acceptedAnswersGiven crowd answers of theirs that other users accepted
 * @since 0.1
 */
public record EndUserHistory(String userId, int closedTickets, int finishedQuestions,
    int selfSolved, int classifiedReports, int preciseReports, int reopens,
    int acceptedAnswersGiven) {

  /** Cases (tickets and questions) the user's self-help rate is taken over. */
  public int cases() {
    return closedTickets + finishedQuestions;
  }

  /** Share of the user's cases they solved themselves, 0.0 to 1.0; 0 with no cases. */
  public double selfHelpRate() {
    return cases() == 0 ? 0.0 : (double) selfSolved / cases();
  }

  /** Share of the user's classified reports that were precise, 0.0 to 1.0; 0 with none. */
  public double reportPrecision() {
    return classifiedReports == 0 ? 0.0 : (double) preciseReports / classifiedReports;
  }

  /**
   * How much the user's input helps the process: precise reports plus accepted answers given to
   * others. Counts, not rates, so that evidence from more cases ranks higher.
   */
  public int helpfulInput() {
    return preciseReports + acceptedAnswersGiven;
  }
}
