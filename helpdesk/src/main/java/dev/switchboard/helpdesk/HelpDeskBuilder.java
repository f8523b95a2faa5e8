package dev.switchboard.helpdesk;

import dev.switchboard.crowd.CrowdEvent;
import dev.switchboard.crowd.CrowdPolicy;
import dev.switchboard.crowd.RewardHook;
import dev.switchboard.helpdesk.internal.Desk;
import dev.switchboard.helpdesk.internal.DeskConfig;
import dev.switchboard.journal.Journal;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Configures a {@link HelpDesk}. Each single-valued option may be set once; a second call fails
 * naming the option.
 *
 * @since 0.1
 */
public final class HelpDeskBuilder {

  private final Set<String> setOnce = new LinkedHashSet<>();
  private final List<Consumer<? super HelpDeskEvent>> listeners = new ArrayList<>();
  private final List<Consumer<? super CrowdEvent>> crowdListeners = new ArrayList<>();
  private final List<RewardHook> rewardHooks = new ArrayList<>();
  private InstantSource clock = Clock.systemUTC();
  private Lifecycle lifecycle = Lifecycle.standard();
  private Classifier classifier = request -> Classification.UNKNOWN;
  private double confidenceThreshold = 0.7;
  private Duration classifierTimeout = Duration.ofSeconds(5);
  private Executor classifierExecutor;
  private Duration tickEvery;
  private CrowdPolicy crowdPolicy = CrowdPolicy.staffOnly();
  private Journal journal;

  HelpDeskBuilder() {}

  /** The clock; use the switchboard's. The system UTC clock by default. */
  public HelpDeskBuilder clock(InstantSource clock) {
    once("clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The ticket lifecycle; {@link Lifecycle#standard()} by default. */
  public HelpDeskBuilder lifecycle(Lifecycle lifecycle) {
    once("lifecycle");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    return this;
  }

  /** The classifier; by default one that knows nothing, so every ticket goes to triage. */
  public HelpDeskBuilder classifier(Classifier classifier) {
    once("classifier");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    return this;
  }

  /** Results below this confidence (0.0 to 1.0) go to human triage; 0.7 by default. */
  public HelpDeskBuilder confidenceThreshold(double threshold) {
    once("confidenceThreshold");
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException(
          "confidenceThreshold is " + threshold + "; allowed: 0.0 to 1.0");
    }
    this.confidenceThreshold = threshold;
    return this;
  }

  /** A classification not answered within this long goes to triage; 5 seconds by default. */
  public HelpDeskBuilder classifierTimeout(Duration timeout) {
    once("classifierTimeout");
    this.classifierTimeout = positive("classifierTimeout", timeout);
    return this;
  }

  /**
   * Where the classifier runs. By default a daemon thread the help desk owns; tests pass {@code
   * Runnable::run} to classify on the calling thread, deterministically.
   */
  public HelpDeskBuilder classifierExecutor(Executor executor) {
    once("classifierExecutor");
    this.classifierExecutor = Objects.requireNonNull(executor, "classifierExecutor");
    return this;
  }

  /**
   * Starts a daemon thread that handles due deadlines this often, for hosts on a real clock.
   * Without it deadlines are handled on the next call, event or {@link HelpDesk#runDue()}.
   */
  public HelpDeskBuilder tickEvery(Duration period) {
    once("tickEvery");
    this.tickEvery = positive("tickEvery", period);
    return this;
  }

  /** Which questions may go to power users; by default none ({@link CrowdPolicy#staffOnly()}). */
  public HelpDeskBuilder crowdPolicy(CrowdPolicy policy) {
    once("crowdPolicy");
    this.crowdPolicy = Objects.requireNonNull(policy, "crowdPolicy");
    return this;
  }

  /**
   * Records every change of the help desk (tickets, phases, classifications, crowd questions and
   * answers, the points ledger) in the journal and, on build, rebuilds the help desk from what
   * the journal already holds; none by default. Give the help desk a store of its own, not the
   * switchboard's (with the file journal, another directory), and configure the help desk as it
   * was when the journal was written. A call that changes something returns once its entry is as
   * durable as the journal promises; listeners, reward hooks and switchboard commands hear of a
   * change only then. After a restart, {@link HelpDesk#connect} reconciles the help desk's work
   * items with the switchboard's. The help desk closes the journal when it closes. See {@code
   * docs/durability.md}.
   *
   * @since 0.2
   */
  public HelpDeskBuilder journal(Journal journal) {
    once("journal");
    this.journal = Objects.requireNonNull(journal, "journal");
    return this;
  }

  /**
   * Adds a listener for ticket events. It is called after the change that made the event, outside
   * the help desk's lock, in order and one call at a time, on whichever thread made the change: a
   * host thread, the switchboard's listener thread (or the thread stepping a manual switchboard),
   * the classifier's thread or the ticker; with a journal, also the help desk's effects thread,
   * which runs what a change caused once the change is durable. It may call the help desk back;
   * it must not block long.
   */
  public HelpDeskBuilder listener(Consumer<? super HelpDeskEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Adds a listener for crowd events; called as {@link #listener} listeners are. */
  public HelpDeskBuilder crowdListener(Consumer<? super CrowdEvent> listener) {
    crowdListeners.add(Objects.requireNonNull(listener, "crowdListener"));
    return this;
  }

  /**
   * Adds a hook told whenever a helper earns points, to turn them into rewards; called as {@link
   * #listener} listeners are.
   */
  public HelpDeskBuilder rewardHook(RewardHook hook) {
    rewardHooks.add(Objects.requireNonNull(hook, "rewardHook"));
    return this;
  }

  /**
   * Builds the help desk, replaying its journal if it has one; connect a switchboard before use.
   * Throws {@link dev.switchboard.journal.JournalException} when the journal cannot be read or
   * does not replay on this configuration.
   */
  public HelpDesk build() {
    return new Desk(new DeskConfig(clock, lifecycle, classifier, confidenceThreshold,
        classifierTimeout, Optional.ofNullable(classifierExecutor),
        Optional.ofNullable(tickEvery), crowdPolicy, List.copyOf(listeners),
        List.copyOf(crowdListeners), List.copyOf(rewardHooks), Optional.ofNullable(journal)));
  }

  private void once(String option) {
    if (!setOnce.add(option)) {
      throw new IllegalStateException(option + " was already set");
    }
  }

  private static Duration positive(String option, Duration d) {
    Objects.requireNonNull(d, option);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + " is " + d + "; it must be positive");
    }
    return d;
  }
}
