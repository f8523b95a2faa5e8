package dev.switchboard.internal.campaign;

import dev.switchboard.internal.image.StateImage;

/**
 * Time one agent spent busy, and busy on one campaign, over a trailing window of engine time, in
 * {@value #BUCKETS} buckets of a {@value #BUCKETS}th of the window each: the window read is the
 * current bucket plus the {@value #BUCKETS} before it, so it moves on a bucket at a time.
 */
final class ShareMeter {

  static final int BUCKETS = 24;

  final long windowNanos;
  /** Engine time up to which this meter has counted. */
  long countedTo;
  private final long bucketNanos;
  private final long[] bucketId = new long[BUCKETS + 1];
  private final long[] busy = new long[BUCKETS + 1];
  private final long[] campaign = new long[BUCKETS + 1];

  ShareMeter(long windowNanos, long now) {
    this.windowNanos = windowNanos;
    this.countedTo = now;
    this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
    java.util.Arrays.fill(bucketId, Long.MIN_VALUE);
  }

  /** Adds the interval [from, to): busy if the agent held any work, on campaign if this one's. */
  void add(long from, long to, boolean isBusy, boolean onCampaign) {
    if (!isBusy || to <= from) {
      return;
    }
    long start = Math.max(from, to - windowNanos - bucketNanos);
    while (start < to) {
      long b = Math.floorDiv(start, bucketNanos);
      long next = (b + 1) * bucketNanos;
      long end = next <= start ? to : Math.min(to, next);
      int slot = slot(b);
      busy[slot] += end - start;
      if (onCampaign) {
        campaign[slot] += end - start;
      }
      start = end;
    }
  }

  /** Busy nanoseconds in the window ending now. */
  long busy(long now) {
    return sum(busy, now);
  }

  /** Campaign nanoseconds in the window ending now. */
  long campaign(long now) {
    return sum(campaign, now);
  }

  /** Campaign time over busy time in the window, 0 when not busy. */
  double share(long now) {
    long b = busy(now);
    return b == 0 ? 0 : (double) campaign(now) / b;
  }

  /** When the oldest bucket leaves the window, so the share may fall. */
  long nextBoundary(long now) {
    long b = Math.floorDiv(now, bucketNanos) + 1;
    long r = b * bucketNanos;
    return r <= now ? Long.MAX_VALUE : r;
  }

  private long sum(long[] values, long now) {
    long current = Math.floorDiv(now, bucketNanos);
    long total = 0;
    for (int i = 0; i <= BUCKETS; i++) {
      if (bucketId[i] != Long.MIN_VALUE && bucketId[i] <= current
          && bucketId[i] > current - BUCKETS - 1) {
        total += values[i];
      }
    }
    return total;
  }

  private int slot(long bucket) {
    int s = (int) Math.floorMod(bucket, (long) BUCKETS + 1);
    if (bucketId[s] != bucket) {
      bucketId[s] = bucket;
      busy[s] = 0;
      campaign[s] = 0;
    }
    return s;
  }

  /** The meter as values, for snapshots. */
  StateImage.MeterImage image(String agentId, String campaignId) {
    return new StateImage.MeterImage(agentId, campaignId,
        windowNanos, countedTo, longs(bucketId), longs(busy), longs(campaign));
  }

  /** A meter set to an image's values. */
  static ShareMeter restore(StateImage.MeterImage image) {
    ShareMeter m = new ShareMeter(image.windowNanos(), image.countedTo());
    for (int i = 0; i <= BUCKETS; i++) {
      m.bucketId[i] = image.bucketIds().get(i);
      m.busy[i] = image.busy().get(i);
      m.campaign[i] = image.campaign().get(i);
    }
    return m;
  }

  private static java.util.List<Long> longs(long[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
