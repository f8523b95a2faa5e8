package dev.switchboard.examples.adapters.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat page in headless Chromium: the page sends a customer's message, an agent answers
 * through the adapter, and the reply appears on the page, shown as text. On CI a missing browser
 * fails the test; on a developer's machine it is skipped with a message saying so.
 */
class WebChatBrowserTest {

  @TempDir
  Path profile;

  private final RecordingContext host = new RecordingContext();
  private WebChatAdapter adapter;
  private Thread agent;

  @BeforeEach
  void start() throws Exception {
    adapter = new WebChatAdapter("website-chat", WebChatSettings.builder().build());
    adapter.start(host);
    agent = new Thread(this::answerEveryMessage, "test-agent");
    agent.setDaemon(true);
    agent.start();
  }

  @AfterEach
  void stop() {
    agent.interrupt();
    adapter.stop();
  }

  /** The agent: answers each message by quoting it back. */
  private void answerEveryMessage() {
    int n = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        InboundMessage in = host.next(Duration.ofSeconds(30));
        if (in == null) {
          continue;
        }
        adapter.deliver(OutboundMessage.builder().deliveryId("reply-" + ++n)
            .conversationKey(in.conversationKey()).recipient(in.sender())
            .body("Ted here. You said: " + in.body()).agentId("ted").build());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void pageSendsAMessage_andShowsTheAgentsReply() throws Exception {
    String dom = browse(adapter.url() + "?session=browser-visitor-1&say="
        + ChatHttp.enc("Where is my parcel?"));

    assertThat(dom).contains("<b>you: </b>Where is my parcel?")
        .contains("<b>ted: </b>Ted here. You said: Where is my parcel?");
  }

  @Test
  void messageWithMarkup_isShownAsText() throws Exception {
    String hostile = "<script>document.title='owned'</script><img src=x onerror=alert(1)>";
    String dom = browse(adapter.url() + "?session=browser-visitor-2&say=" + ChatHttp.enc(hostile));

    assertThat(dom).contains("<b>ted: </b>Ted here. You said: &lt;script&gt;document.title='owned'"
        + "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
        .contains("<title>Chat with us</title>")
        .doesNotContain("<img src=x").doesNotContain("<script>document");
  }

  /** Opens {@code url} in Chromium and returns the chat log's HTML once an agent reply shows. */
  private String browse(String url) throws Exception {
    try (HeadlessChromium browser = new HeadlessChromium(profile, url)) {
      return browser.evaluate(UNTIL_REPLY_SHOWN, Duration.ofSeconds(30));
    }
  }

  /** Resolves with the log's HTML as soon as an agent's reply is in it. */
  private static final String UNTIL_REPLY_SHOWN = """
      new Promise(resolve => {
        const log = document.getElementById('log');
        const done = () => {
          if (log.querySelector('li.agent')) resolve(document.documentElement.outerHTML);
        };
        new MutationObserver(done).observe(log, {childList: true});
        done();
      })
      """;
}
