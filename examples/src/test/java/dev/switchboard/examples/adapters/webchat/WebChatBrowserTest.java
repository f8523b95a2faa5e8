package dev.switchboard.examples.adapters.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat page in headless Chromium: the page sends a customer's message, an agent answers
 * through the adapter, and the reply appears on the page, shown as text. The page takes no
 * session from its address, and a reply sent while the page reconnects (across a restart of the
 * adapter) is shown. On CI a missing browser fails the test; on a developer's machine it is
 * skipped with a message saying so.
 */
class WebChatBrowserTest {

  private static final String SECRET = "a-session-secret-of-32-characters";

  @TempDir
  Path profile;

  private final RecordingContext host = new RecordingContext();
  private final ObjectMapper json = new ObjectMapper();
  /** What the agent answered, in order. */
  private final BlockingQueue<InboundMessage> answered = new LinkedBlockingQueue<>();
  private volatile WebChatAdapter adapter;
  private Thread agent;

  @BeforeEach
  void start() throws Exception {
    adapter = new WebChatAdapter("website-chat", settings(0));
    adapter.start(host);
    agent = new Thread(this::answerEveryMessage, "test-agent");
    agent.setDaemon(true);
    agent.start();
  }

  private static WebChatSettings settings(int port) {
    return WebChatSettings.builder().port(port).sessionSecret(SECRET).build();
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
        answered.add(in);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void pageSendsAMessage_andShowsTheAgentsReply() throws Exception {
    try (HeadlessChromium browser = new HeadlessChromium(profile, adapter.url())) {
      say(browser, "Where is my parcel?");
      String dom = browser.evaluate(untilReplies(1), Duration.ofSeconds(30));

      assertThat(dom).contains("<b>you: </b>Where is my parcel?")
          .contains("<b>ted: </b>Ted here. You said: Where is my parcel?");
    }
  }

  @Test
  void messageWithMarkup_isShownAsText() throws Exception {
    String hostile = "<script>document.title='owned'</script><img src=x onerror=alert(1)>";
    try (HeadlessChromium browser = new HeadlessChromium(profile, adapter.url())) {
      say(browser, hostile);
      String dom = browser.evaluate(untilReplies(1), Duration.ofSeconds(30));

      assertThat(dom).contains("<b>ted: </b>Ted here. You said: &lt;script&gt;document.title="
          + "'owned'&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
          .contains("<title>Chat with us</title>")
          .doesNotContain("<img src=x").doesNotContain("<script>document");
    }
  }

  @Test
  void aSessionInTheLink_isNotTaken_andTheCookieIsHiddenFromScripts() throws Exception {
    // the attacker opens a session of their own and mails the victim a link carrying its token
    ChatHttp attacker = new ChatHttp(adapter.url());
    String attackers = attacker.open();
    String link = adapter.url() + "?session=" + ChatHttp.enc(attacker.token()) + "&say=hi";
    try (SseClient spy = attacker.listen(null);
        HeadlessChromium browser = new HeadlessChromium(profile, link)) {
      browser.evaluate(UNTIL_CONNECTED, Duration.ofSeconds(30));
      say(browser, "my card number is on its way");
      browser.evaluate(untilReplies(1), Duration.ofSeconds(30));

      InboundMessage said = answered.poll(10, TimeUnit.SECONDS);
      assertThat(said.body()).as("the link cannot make the page talk")
          .isEqualTo("my card number is on its way");
      assertThat(said.conversationKey()).isNotEqualTo(attackers);
      assertThat(spy.next(Duration.ofMillis(500))).as("the attacker's stream").isNull();
      assertThat(browser.evaluate("Promise.resolve(document.cookie)", Duration.ofSeconds(10)))
          .isEmpty();
    }
  }

  @Test
  void replySentWhileThePageReconnects_acrossARestart_isShown() throws Exception {
    try (HeadlessChromium browser = new HeadlessChromium(profile, adapter.url())) {
      say(browser, "hello");
      browser.evaluate(untilReplies(1), Duration.ofSeconds(30));
      InboundMessage hello = answered.poll(10, TimeUnit.SECONDS);

      int port = URI.create(adapter.url()).getPort();
      adapter.stop();
      WebChatAdapter restarted = new WebChatAdapter("website-chat", settings(port));
      restarted.start(new RecordingContext());
      adapter = restarted;
      adapter.deliver(OutboundMessage.builder().deliveryId("during-reconnect")
          .conversationKey(hello.conversationKey()).recipient(hello.sender())
          .body("Sorry for the wait: it ships today").agentId("ted").build());

      String dom = browser.evaluate(untilReplies(2), Duration.ofSeconds(30));
      assertThat(dom).contains("<b>ted: </b>Ted here. You said: hello")
          .contains("<b>ted: </b>Sorry for the wait: it ships today");
    }
  }

  /** Types {@code text} into the page's box and sends it, once the page is connected. */
  private void say(HeadlessChromium browser, String text) throws Exception {
    browser.evaluate(UNTIL_CONNECTED, Duration.ofSeconds(30));
    browser.evaluate("(() => { document.getElementById('text').value = "
        + json.writeValueAsString(text) + "; document.getElementById('form').requestSubmit();"
        + " return 'sent'; })()", Duration.ofSeconds(10));
  }

  /** Resolves once the page's reply stream is open. */
  private static final String UNTIL_CONNECTED = """
      new Promise(resolve => {
        const status = document.getElementById('status');
        const done = () => { if (status.textContent === 'connected') resolve('connected'); };
        new MutationObserver(done).observe(status, {childList: true, characterData: true,
          subtree: true});
        done();
      })
      """;

  /** Resolves with the page's HTML as soon as {@code n} agent replies are in its log. */
  private static String untilReplies(int n) {
    return """
        new Promise(resolve => {
          const log = document.getElementById('log');
          const done = () => {
            if (log.querySelectorAll('li.agent').length >= N) {
              resolve(document.documentElement.outerHTML);
            }
          };
          new MutationObserver(done).observe(log, {childList: true});
          done();
        })
        """.replace("N", Integer.toString(n));
  }
}
