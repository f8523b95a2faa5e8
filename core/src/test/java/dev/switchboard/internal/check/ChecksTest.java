package dev.switchboard.internal.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ids are checked in one pass, with the same rules and messages as the four separate checks:
 * not blank, not too long, no control character, no lone surrogate.
 */
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
  void loneSurrogates_areNamedWithTheirIndex_andPairsPass() {
    assertThat(Checks.id("item id", "a\uD83D\uDE00b")).isEqualTo("a\uD83D\uDE00b");
    assertThatThrownBy(() -> Checks.id("item id", "ab\uD83Dc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("item id 'ab\\uD83Dc' contains a lone surrogate \\uD83D at index 2; ids must"
            + " be well-formed Unicode (a high surrogate followed by a low one)");
    assertThatThrownBy(() -> Checks.id("queue", "\uD83D\uDE00\uDE00"))
        .hasMessageContaining("queue '\uD83D\uDE00\\uDE00' contains a lone surrogate \\uDE00"
            + " at index 2");
    assertThatThrownBy(() -> Checks.id("team", "x\uDBFF"))
        .hasMessageContaining("lone surrogate \\uDBFF at index 1");
    // a control character is named first, as before
    assertThatThrownBy(() -> Checks.id("team", "\uDBFFx\u0001"))
        .hasMessageContaining("control character at index 2");
  }

  @Test
  void loneSurrogate_findsTheFirstUnpairedSurrogate() {
    assertThat(Checks.loneSurrogate("")).isEqualTo(-1);
    assertThat(Checks.loneSurrogate("plain \uD83D\uDE00 text")).isEqualTo(-1);
    assertThat(Checks.loneSurrogate("\uDE00\uD83D")).isEqualTo(0);
    assertThat(Checks.loneSurrogate("\uD83D\uDE00\uD83D")).isEqualTo(2);
    assertThat(Checks.loneSurrogate("\uD83D\uD83D\uDE00")).isEqualTo(0);
    assertThat(Checks.escapeLoneSurrogates("a\uD83D\uDE00\uD83Db"))
        .isEqualTo("a\uD83D\uDE00\\uD83Db");
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
      boolean control = id.chars().anyMatch(Character::isISOControl);
      // well-formed: the text survives UTF-8 and back (the encoder writes '?' for a lone one)
      boolean wellFormed = new String(id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          java.nio.charset.StandardCharsets.UTF_8).equals(id);
      boolean valid = !id.isBlank() && !control && wellFormed;
      if (valid) {
        assertThat(Checks.id("id", id)).isSameAs(id);
      } else {
        assertThatThrownBy(() -> Checks.id("id", id)).as("'%s'", id)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(id.isBlank() ? "must not be blank"
                : control ? "control character" : "lone surrogate");
      }
    }
  }
}
