package dev.switchboard.examples.adapters.webchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.tck.ChannelAdapterTck;
import dev.switchboard.spi.tck.CustomerMessage;
import dev.switchboard.spi.tck.ReceivedMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The web chat passes the TCK over real HTTP: each customer is a page that opens its reply
 * stream, then posts its messages; what the streams receive is what customers received.
 */
class WebChatAdapterTckTest extends ChannelAdapterTck<WebChatAdapter> {

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, SseClient> pages = new ConcurrentHashMap<>();
  private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
  private final List<Thread> readers = new CopyOnWriteArrayList<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  @Override
  protected WebChatAdapter createAdapter() {
    return new WebChatAdapter("website-chat", WebChatSettings.builder()
        .deliveryTimeout(Duration.ofSeconds(5)).build());
  }

  @Override
  protected void customerSends(WebChatAdapter adapter, CustomerMessage m) throws Exception {
    ChatHttp visitor = new ChatHttp(adapter.url());
    String session = m.from().value();
    if (!pages.containsKey(session)) {
      SseClient page = visitor.listen(session, null);
      pages.put(session, page);
      Thread reader = new Thread(() -> read(m.from(), page), "tck-page-" + session);
      reader.setDaemon(true);
      reader.start();
      readers.add(reader);
    }
    if (visitor.post(session, m.upstreamId(), m.body()).statusCode() / 100 == 2) {
      acknowledged.add(m.upstreamId()); // the page shows the message as sent
    }
  }

  @Override
  protected boolean observesAcknowledgement() {
    return true;
  }

  @Override
  protected boolean acknowledgedUpstream(WebChatAdapter adapter, CustomerMessage m) {
    return acknowledged.contains(m.upstreamId());
  }

  private void read(ChannelIdentity customer, SseClient page) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        SseClient.Event e = page.next(Duration.ofSeconds(1));
        if (e != null) {
          received.add(new ReceivedMessage(customer, json.readTree(e.data()).get("text").asText()));
        }
      }
    } catch (InterruptedException | IOException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  protected List<ReceivedMessage> customersReceived(WebChatAdapter adapter) {
    return new ArrayList<>(received);
  }

  @Override
  protected ChannelIdentity customerIdentity(int n) {
    return ChannelIdentity.chat("tck-customer-" + n);
  }

  @Override
  protected boolean idempotentDelivery() {
    return true;
  }

  @Override
  protected void disposeAdapter(WebChatAdapter adapter) {
    readers.forEach(Thread::interrupt);
    readers.clear();
    pages.values().forEach(SseClient::close);
    pages.clear();
  }
}
