package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Threading keeps each conversation to its customer, whatever the headers say. */
class EmailThreadingTest {

  private final Threading threading = new Threading(100);

  @Test
  void strangerReusingTheCustomersMessageId_neitherJoinsNorRepointsHerThread() {
    String ann = threading.inbound("<a1@x>", null, null, "ann@x.test", "Hi");

    String mallory = threading.inbound("<a1@x>", null, null, "mallory@y.test", "Hi");
    String annAgain = threading.inbound("<a2@x>", "<a1@x>", "<a1@x>", "ann@x.test", "Re: Hi");

    assertThat(mallory).isNotEqualTo(ann);
    assertThat(annAgain).isEqualTo(ann);
    assertThat(threading.replyTo(ann).to()).isEqualTo("ann@x.test");
  }

  @Test
  void filingTheSameMailAgain_changesNothing() {
    String key = threading.inbound("<a1@x>", null, null, "ann@x.test", "Hi");
    threading.inbound("<a2@x>", "<a1@x>", null, "ann@x.test", "Re: Hi");
    String before = threading.replyTo(key).references();

    String again = threading.inbound("<a2@x>", "<a1@x>", null, "ann@x.test", "Re: Hi");

    assertThat(again).isEqualTo(key);
    assertThat(threading.replyTo(key).references()).isEqualTo(before).isEqualTo("<a1@x> <a2@x>");
  }

  @Test
  void overlongCustomerAndId_stillMakeAKeyWithinTheEnginesLimit() {
    String key = threading.inbound("<" + "i".repeat(240) + "@x>", null, null,
        "a".repeat(60) + "@x.test", "Hi");

    assertThat(key).startsWith("thread-").hasSizeLessThanOrEqualTo(256);
  }
}
