package dev.switchboard.crowd;

import java.time.Duration;
import java.util.Optional;

/**
 * How the crowd is doing. Rates are over the questions offered to the crowd; 0 when there were
 * none.
 *
 * @param asked every question asked: the total volume
 * @param offeredToCrowd questions offered to power users
 * @param keptForStaff questions sent straight to staff (policy, or no helper available)
 * @param answered crowd questions that got at least one answer
 * @param unanswered crowd questions with no answer within the time limit
 * @param solvedByCrowd crowd questions whose asker accepted an answer
 * @param rejected crowd questions whose asker rejected an answer
 * @param abandoned crowd questions the asker withdrew or never decided on
 * @param solvedByStaff questions staff completed, whatever brought them there
 * @param meanTimeToFirstAnswer mean time from asking to the first crowd answer, if any answered
 * @param pointsAwarded points earned by helpers
 * @param costSaved staff cost of the crowd's solved questions less the cost of the points
 * @since 0.1
 */
public record CrowdMeasures(long asked, long offeredToCrowd, long keptForStaff, long answered,
    long unanswered, long solvedByCrowd, long rejected, long abandoned, long solvedByStaff,
    Optional<Duration> meanTimeToFirstAnswer, long pointsAwarded, double costSaved) {

  /** Share of crowd questions that got no answer in time. */
  public double unansweredRate() {
    return rate(unanswered);
  }

  /** Share of crowd questions the crowd solved. */
  public double solvedRate() {
    return rate(solvedByCrowd);
  }

  /** Share of crowd questions the asker abandoned. */
  public double abandonedRate() {
    return rate(abandoned);
  }

  /** Share of all questions the crowd solved. */
  public double crowdShare() {
    return asked == 0 ? 0.0 : (double) solvedByCrowd / asked;
  }

  private double rate(long n) {
    return offeredToCrowd == 0 ? 0.0 : (double) n / offeredToCrowd;
  }
}
