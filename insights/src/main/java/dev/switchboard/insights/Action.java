package dev.switchboard.insights;

import dev.switchboard.Channel;
import dev.switchboard.affinity.OverloadInsight;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an insight recommends, in the engine's own terms: agents to staff with given skills,
 * agents to give a skill, accounts to move. Host rules that recommend something else use {@link
 * Custom}.
 *
 * @since 0.2
 */
public sealed interface Action {

  /** The action in one sentence, for people. */
  String describe();

  /**
   * Staff more agents for a queue's work in the next intervals like the one measured.
   *
   * @param queue the queue
   * @param channel the channel its work arrived on (the most frequent one)
   * @param skills the skills and minimum levels its work required (the most frequent set)
   * @param staffed agents able to take the work who were staffed in the interval
   * @param needed agents needed to meet the queue's target
   */
  record StaffAgents(String queue, Channel channel, Map<String, Integer> skills, int staffed,
      int needed) implements Action {
    /** Copies the map and checks the counts. */
    public StaffAgents {
      Objects.requireNonNull(queue, "queue");
      Objects.requireNonNull(channel, "channel");
      skills = Map.copyOf(skills);
      if (staffed < 0 || needed < 0) {
        throw new IllegalArgumentException("staffed " + staffed + " and needed " + needed
            + " must not be negative");
      }
    }

    /** Agents to add: {@code needed - staffed}, at least zero. */
    public int toAdd() {
      return Math.max(0, needed - staffed);
    }

    @Override
    public String describe() {
      return "staff " + needed + " agents with " + skills + " on " + channel.id() + " for queue "
          + queue + " (" + staffed + " staffed, add " + toAdd() + ")";
    }
  }

  /**
   * Give agents a skill they lack, so that work waiting for it finds them.
   *
   * @param skill the skill
   * @param level the level to give
   * @param agentIds the agents, most idle first
   */
  record CrossSkill(String skill, int level, List<String> agentIds) implements Action {
    /** Copies the list. */
    public CrossSkill {
      Objects.requireNonNull(skill, "skill");
      agentIds = List.copyOf(agentIds);
    }

    @Override
    public String describe() {
      return "give " + skill + " at level " + level + " to " + String.join(", ", agentIds);
    }
  }

  /**
   * Move accounts off an overloaded agent ({@code Supervisor.moveAccounts}).
   *
   * @param agentId the overloaded agent
   * @param accounts the accounts at risk and where each could go
   */
  record MoveAccounts(String agentId, List<OverloadInsight.AccountMove> accounts)
      implements Action {
    /** Copies the list. */
    public MoveAccounts {
      Objects.requireNonNull(agentId, "agentId");
      accounts = List.copyOf(accounts);
    }

    @Override
    public String describe() {
      return "move " + accounts.size() + " account(s) off " + agentId;
    }
  }

  /**
   * Cap how long a queue's items wait at affinity steps (the customer's own or recent agents)
   * before any agent with the skills may take them: the {@code PolicyStep.waitFor} of those steps.
   *
   * @param queue the queue
   * @param longestSeen the longest affinity wait an answered item had in the interval
   * @param cap the longest wait to allow there
   */
  record SetAffinityWait(String queue, Duration longestSeen, Duration cap) implements Action {
    /** Checks the fields are present. */
    public SetAffinityWait {
      Objects.requireNonNull(queue, "queue");
      Objects.requireNonNull(longestSeen, "longestSeen");
      Objects.requireNonNull(cap, "cap");
    }

    @Override
    public String describe() {
      return "cap the wait at affinity steps of queue " + queue + " at " + cap.toSeconds()
          + "s (items waited up to " + longestSeen.toSeconds() + "s)";
    }
  }

  /**
   * Look into how an agent works: a measure of theirs stands out from their peers' beyond what
   * chance explains (coaching, a tool, a kind of work only they get).
   *
   * @param agentId the agent
   * @param measure the measure that stands out, e.g. {@code averageHandleTime}
   * @param finding what stands out, for people
   */
  record Review(String agentId, String measure, String finding) implements Action {
    /** Checks the fields are present. */
    public Review {
      Objects.requireNonNull(agentId, "agentId");
      Objects.requireNonNull(measure, "measure");
      Objects.requireNonNull(finding, "finding");
    }

    @Override
    public String describe() {
      return "review " + measure + " of " + agentId + ": " + finding;
    }
  }

  /**
   * An action a host's own rule recommends.
   *
   * @param description what to do, for people
   */
  record Custom(String description) implements Action {
    /** Checks the description is present. */
    public Custom {
      Objects.requireNonNull(description, "description");
    }

    @Override
    public String describe() {
      return description;
    }
  }
}
