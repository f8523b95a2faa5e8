package dev.switchboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A listener thread streams events while readers query: every snapshot shows whole events only
 * (the backlog agrees with the day's counts), counts never go back, and the end is exact.
 */
class LiveKpisConcurrencyTest {

  private static final Instant START = Instant.parse("2025-03-03T08:00:00Z");
  private static final int ITEMS = 20_000;
  private static final int READERS = 3;

  @Test
  void queriesWhileEventsStreamIn_seeWholeEventsOnly() throws Exception {
    LiveKpis kpis = LiveKpis.builder().interval(Duration.ofMinutes(5)).build();
    CyclicBarrier start = new CyclicBarrier(READERS + 1);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(pool.submit(reader(kpis, start, done)));
      }
      Future<?> writer = pool.submit(() -> {
        start.await();
        try {
          stream(kpis);
        } finally {
          done.set(true);
        }
        return null;
      });
      writer.get(60, TimeUnit.SECONDS);
      for (Future<Integer> r : readers) {
        assertThat(r.get(60, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    IntervalKpis day = kpis.today(Dimension.ALL, Dimension.ALL_KEY).orElseThrow();
    assertThat(day.offered()).isEqualTo(ITEMS);
    assertThat(day.abandoned()).isEqualTo(ITEMS / 4);
    assertThat(day.handled()).isEqualTo(ITEMS - ITEMS / 4);
    assertThat(kpis.footprint().liveItems()).isZero();
  }

  /** Items one a second; every fourth abandons, the others are answered and completed. */
  private static void stream(LiveKpis kpis) {
    Events e = new Events();
    kpis.onEvent(e.agent(START, "ann", "red"));
    kpis.onEvent(e.available(START, "ann"));
    for (int i = 0; i < ITEMS; i++) {
      Instant t = START.plusSeconds(i);
      String id = "i" + i;
      String queue = "q" + (i % 3);
      kpis.onEvent(e.submitted(t, id, queue, "conv-" + i));
      kpis.onEvent(e.queued(t, id, queue));
      if (i % 4 == 0) {
        kpis.onEvent(e.abandoned(t.plusMillis(500), id));
      } else {
        kpis.onEvent(e.assigned(t.plusMillis(500), id, "ann"));
        kpis.onEvent(e.completed(t.plusMillis(900), id, "ann"));
      }
    }
  }

  private static Callable<Integer> reader(LiveKpis kpis, CyclicBarrier start,
      AtomicBoolean done) {
    return () -> {
      start.await();
      long lastOffered = 0;
      int checks = 0;
      do {
        KpiSnapshot s = kpis.snapshot(START);
        IntervalKpis day = s.today(Dimension.ALL, Dimension.ALL_KEY).orElse(null);
        if (day != null) {
          long waiting = s.backlog().values().stream().mapToLong(Backlog::waiting).sum();
          assertThat(waiting).as("backlog against the day's counts")
              .isEqualTo(day.offered() - day.answered() - day.abandoned());
          long byQueue = s.today().getOrDefault(Dimension.QUEUE, Map.of()).values().stream()
              .mapToLong(IntervalKpis::offered).sum();
          assertThat(byQueue).isEqualTo(day.offered());
          assertThat(day.offered()).isGreaterThanOrEqualTo(lastOffered);
          lastOffered = day.offered();
          // once an event came there is always a current interval; 96 closed ones at most
          assertThat(kpis.intervals(Dimension.QUEUE, "q1")).isNotEmpty()
              .hasSizeLessThanOrEqualTo(97);
        }
        checks++;
      } while (!done.get());
      return checks;
    };
  }
}
