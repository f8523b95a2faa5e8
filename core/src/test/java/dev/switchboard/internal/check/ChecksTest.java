package dev.switchboard.internal.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ids are checked in one pass, with the same rules and messages as the three separate checks. */
class ChecksTest {

  @Test
  void ordinaryIds_passUnchanged() {
    for (String id : new String[] {"a", "item-42", "ann@customer.test", "José", "日本", "a b"}) {
      assertThat(Checks.id("item id", id)).isSameAs(id);
    }
  }

  @Test
  void blankIds_areRefusedAsBlank_evenWhenTooLongOrMadeOfControlWhitespace() {
    for (String id : new String[] {"", " ", "\t\n", "\u2003\u3000", " ".repeat(200)}) {
      assertThatThrownBy(() -> Checks.id("item id", id))
          .hasMessage("item id must not be blank");
    }
  }

  @Test
  void tooLongIds_areRefusedBeforeControlCharactersAreNamed() {
    assertThatThrownBy(() -> Checks.id("item id", "\u0000" + "a".repeat(128)))
        .hasMessage("item id is 129 characters; at most 128 allowed");
  }

  @Test
  void controlCharacters_areNamedAtTheirFirstIndex() {
    assertThatThrownBy(() -> Checks.id("customer id", "ab\u0085c\u0001"))
        .hasMessage("customer id 'ab\u0085c\u0001' contains a control character at index 2");
    assertThatThrownBy(() -> Checks.id("customer id", " x\u007F"))
        .hasMessage("customer id 'x\u007F' contains a control character at index 2");
  }

  @Test
  void randomStrings_getTheVerdictOfTheStringAndCharacterRules() {
    Random random = new Random(5);
    char[] alphabet = {'a', 'Z', '0', ' ', '\t', '\n', '\u0000', '\u001F', '\u007F', '\u0085',
        '\u00A0', '\u2003', '\u2028', '\u3000', 'é', '\uD83D', '\uDE00'};
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(6);
      for (int i = 0; i < length; i++) {
        b.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String id = b.toString();
      boolean valid = !id.isBlank() && id.chars().noneMatch(Character::isISOControl);
      if (valid) {
        assertThat(Checks.id("id", id)).isSameAs(id);
      } else {
        assertThatThrownBy(() -> Checks.id("id", id)).as("'%s'", id)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(id.isBlank() ? "must not be blank" : "control character");
      }
    }
  }
}
