package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The required-skills map of an item, whatever shape it is kept in. */
class WorkItemSkillsTest {

  private static WorkItem item(Map<String, Integer> skills) {
    return new WorkItem("i1", Channel.CHAT, "c1", WorkItem.DEFAULT_QUEUE, 0, skills, Map.of(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void oneSkill_staysImmutableAndEqual_throughCopies() {
    WorkItem built = WorkItem.builder("i1", Channel.CHAT).customer("c1").requireSkill("billing", 3)
        .build();
    WorkItem stamped = built.withCreatedAt(Instant.EPOCH);
    for (WorkItem w : new WorkItem[] {built, stamped}) {
      assertThat(w.requiredSkills()).isEqualTo(Map.of("billing", 3)).hasToString("{billing=3}");
      assertThat(w.requiredSkills().containsKey(null)).isFalse();
      assertThatThrownBy(() -> w.requiredSkills().put("x", 1))
          .isInstanceOf(UnsupportedOperationException.class);
    }
    assertThat(stamped).isEqualTo(built.withCreatedAt(Instant.EPOCH));
  }

  @Test
  void oneSkill_givenAsASingletonMap_isStillValidated() {
    assertThatThrownBy(() -> item(Collections.singletonMap("billing", 11)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing")
        .hasMessageContaining("11");
    assertThatThrownBy(() -> item(Collections.singletonMap("billing", null)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("billing");
    assertThatThrownBy(() -> item(Collections.singletonMap(" ", 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("skill name");
  }

  @Test
  void oneSkill_behavesAsAnImmutableSingletonMap_inEveryQueryAndChange() {
    Map<String, Integer> skills = WorkItem.builder("i1", Channel.CHAT).customer("c1")
        .requireSkill("billing", 3).build().requiredSkills();
    Map<String, Integer> expected = Collections.singletonMap("billing", 3);
    assertThat(skills).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(expected).isEqualTo(skills);
    assertThat(skills).isNotEqualTo(Map.of("billing", 4)).isNotEqualTo(Map.of("sales", 3))
        .isNotEqualTo(Map.of("billing", 3, "sales", 3));
    // a map that cannot hold a String key (or a null one) is unequal, not an exception
    java.util.TreeMap<Integer, Integer> byNumber = new java.util.TreeMap<>(Map.of(1, 3));
    assertThat(skills.equals(byNumber)).isFalse();
    assertThat(expected.equals(byNumber)).as("as singletonMap answers").isFalse();
    assertThat(skills.get("billing")).isEqualTo(3);
    assertThat(skills.get(null)).isNull();
    assertThat(skills.getOrDefault("sales", 7)).isEqualTo(7);
    assertThat(skills.containsValue(3)).isTrue();
    assertThat(skills.containsValue(null)).isFalse();
    assertThat(skills.keySet()).containsExactly("billing");
    assertThat(skills.values()).containsExactly(3);
    assertThat(skills.entrySet()).containsExactly(Map.entry("billing", 3));
    for (Runnable change : new Runnable[] {() -> skills.remove("billing"), skills::clear,
        () -> skills.putIfAbsent("sales", 1), () -> skills.merge("billing", 1, Integer::sum),
        () -> skills.computeIfAbsent("billing", k -> 1), () -> skills.replaceAll((k, v) -> 1),
        () -> skills.keySet().clear(), () -> skills.entrySet().iterator().next().setValue(1)}) {
      assertThatThrownBy(change::run).isInstanceOf(UnsupportedOperationException.class);
    }
    assertThat(skills).isEqualTo(expected);
  }

  @Test
  void severalSkills_keepTheirInsertionOrder() {
    Map<String, Integer> skills = new LinkedHashMap<>();
    skills.put("z", 1);
    skills.put("a", 2);
    WorkItem w = item(skills);
    skills.put("b", 3); // the item holds a copy
    assertThat(w.requiredSkills()).containsExactly(Map.entry("z", 1), Map.entry("a", 2));
  }

  @Test
  void builder_repeatedSkill_keepsTheLastLevel_andASecondSkillKeepsBothInOrder() {
    WorkItem.Builder b = WorkItem.builder("i1", Channel.CHAT).customer("c")
        .requireSkill("billing", 2).requireSkill("billing", 4);
    WorkItem one = b.build();
    WorkItem two = b.requireSkill("french", 3).build();
    WorkItem three = b.requireSkill("billing", 5).build();

    assertThat(one.requiredSkills()).containsExactly(Map.entry("billing", 4));
    assertThat(two.requiredSkills()).containsExactly(Map.entry("billing", 4), Map.entry("french", 3));
    assertThat(three.requiredSkills())
        .containsExactly(Map.entry("billing", 5), Map.entry("french", 3));
    assertThatThrownBy(() -> one.requiredSkills().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builder_nullSkill_isRejectedWhetherFirstOrSecond() {
    assertThatThrownBy(() -> WorkItem.builder("i1", Channel.CHAT).customer("c")
        .requireSkill(null, 2).build()).isInstanceOf(NullPointerException.class)
        .hasMessage("skill name");
    assertThatThrownBy(() -> WorkItem.builder("i1", Channel.CHAT).customer("c")
        .requireSkill("billing", 2).requireSkill(null, 2).build())
        .isInstanceOf(NullPointerException.class).hasMessage("skill name");
  }

  @Test
  void builder_withoutSkillsOrAttributes_givesEmptyImmutableMaps() {
    WorkItem item = WorkItem.builder("i1", Channel.CHAT).customer("c").build();
    assertThat(item.requiredSkills()).isEmpty();
    assertThat(item.attributes()).isEmpty();
    assertThatThrownBy(() -> item.attributes().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
