package dev.switchboard.sim;

/**
 * What became of the calls of one population (all inbound streams, one stream, or the dialer's
 * reached calls), as counts per replication estimated over replications. Only calls that arrive
 * after the warm-up and before the horizon count. Every counted arrival ends in exactly one of
 * served, abandoned, balked, blocked, disconnected and unanswered.
 *
 * @param arrivals counted arrivals, retrials included (for the dialer: right parties reached)
 * @param retrials the arrivals that were abandoned callers calling back
 * @param served arrivals an agent took and finished
 * @param abandoned arrivals that hung up waiting (for the dialer: mismatches)
 * @param balked arrivals that left at once because they would have had to wait
 * @param blocked arrivals that found no free trunk line or a full waiting room
 * @param disconnected arrivals still waiting when the last agent left (end of day)
 * @param unanswered arrivals still waiting when the run ended
 * @param inTarget served arrivals answered within the service-level threshold
 * @param notInTarget arrivals that waited the threshold or longer, served or not
 * @param inTargetShare {@code inTarget / arrivals}
 * @param expectedArrivals the arrivals the rates promise over the counted window (retrials and
 *     busyness left out; 0 for the dialer)
 * @param serviceLevelOfExpected {@code inTarget / expectedArrivals}
 * @param tried calls the dialer placed (0 for inbound streams)
 * @since 0.5
 */
public record Outcomes(Estimate arrivals, Estimate retrials, Estimate served, Estimate abandoned,
    Estimate balked, Estimate blocked, Estimate disconnected, Estimate unanswered,
    Estimate inTarget, Estimate notInTarget, Estimate inTargetShare, Estimate expectedArrivals,
    Estimate serviceLevelOfExpected, Estimate tried) {

  /** The field names, in the order of the components, as the JSON report writes them. */
  static final String[] KEYS = {"arrivals", "retrials", "served", "abandoned", "balked",
      "blocked", "disconnected", "unanswered", "inTarget", "notInTarget", "inTargetShare",
      "expectedArrivals", "serviceLevelOfExpected", "tried"};

  /** The components in the order of {@link #KEYS}. */
  Estimate[] values() {
    return new Estimate[] {arrivals, retrials, served, abandoned, balked, blocked, disconnected,
        unanswered, inTarget, notInTarget, inTargetShare, expectedArrivals,
        serviceLevelOfExpected, tried};
  }
}
