package dev.switchboard.internal.campaign;

import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.internal.image.StateImage;
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
  final Map<Assignee, Pacing> assignments = new LinkedHashMap<>();
  final Map<String, Long> outcomes = new LinkedHashMap<>();
  int inProgress;

  CampaignState(Campaign campaign, int channel, int[] skills, int[] levels) {
    this.campaign = campaign;
    this.channel = channel;
    this.skills = skills;
    this.levels = levels;
  }

  String id() {
    return campaign.id();
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
    image.assignments().forEach(a -> assignments.put(a.assignee(), a.pacing()));
    image.outcomes().forEach(c -> outcomes.put(c.key(), c.counts().get(0)));
    inProgress = image.inProgress();
  }
}
