package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.loop.Command;
import dev.switchboard.internal.loop.ManualEngine;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import dev.switchboard.journal.Journals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A command whose journal entry would exceed the journal's {@link Journal#maxEntryBytes} is
 * refused before it is applied, with {@code INVALID_VALUE} naming the limit and the largest
 * field; the engine is left as it was and goes on. A batch of campaign contacts is told how many
 * of its contacts fit.
 */
class EntryLimitTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final int LIMIT = 1024;

  private final ManualClock clock = new ManualClock(T0);
  private final CommandCodec codec = new CommandCodec(List.of(Channel.CHAT, Channel.SMS));

  /** An in-memory journal that holds entries of at most {@link #LIMIT} bytes. */
  private static final class SmallEntries implements Journal {
    final InMemoryJournal store = Journals.inMemory();

    @Override
    public void recover(Recovery recovery) {
      store.recover(recovery);
    }

    @Override
    public CompletionStage<Void> append(JournalEntry entry) {
      assertThat(entry.payload().length).as("an entry past the limit reached the journal")
          .isLessThanOrEqualTo(LIMIT);
      return store.append(entry);
    }

    @Override
    public void snapshot(JournalSnapshot snapshot) {
      store.snapshot(snapshot);
    }

    @Override
    public int maxEntryBytes() {
      return LIMIT;
    }

    @Override
    public void close() {}
  }

  private ManualSwitchboard engine(Journal journal) {
    return Switchboard.builder().clock(clock).journal(journal).buildManual();
  }

  private static <T> T ok(ManualSwitchboard sb, CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  private static CommandRejectedException rejected(ManualSwitchboard sb, CompletionStage<?> stage) {
    sb.drain();
    Throwable t = catchThrowable(() -> stage.toCompletableFuture().join());
    assertThat(t).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(CommandRejectedException.class);
    return (CommandRejectedException) t.getCause();
  }

  private static StateImage image(ManualSwitchboard sb) {
    return ((ManualEngine) sb).engine().exportState();
  }

  @Test
  void submitLargerThanAnEntry_isRefusedNamingTheFieldAndTheLimit_andChangesNothing() {
    SmallEntries journal = new SmallEntries();
    ManualSwitchboard sb = engine(journal);
    ok(sb, sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 1).build()));
    ok(sb, sb.setPresence("ann", Presence.AVAILABLE));
    StateImage before = image(sb);
    int entries = journal.store.entries().size();

    CommandRejectedException e = rejected(sb, sb.submit(WorkItem.builder("big", Channel.CHAT)
        .customer("c").attribute("topic", "billing").attribute("note", "x".repeat(2000))
        .build()));

    assertThat(e.reason()).isEqualTo(Reason.INVALID_VALUE);
    assertThat(e).hasMessageContaining("Submit needs more than 1024 bytes in the journal")
        .hasMessageContaining("its largest field is attributes.note, 2000 bytes");
    assertThat(image(sb)).as("the refused command changed nothing").isEqualTo(before);
    assertThat(journal.store.entries()).hasSize(entries);

    ok(sb, sb.submit(WorkItem.builder("small", Channel.CHAT).customer("c").build()));
    assertThat(ok(sb, sb.snapshot()).item("small").orElseThrow().agentId()).contains("ann");
    ManualSwitchboard restarted = engine(new ForkedJournal(journal.store));
    assertThat(image(restarted)).isEqualTo(image(sb));
  }

  @Test
  void largestField_isNamedByItsPath_throughMapsListsRecordsAndKeys() {
    Command nested = new Command.FollowUp("conv", Map.of("a", Map.of("b",
        List.of("short", "y".repeat(3000)))));
    assertThat(EntryLimit.tooLarge(nested, 0, LIMIT))
        .startsWith("FollowUp needs more than 1024 bytes in the journal, the most one entry"
            + " holds; its largest field is attributes.a.b[1], 3000 bytes.");
    Command key = new Command.FollowUp("conv", Map.of("k".repeat(3000), 1));
    assertThat(EntryLimit.tooLarge(key, 0, LIMIT))
        .contains("its largest field is attributes.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...(3000"
            + " chars) (the key), 3000 bytes");
    Command reply = new Command.ChannelReply("ann", "i1", "\uD83D\uDE00".repeat(1000));
    assertThat(EntryLimit.tooLarge(reply, 0, LIMIT))
        .contains("ChannelReply needs more than 1024 bytes")
        .contains("its largest field is body, 4000 bytes");
    Command lone = new Command.ChannelReply("ann", "i1", "\uD83D".repeat(1000));
    assertThat(EntryLimit.tooLarge(lone, 0, LIMIT)).contains("body, 2000 bytes");
  }

  @Test
  void fieldSizes_areTheBytesTheCodecWrites() {
    for (String s : new String[] {"", "abc", "é", "日本", "\uD83D\uDE00", "\uD83D", "a\uDE00b",
        "\u0000"}) {
      byte[] written = new Wire.Out().str(s).toByteArray();
      assertThat(4 + EntryLimit.encodedLength(s)).as("'%s'", s).isEqualTo(written.length);
    }
  }

  @Test
  void contactBatchLargerThanAnEntry_isRefusedSayingHowManyFit_whichThenGoIn() {
    SmallEntries journal = new SmallEntries();
    ManualSwitchboard sb = engine(journal);
    ok(sb, sb.supervisor().addCampaign(Campaign.builder("promo", Channel.SMS).build()));
    List<CampaignContact> contacts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      contacts.add(new CampaignContact("k" + i, "customer-" + i, Map.of("note", "n".repeat(40))));
    }
    StateImage before = image(sb);

    CommandRejectedException e = rejected(sb, sb.supervisor().addContacts("promo", contacts));

    assertThat(e.reason()).isEqualTo(Reason.INVALID_VALUE);
    int fit = Integer.parseInt(e.getMessage().replaceAll(".*the first (\\d+) fit.*", "$1"));
    assertThat(e).hasMessageContaining("contacts: these 40 contacts need more than 1024 bytes"
        + " in the journal").hasMessageContaining("add them in batches of at most " + fit);
    assertThat(image(sb)).isEqualTo(before);
    // the count is exact: that many fit one entry, one more does not
    assertThat(codec.encode(new Command.AddContacts("promo", contacts.subList(0, fit)), 0))
        .hasSizeLessThanOrEqualTo(LIMIT);
    assertThat(codec.encode(new Command.AddContacts("promo", contacts.subList(0, fit + 1)), 0))
        .hasSizeGreaterThan(LIMIT);
    for (int from = 0; from < contacts.size(); from += fit) {
      ok(sb, sb.supervisor().addContacts("promo",
          contacts.subList(from, Math.min(from + fit, contacts.size()))));
    }
    assertThat(ok(sb, sb.supervisor().campaignReport()).campaigns().get(0).pending())
        .isEqualTo(40);
  }

  @Test
  void aSingleContactLargerThanAnEntry_isNamed() {
    Command c = new Command.AddContacts("promo", List.of(CampaignContact.of("k0", "c0"),
        new CampaignContact("k1", "c1", Map.of("note", "n".repeat(2000)))));
    assertThat(EntryLimit.tooLarge(c, 0, LIMIT)).contains("the first 1 fit")
        .contains("its largest field is contacts[1].attributes.note, 2000 bytes");
    Command first = new Command.AddContacts("promo", List.of(
        new CampaignContact("k1", "c1", Map.of("note", "n".repeat(2000))),
        CampaignContact.of("k0", "c0")));
    assertThat(EntryLimit.tooLarge(first, 0, LIMIT)).startsWith("AddContacts needs more than")
        .contains("contacts[0].attributes.note");
  }

  @Test
  void out_refusesAStringPastItsLimitBeforeEncodingIt() {
    Wire.Out out = new Wire.Out(100).i64(1);
    assertThatThrownBy(() -> out.str("x".repeat(200))).isInstanceOf(Wire.TooLarge.class)
        .hasMessage("the encoding needs more than 100 bytes");
    assertThat(out.size()).as("nothing of the refused string was written").isEqualTo(8);
    assertThat(out.str("x".repeat(88)).size()).isEqualTo(100);
    assertThatThrownBy(() -> out.u8(0)).isInstanceOf(Wire.TooLarge.class);
  }

  @Test
  void snapshotTheJournalRefuses_isSkipped_andTheEngineGoesOn() {
    InMemoryJournal store = Journals.inMemory(2);
    Journal refusing = new Journal() {
      @Override
      public void recover(Recovery recovery) {
        store.recover(recovery);
      }

      @Override
      public CompletionStage<Void> append(JournalEntry entry) {
        return store.append(entry);
      }

      @Override
      public void snapshot(JournalSnapshot snapshot) {
        throw new IllegalArgumentException("the snapshot is larger than this store holds");
      }

      @Override
      public int snapshotInterval() {
        return 2;
      }

      @Override
      public void close() {}
    };
    ManualSwitchboard sb = engine(refusing);
    for (int i = 0; i < 5; i++) {
      ok(sb, sb.submit(WorkItem.builder("i" + i, Channel.CHAT).customer("c").build()));
    }
    assertThat(store.latestSnapshot()).isEmpty();
    assertThat(store.entries()).hasSize(5);
    assertThat(image(engine(new ForkedJournal(store)))).isEqualTo(image(sb));
  }
}
