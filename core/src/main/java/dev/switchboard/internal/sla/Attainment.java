package dev.switchboard.internal.sla;

import dev.switchboard.internal.image.StateImage;

import dev.switchboard.sla.SlaAttainment;
import dev.switchboard.sla.SlaClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Met and breached counts per key (agent, queue or channel) and clock. */
final class Attainment {

  private final Map<String, long[]> counts = new TreeMap<>();

  void count(String key, SlaClock clock, boolean met) {
    if (key == null) {
      return;
    }
    long[] c = counts.computeIfAbsent(key, k -> new long[SlaClock.values().length * 2]);
    c[clock.ordinal() * 2 + (met ? 0 : 1)]++;
  }

  /** The counts as values, sorted by key. */
  List<StateImage.CountImage> image() {
    List<StateImage.CountImage> out = new ArrayList<>();
    counts.forEach((key, c) -> out.add(new StateImage.CountImage(key,
        java.util.Arrays.stream(c).boxed().toList())));
    return out;
  }

  /** Fills empty counts from an image. */
  void restore(List<StateImage.CountImage> image) {
    image.forEach(c -> counts.put(c.key(), c.counts().stream().mapToLong(Long::longValue)
        .toArray()));
  }

  List<SlaAttainment> report() {
    List<SlaAttainment> out = new ArrayList<>();
    counts.forEach((key, c) -> {
      for (SlaClock clock : SlaClock.values()) {
        long met = c[clock.ordinal() * 2];
        long breached = c[clock.ordinal() * 2 + 1];
        if (met + breached > 0) {
          out.add(new SlaAttainment(key, clock, met, breached));
        }
      }
    });
    return out;
  }
}
