package dev.switchboard.helpdesk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The phases a ticket goes through and which moves between them are legal. Immutable; start from
 * {@link #standard()} (through {@link #standardBuilder()} to rename, add or skip phases) or from
 * an empty {@link #builder()}.
 *
 * <p>Legal moves: each phase to the next one in order (the last one to {@link #CLOSED}); every
 * move added with {@link Builder#allow}; every {@link Phase.Work#outcomeRoutes() outcome route};
 * any open phase to {@link #CLOSED}; and {@link #CLOSED} back to the {@linkplain
 * Builder#reopenTo reopen phase}.
 *
 * @since 0.1
 */
public final class Lifecycle {

  /** The name of the phase every closed ticket is in; no configured phase may use it. */
  public static final String CLOSED = "closed";

  private final List<Phase> phases;
  private final Map<String, Phase> byName;
  private final Map<String, Set<String>> moves;
  private final String reopenTo;

  private Lifecycle(List<Phase> phases, Map<String, Set<String>> moves, String reopenTo) {
    this.phases = List.copyOf(phases);
    Map<String, Phase> names = new LinkedHashMap<>();
    phases.forEach(p -> names.put(p.name(), p));
    this.byName = Collections.unmodifiableMap(names);
    this.moves = moves;
    this.reopenTo = reopenTo;
  }

  /**
   * The lifecycle of seed 003: intake (manual), classification (triage queue {@code "triage"}),
   * recording (manual), reproduction (queue {@code "reproduction"}; outcome {@code
   * "not-reproducible"} goes back to classification), expert (queue {@code "experts"}),
   * implementation (queue {@code "implementation"}), system-verification (manual),
   * user-verification (7 days to confirm), closed; a reopen goes back to implementation.
   */
  public static Lifecycle standard() {
    return standardBuilder().build();
  }

  /** A builder holding the {@linkplain #standard() standard} phases, to rename, add or skip. */
  public static Builder standardBuilder() {
    Builder b = new Builder();
    b.phase(Phase.manual("intake"))
        .phase(Phase.classification("classification", "triage"))
        .phase(Phase.manual("recording"))
        .phase(Phase.work("reproduction", "reproduction")
            .onOutcome("not-reproducible", "classification"))
        .phase(Phase.work("expert", "experts"))
        .phase(Phase.work("implementation", "implementation"))
        .phase(Phase.manual("system-verification"))
        .phase(Phase.confirmation("user-verification", Duration.ofDays(7)));
    b.reopenTo = "implementation";
    return b;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The phases in order, without {@link #CLOSED}. */
  public List<Phase> phases() {
    return phases;
  }

  /** The first phase, which a new ticket enters. */
  public Phase first() {
    return phases.get(0);
  }

  /** The phase of that name; throws naming the known phases when there is none. */
  public Phase phase(String name) {
    Phase p = byName.get(Objects.requireNonNull(name, "phase"));
    if (p == null) {
      throw new IllegalArgumentException("phase '" + name + "' is not in the lifecycle; phases: "
          + byName.keySet() + " and " + CLOSED);
    }
    return p;
  }

  /** The phase after {@code name} in order, or {@link #CLOSED} after the last. */
  public String next(String name) {
    int i = phases.indexOf(phase(name));
    return i + 1 < phases.size() ? phases.get(i + 1).name() : CLOSED;
  }

  /** The phase a reopened ticket goes back to. */
  public String reopenTo() {
    return reopenTo;
  }

  /** Whether moving a ticket from one phase to the other is legal. */
  public boolean allows(String from, String to) {
    if (from.equals(CLOSED)) {
      return to.equals(reopenTo);
    }
    return to.equals(CLOSED) || moves.getOrDefault(from, Set.of()).contains(to);
  }

  /** The phases a ticket in {@code from} may move to. */
  public Set<String> legalMoves(String from) {
    if (from.equals(CLOSED)) {
      return Set.of(reopenTo);
    }
    Set<String> s = new LinkedHashSet<>(moves.getOrDefault(from, Set.of()));
    s.add(CLOSED);
    return Collections.unmodifiableSet(s);
  }

  @Override
  public String toString() {
    return "Lifecycle" + byName.keySet() + " reopen to " + reopenTo;
  }

  /**
   * Builds a {@link Lifecycle}. Phases are kept in the order given; names must be unique.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final List<Phase> phases = new ArrayList<>();
    private final List<String[]> allowed = new ArrayList<>();
    private String reopenTo;
    private boolean reopenSet;

    private Builder() {}

    /** Appends a phase. */
    public Builder phase(Phase phase) {
      Objects.requireNonNull(phase, "phase");
      requireAbsent(phase.name());
      phases.add(phase);
      return this;
    }

    /** Inserts a phase right after an existing one. */
    public Builder insertAfter(String existing, Phase phase) {
      Objects.requireNonNull(phase, "phase");
      int i = indexOf(existing);
      requireAbsent(phase.name());
      phases.add(i + 1, phase);
      return this;
    }

    /** Replaces the phase of the same name (to change its routing). */
    public Builder replace(Phase phase) {
      phases.set(indexOf(phase.name()), phase);
      return this;
    }

    /** Gives a phase a new name; moves, outcome routes and the reopen phase follow it. */
    public Builder rename(String oldName, String newName) {
      int i = indexOf(oldName);
      requireAbsent(newName);
      phases.set(i, phases.get(i).renamed(newName));
      for (int j = 0; j < phases.size(); j++) {
        if (phases.get(j) instanceof Phase.Work w && w.outcomeRoutes().containsValue(oldName)) {
          Map<String, String> routes = new LinkedHashMap<>();
          w.outcomeRoutes().forEach((o, p) -> routes.put(o, p.equals(oldName) ? newName : p));
          phases.set(j, new Phase.Work(w.name(), w.queue(), w.extraSkills(), routes));
        }
      }
      for (String[] move : allowed) {
        for (int k = 0; k < 2; k++) {
          if (move[k].equals(oldName)) {
            move[k] = newName;
          }
        }
      }
      if (oldName.equals(reopenTo)) {
        reopenTo = newName;
      }
      return this;
    }

    /**
     * Leaves a phase out: tickets go from the phase before it straight to the one after. Outcome
     * routes to it are dropped; a reopen phase left out must be replaced with {@link #reopenTo}.
     */
    public Builder skip(String name) {
      phases.remove(indexOf(name));
      for (int j = 0; j < phases.size(); j++) {
        if (phases.get(j) instanceof Phase.Work w && w.outcomeRoutes().containsValue(name)) {
          Map<String, String> routes = new LinkedHashMap<>(w.outcomeRoutes());
          routes.values().removeIf(name::equals);
          phases.set(j, new Phase.Work(w.name(), w.queue(), w.extraSkills(), routes));
        }
      }
      allowed.removeIf(m -> m[0].equals(name) || m[1].equals(name));
      return this;
    }

    /** Also allows moving from one phase to another (a step back, or a short cut). */
    public Builder allow(String from, String to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      allowed.add(new String[] {from, to});
      return this;
    }

    /** The phase a ticket reopened by its end user goes back to; set once. */
    public Builder reopenTo(String phase) {
      if (reopenSet) {
        throw new IllegalStateException("reopenTo was already set");
      }
      reopenSet = true;
      this.reopenTo = Objects.requireNonNull(phase, "reopenTo");
      return this;
    }

    /** Checks the whole lifecycle and builds it. */
    public Lifecycle build() {
      if (phases.isEmpty()) {
        throw new IllegalArgumentException("a lifecycle needs at least one phase");
      }
      Set<String> names = new LinkedHashSet<>();
      phases.forEach(p -> names.add(p.name()));
      if (reopenTo == null) {
        throw new IllegalArgumentException("no reopen phase: set reopenTo(...) to one of " + names);
      }
      if (!names.contains(reopenTo)) {
        throw new IllegalArgumentException("reopen phase '" + reopenTo
            + "' is not in the lifecycle; set reopenTo(...) to one of " + names);
      }
      Map<String, Set<String>> moves = new LinkedHashMap<>();
      for (int i = 0; i < phases.size(); i++) {
        Phase p = phases.get(i);
        Set<String> to = new LinkedHashSet<>();
        to.add(i + 1 < phases.size() ? phases.get(i + 1).name() : CLOSED);
        if (p instanceof Phase.Work w) {
          for (String target : w.outcomeRoutes().values()) {
            requireKnown(names, "outcome route of phase '" + p.name() + "'", target);
            to.add(target);
          }
        }
        moves.put(p.name(), to);
      }
      for (String[] m : allowed) {
        requireKnown(names, "allow(from)", m[0]);
        if (!m[1].equals(CLOSED)) {
          requireKnown(names, "allow(to)", m[1]);
        }
        moves.get(m[0]).add(m[1]);
      }
      moves.replaceAll((k, v) -> Collections.unmodifiableSet(v));
      return new Lifecycle(phases, Collections.unmodifiableMap(moves), reopenTo);
    }

    private static void requireKnown(Set<String> names, String what, String phase) {
      if (!names.contains(phase)) {
        throw new IllegalArgumentException(what + " names phase '" + phase
            + "', which is not in the lifecycle; phases: " + names);
      }
    }

    private int indexOf(String name) {
      Objects.requireNonNull(name, "phase name");
      for (int i = 0; i < phases.size(); i++) {
        if (phases.get(i).name().equals(name)) {
          return i;
        }
      }
      throw new IllegalArgumentException("phase '" + name + "' is not in the lifecycle; phases: "
          + phases.stream().map(Phase::name).toList());
    }

    private void requireAbsent(String name) {
      for (Phase p : phases) {
        if (p.name().equals(name)) {
          throw new IllegalArgumentException("phase '" + name + "' is already in the lifecycle");
        }
      }
    }
  }
}
