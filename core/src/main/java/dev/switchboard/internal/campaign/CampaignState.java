package dev.switchboard.internal.campaign;

import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import java.util.ArrayDeque;
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
}
