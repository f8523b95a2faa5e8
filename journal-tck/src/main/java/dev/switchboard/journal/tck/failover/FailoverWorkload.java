package dev.switchboard.journal.tck.failover;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/** The failover tests' load, and the percentile they report failover times with. */
public final class FailoverWorkload {

  private FailoverWorkload() {}

  /** One domain's client: three agents, then items submitted and, now and then, finished. */
  public static void work(FailoverClient client, String domain, Random random,
      AtomicBoolean stop) {
    try {
      for (String agent : List.of("a1", "a2", "a3")) {
        client.send(domain, "add-agent", agent);
      }
      List<String> open = new ArrayList<>();
      int next = 0;
      while (!stop.get()) {
        String item = "i" + next++;
        if (client.send(domain, "submit", item).status() == FailoverClient.Status.ACKED) {
          open.add(item);
        }
        if (!open.isEmpty() && random.nextBoolean()) {
          String done = open.get(random.nextInt(open.size()));
          FailoverClient.Sent s = client.send(domain, "finish", done);
          if (s.status() != FailoverClient.Status.REJECTED) {
            open.remove(done); // finished, or may have been: never finished twice
          }
        }
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The p-th percentile (nearest rank) of sorted values. */
  public static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
