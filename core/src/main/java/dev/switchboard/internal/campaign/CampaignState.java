package dev.switchboard.internal.campaign;

import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.timer.Nanos;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One campaign's contacts, assignments and outcomes, owned by the engine loop. */
final class CampaignState {

  final Campaign campaign;
  final int channel;
  final int[] skills;
  final int[] levels;
  final Deque<CampaignContact> pending = new ArrayDeque<>();
  /** Attempts per contact id; also every contact id ever added, to refuse duplicates. */
  final Map<String, Integer> attempts = new HashMap<>();
  /** Agents who handed a contact back (rejected it, let it time out, left), per contact id. */
  final Map<String, Set<String>> handedBackBy = new HashMap<>();
  /** Who is assigned, in the order first assigned; change through {@link #assign}. */
  final Map<Assignee, Pacing> assignments = new LinkedHashMap<>();
  /** The assignees by expression among {@link #assignments}, in the same order. */
  final List<Assignee.MatchingAssignee> matching = new ArrayList<>();
  final Map<String, Long> outcomes = new LinkedHashMap<>();
  int inProgress;
  /** The hours contacts may be reached in, or null for any time. */
  private final BusinessCalendar calendar;
  /** Per contact zone: the calendar read there and its next opening as last worked out. */
  private final Map<ZoneId, Opening> openings = new HashMap<>();

  /** A zone's calendar and, checked at {@code checkedAt}, its next opening from then. */
  private static final class Opening {
    final BusinessCalendar calendar;
    long checkedAt = Long.MIN_VALUE;
    long opensAt;

    Opening(BusinessCalendar calendar) {
      this.calendar = calendar;
    }
  }

  CampaignState(Campaign campaign, int channel, int[] skills, int[] levels,
      BusinessCalendar calendar) {
    this.campaign = campaign;
    this.channel = channel;
    this.skills = skills;
    this.levels = levels;
    this.calendar = calendar;
  }

  /**
   * When the contact may first be reached from {@code now} (epoch nanoseconds): {@code now} while
   * its local calendar is open (or the campaign has none), its next opening while closed, {@link
   * Long#MAX_VALUE} when it never opens again. A zone's answer is kept while it stays closed, so a
   * long list of contacts in a few zones costs a few calendar look-ups.
   */
  long reachableAt(CampaignContact contact, long now) {
    if (calendar == null) {
      return now;
    }
    ZoneId zone = contact.zone().orElse(calendar.zone());
    Opening o = openings.computeIfAbsent(zone, z -> new Opening(calendar.inZone(z)));
    if (now < o.checkedAt || (now > o.checkedAt && now >= o.opensAt)) {
      o.checkedAt = Long.MIN_VALUE; // moved on (or back, on a restore): work it out again
    }
    if (o.checkedAt == Long.MIN_VALUE) {
      o.checkedAt = now;
      o.opensAt = o.calendar.nextOpening(Nanos.instant(now)).map(Nanos::of)
          .orElse(Long.MAX_VALUE);
    }
    return o.opensAt;
  }

  String id() {
    return campaign.id();
  }

  /** Assigns the assignee, or changes its pacing (keeping its place in the order). */
  void assign(Assignee who, Pacing pacing) {
    if (assignments.put(who, pacing) == null && who instanceof Assignee.MatchingAssignee m) {
      matching.add(m);
    }
  }

  /** Takes the assignee off. */
  void unassign(Assignee who) {
    assignments.remove(who);
    matching.remove(who);
  }

  /** The campaign as values, for snapshots. */
  StateImage.CampaignImage image() {
    List<StateImage.HandBackImage> handBacks = new ArrayList<>();
    new TreeMap<>(handedBackBy).forEach((contact, agents) -> handBacks.add(
        new StateImage.HandBackImage(contact, agents.stream().sorted().toList())));
    List<StateImage.CountImage> attemptCounts = new ArrayList<>();
    new TreeMap<>(attempts).forEach((contact, n) -> attemptCounts.add(
        new StateImage.CountImage(contact, List.of((long) n))));
    List<StateImage.CountImage> outcomeCounts = new ArrayList<>();
    outcomes.forEach((code, n) -> outcomeCounts.add(new StateImage.CountImage(code, List.of(n))));
    List<CampaignAssignment> assigned = new ArrayList<>();
    assignments.forEach((who, pacing) -> assigned.add(
        new CampaignAssignment(id(), who, pacing)));
    return new StateImage.CampaignImage(campaign, List.copyOf(pending), attemptCounts, handBacks,
        assigned, outcomeCounts, inProgress);
  }

  /** Sets this fresh campaign to the image's contacts, assignments and counts. */
  void restore(StateImage.CampaignImage image) {
    pending.addAll(image.pending());
    image.attempts().forEach(c -> attempts.put(c.key(), c.counts().get(0).intValue()));
    image.handedBackBy().forEach(h -> handedBackBy.put(h.contactId(),
        new HashSet<>(h.agentIds())));
    image.assignments().forEach(a -> assign(a.assignee(), a.pacing()));
    image.outcomes().forEach(c -> outcomes.put(c.key(), c.counts().get(0)));
    inProgress = image.inProgress();
  }
}
