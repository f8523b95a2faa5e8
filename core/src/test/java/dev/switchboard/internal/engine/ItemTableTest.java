package dev.switchboard.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Channel;
import dev.switchboard.WorkItem;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine's item table behaves as the insertion-ordered map it replaces. */
class ItemTableTest {

  private static LiveItem live(String id) {
    return new LiveItem(WorkItem.builder(id, Channel.CHAT).customer("c").build(), 0, 0, 0,
        Long.MAX_VALUE);
  }

  @Test
  void randomPutsAndRemoves_matchALinkedHashMap_inContentAndOrder() {
    Random random = new Random(42);
    // "Aa" and "BB" have the same hash code, so ids built from them collide in whole runs
    String[] parts = {"Aa", "BB"};
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      ids.add(parts[i & 1] + parts[(i >> 1) & 1] + parts[(i >> 2) & 1] + (i >> 3));
    }
    for (int i = 0; i < 300; i++) {
      ids.add("item" + i);
    }
    ItemTable table = new ItemTable();
    Map<String, LiveItem> model = new LinkedHashMap<>();
    for (int step = 0; step < 20_000; step++) {
      String id = ids.get(random.nextInt(ids.size()));
      if (model.containsKey(id)) {
        assertThat(table.remove(id)).isSameAs(model.remove(id));
      } else if (random.nextInt(3) > 0) {
        LiveItem it = live(id);
        model.put(id, it);
        table.put(it);
      } else {
        assertThat(table.remove(id)).isNull();
      }
      assertThat(table.size()).isEqualTo(model.size());
      assertThat(table.get(id)).isSameAs(model.get(id));
      if (step % 97 == 0) {
        for (String other : ids) {
          assertThat(table.get(other)).isSameAs(model.get(other));
        }
        assertThat(table.values()).containsExactlyElementsOf(model.values());
      }
    }
  }

  @Test
  void put_anIdAlreadyThere_isRejectedAndKeepsTheFirst() {
    ItemTable table = new ItemTable();
    LiveItem first = live("a");
    table.put(first);
    assertThatThrownBy(() -> table.put(live("a"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'a'");
    assertThat(table.get("a")).isSameAs(first);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void iterating_whileTheTableChanges_failsFast() {
    ItemTable table = new ItemTable();
    table.put(live("a"));
    table.put(live("b"));
    Iterator<LiveItem> iterator = table.values().iterator();
    iterator.next();
    table.remove("b");
    assertThatThrownBy(iterator::next).isInstanceOf(ConcurrentModificationException.class);
  }
}
