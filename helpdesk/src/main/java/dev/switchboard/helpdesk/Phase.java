package dev.switchboard.helpdesk;

import dev.switchboard.internal.check.Checks;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One phase of a ticket's {@link Lifecycle}, and how the work of that phase is routed.
 *
 * @since 0.1
 */
public sealed interface Phase {

  /** The phase's name, unique within its lifecycle. */
  String name();

  /** This phase under another name, routed the same way. */
  Phase renamed(String newName);

  /**
   * A phase nobody is routed for: the host (or a system check of its own) calls {@link
   * HelpDesk#advance} or {@link HelpDesk#moveTo} when it is done. Intake, recording and the
   * system's verification are usually manual.
   */
  static Phase manual(String name) {
    return new Manual(name);
  }

  /**
   * Classification: the {@link Classifier} runs on entry; a confident result is applied and the
   * ticket moves on, anything else (low confidence, an exception, a timeout) becomes an item in
   * {@code triageQueue} for a person, whose {@link HelpDesk#classify} finishes the phase.
   */
  static Phase classification(String name, String triageQueue) {
    return new Classify(name, triageQueue);
  }

  /**
   * Work routed through the switchboard: on entry an item goes to {@code queue} requiring the
   * ticket's skills; its completion moves the ticket to the next phase. The queue's routing
   * policy decides who takes it, so an expert tier that widens when nobody takes it in time is a
   * policy of steps on that queue.
   */
  static Work work(String name, String queue) {
    return new Work(name, queue, Map.of(), Map.of());
  }

  /**
   * The crowd first: when the {@link dev.switchboard.crowd.CrowdPolicy} gives the ticket's primary
   * category to the crowd, the ticket is asked as a crowd question for its end user. An accepted
   * answer closes it as {@link Resolution#SOLVED_BY_CROWD}; the asker giving up closes it as
   * {@link Resolution#ABANDONED}; any fallback to staff (policy, no helper, no answer in time, a
   * rejected answer), or a ticket with no category, moves it on to the next phase, so staff
   * phases follow with the crowd's history in the question.
   */
  static Phase crowd(String name) {
    return new Crowd(name);
  }

  /**
   * The end user's verification: closes as {@link Resolution#CONFIRMED} on {@link
   * HelpDesk#confirm}, reopens on {@link HelpDesk#reportStillBroken}, and closes as {@link
   * Resolution#UNCONFIRMED} when the user says nothing within {@code timeout}.
   */
  static Phase confirmation(String name, Duration timeout) {
    return new Confirmation(name, timeout);
  }

  /**
   * A phase with no routing.
   *
   * @param name the phase name
   */
  record Manual(String name) implements Phase {
    /** Validates the name. */
    public Manual {
      checkName(name);
    }

    @Override
    public Phase renamed(String newName) {
      return new Manual(newName);
    }
  }

  /**
   * Automatic classification with a human triage queue behind it.
   *
   * @param name the phase name
   * @param triageQueue the switchboard queue of the people who classify by hand
   */
  record Classify(String name, String triageQueue) implements Phase {
    /** Validates the fields. */
    public Classify {
      checkName(name);
      Checks.id("triage queue", triageQueue);
    }

    @Override
    public Phase renamed(String newName) {
      return new Classify(newName, triageQueue);
    }
  }

  /**
   * Work routed to skilled agents through a switchboard queue.
   *
   * @param name the phase name
   * @param queue the switchboard queue the phase's item joins
   * @param extraSkills skills required on top of the ticket's own (the higher level wins)
   * @param outcomeRoutes outcome code to the phase the ticket moves to when the work completes
   *     with that outcome (for example {@code "not-reproducible"} back to classification); any
   *     other outcome moves to the next phase
   */
  record Work(String name, String queue, Map<String, Integer> extraSkills,
      Map<String, String> outcomeRoutes) implements Phase {
    /** Validates and copies the fields. */
    public Work {
      checkName(name);
      Checks.id("queue", queue);
      Map<String, Integer> skills = new LinkedHashMap<>();
      Objects.requireNonNull(extraSkills, "extraSkills").forEach((s, l) ->
          skills.put(Checks.id("skill name", s), Checks.level("phase " + name + " level", s, l)));
      extraSkills = Collections.unmodifiableMap(skills);
      Map<String, String> routes = new LinkedHashMap<>();
      Objects.requireNonNull(outcomeRoutes, "outcomeRoutes").forEach((o, p) ->
          routes.put(Checks.id("outcome code", o), checkName(p)));
      outcomeRoutes = Collections.unmodifiableMap(routes);
    }

    /** This phase also requiring the skill at the level. */
    public Work requireSkill(String skill, int level) {
      Map<String, Integer> skills = new LinkedHashMap<>(extraSkills);
      skills.put(skill, level);
      return new Work(name, queue, skills, outcomeRoutes);
    }

    /** This phase moving to {@code phase} when its work completes with the outcome code. */
    public Work onOutcome(String outcomeCode, String phase) {
      Map<String, String> routes = new LinkedHashMap<>(outcomeRoutes);
      routes.put(outcomeCode, phase);
      return new Work(name, queue, extraSkills, routes);
    }

    @Override
    public Phase renamed(String newName) {
      return new Work(newName, queue, extraSkills, outcomeRoutes);
    }
  }

  /**
   * The crowd first, staff after.
   *
   * @param name the phase name
   */
  record Crowd(String name) implements Phase {
    /** Validates the name. */
    public Crowd {
      checkName(name);
    }

    @Override
    public Phase renamed(String newName) {
      return new Crowd(newName);
    }
  }

  /**
   * The end user's confirmation, with a time limit.
   *
   * @param name the phase name
   * @param timeout how long the end user has to answer before the ticket closes unconfirmed
   */
  record Confirmation(String name, Duration timeout) implements Phase {
    /** Validates the fields. */
    public Confirmation {
      checkName(name);
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "confirmation timeout of phase " + name + " is " + timeout + "; it must be positive");
      }
    }

    @Override
    public Phase renamed(String newName) {
      return new Confirmation(newName, timeout);
    }
  }

  private static String checkName(String name) {
    Checks.id("phase name", name);
    if (name.equals(Lifecycle.CLOSED)) {
      throw new IllegalArgumentException("phase name '" + Lifecycle.CLOSED
          + "' is reserved for the end of every lifecycle");
    }
    return name;
  }
}
