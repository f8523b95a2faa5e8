package dev.switchboard.journal.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.file.FileJournals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What does not fit the file journal is refused, never fatal: a command whose record would pass
 * the 16 MiB limit is refused before it is applied, naming the field and the limit; a batch of
 * campaign contacts is told how many fit; a snapshot larger than a snapshot file holds is
 * skipped and the entries kept. The engine goes on and recovers normally.
 */
class OversizedEntryTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @TempDir
  Path dir;

  private final ManualClock clock = new ManualClock(T0);

  private SwitchboardBuilder builder() {
    return Switchboard.builder().clock(clock);
  }

  private static <T> T ok(ManualSwitchboard sb, CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  private static CommandRejectedException rejection(CompletionStage<?> stage) {
    Throwable t = catchThrowable(() -> stage.toCompletableFuture().join());
    assertThat(t).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(CommandRejectedException.class);
    return (CommandRejectedException) t.getCause();
  }

  private List<String> itemIdsAfterRestart() {
    try (ManualSwitchboard sb = builder().journal(FileJournals.builder(dir).build())
        .buildManual()) {
      return ok(sb, sb.snapshot()).items().stream().map(v -> v.item().id()).toList();
    }
  }

  @Test
  void attributeOf17MiB_isRefusedNamingTheFieldAndTheLimit_andTheEngineGoesOn() {
    try (Switchboard sb = builder().journal(FileJournals.builder(dir).build()).build()) {
      sb.submit(WorkItem.builder("before", Channel.EMAIL).customer("c").build())
          .toCompletableFuture().join();

      CommandRejectedException e = rejection(sb.submit(WorkItem.builder("huge", Channel.EMAIL)
          .customer("c").attribute("note", "x".repeat(17 << 20)).build()));

      assertThat(e.reason()).isEqualTo(Reason.INVALID_VALUE);
      assertThat(e).hasMessageContaining("more than 16777216 bytes (16.0 MiB) in the journal")
          .hasMessageContaining("its largest field is attributes.note, 17825792 bytes");
      sb.submit(WorkItem.builder("after", Channel.EMAIL).customer("c").build())
          .toCompletableFuture().join();
      assertThat(sb.snapshot().toCompletableFuture().join().items())
          .extracting(v -> v.item().id()).containsExactly("before", "after");
    }
    assertThat(itemIdsAfterRestart()).containsExactly("before", "after");
  }

  @Test
  void contactBatchPastTheLimit_isRefusedSayingHowManyFit_andThoseBatchesGoIn() {
    Journal journal = new FileJournal(new FileStorage(dir), Durability.SYNC, 0, 1 << 20, 0, 2, false,
        8192, Format.MAX_SNAPSHOT_STATE);
    List<CampaignContact> contacts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      contacts.add(new CampaignContact("k" + i, "customer-" + i, Map.of("script", "call " + i)));
    }
    try (ManualSwitchboard sb = builder().journal(journal).buildManual()) {
      ok(sb, sb.supervisor().addCampaign(Campaign.builder("promo", Channel.SMS).build()));
      CompletionStage<Void> all = sb.supervisor().addContacts("promo", contacts);
      sb.drain();
      CommandRejectedException e = rejection(all);
      assertThat(e.reason()).isEqualTo(Reason.INVALID_VALUE);
      assertThat(e).hasMessageContaining("these 300 contacts need more than 8192 bytes");
      int fit = Integer.parseInt(e.getMessage().replaceAll(".*the first (\\d+) fit.*", "$1"));
      assertThat(fit).isBetween(100, 299);
      for (int from = 0; from < contacts.size(); from += fit) {
        ok(sb, sb.supervisor().addContacts("promo",
            contacts.subList(from, Math.min(from + fit, contacts.size()))));
      }
    }
    try (ManualSwitchboard sb = builder().journal(FileJournals.builder(dir).build())
        .buildManual()) {
      assertThat(ok(sb, sb.supervisor().campaignReport()).campaigns().get(0).pending())
          .isEqualTo(300);
    }
  }

  @Test
  void snapshotLargerThanAFileHolds_isSkipped_andTheEntriesAreKept() throws IOException {
    Journal journal = new FileJournal(new FileStorage(dir), Durability.SYNC, 0, 4096, 5, 2, false,
        Format.MAX_PAYLOAD, 64);
    try (ManualSwitchboard sb = builder().journal(journal).buildManual()) {
      for (int i = 0; i < 30; i++) {
        ok(sb, sb.submit(WorkItem.builder("i" + i, Channel.EMAIL).customer("c").build()));
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).noneMatch(n -> n.startsWith("snap-"))
          .contains(Format.segmentName(1));
    }
    assertThat(itemIdsAfterRestart()).hasSize(30).startsWith("i0").endsWith("i29");
  }

  @Test
  void fileJournal_declaresItsRecordLimit() {
    assertThat(FileJournals.builder(dir).build().maxEntryBytes()).isEqualTo(16 << 20);
  }
}
