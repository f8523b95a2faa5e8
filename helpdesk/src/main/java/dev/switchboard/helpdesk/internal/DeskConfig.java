package dev.switchboard.helpdesk.internal;

import dev.switchboard.crowd.CrowdEvent;
import dev.switchboard.crowd.CrowdPolicy;
import dev.switchboard.crowd.RewardHook;
import dev.switchboard.helpdesk.Classifier;
import dev.switchboard.helpdesk.HelpDeskEvent;
import dev.switchboard.helpdesk.Lifecycle;
import dev.switchboard.journal.Journal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** The checked configuration of a help desk, as its builder collected it. */
public record DeskConfig(InstantSource clock, Lifecycle lifecycle, Classifier classifier,
    double confidenceThreshold, Duration classifierTimeout, Optional<Executor> classifierExecutor,
    Optional<Duration> tickEvery, CrowdPolicy crowdPolicy,
    List<Consumer<? super HelpDeskEvent>> listeners,
    List<Consumer<? super CrowdEvent>> crowdListeners, List<RewardHook> rewardHooks,
    Optional<Journal> journal) {}
