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
 * The web chat passes the TCK over real HTTP: each customer is a visitor with its own cookie jar
 * that opens a session (the chat issues its conversation id, which is the customer's identity),
 * opens its reply stream, then posts its messages; what the streams receive is what customers
 * received.
 */
class WebChatAdapterTckTest extends ChannelAdapterTck<WebChatAdapter> {

  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, Customer> customers = new ConcurrentHashMap<>();
  private final Map<ChannelIdentity, Customer> byIdentity = new ConcurrentHashMap<>();
  private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
  private final List<Thread> readers = new CopyOnWriteArrayList<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  @Override
  protected WebChatAdapter createAdapter() {
    return new WebChatAdapter("website-chat", WebChatSettings.builder()
        .deliveryTimeout(Duration.ofSeconds(5)).build());
  }

  /** A customer's browser: its cookie jar, the conversation the chat issued, its open page. */
  private record Customer(ChatHttp visitor, ChannelIdentity identity, SseClient page) {}

  /** Customer {@code n}, who opens the chat the first time the TCK names them. */
  private Customer customer(int n) throws Exception {
    Customer c = customers.get(n);
    if (c == null) {
      ChatHttp visitor = new ChatHttp(adapter().url());
      ChannelIdentity identity = ChannelIdentity.chat(visitor.open());
      SseClient page = visitor.listen(null);
      c = new Customer(visitor, identity, page);
      customers.put(n, c);
      byIdentity.put(identity, c);
      Thread reader = new Thread(() -> read(identity, page), "tck-page-" + n);
      reader.setDaemon(true);
      reader.start();
      readers.add(reader);
    }
    return c;
  }

  @Override
  protected void customerSends(WebChatAdapter adapter, CustomerMessage m) throws Exception {
    Customer c = byIdentity.get(m.from());
    if (c.visitor().post(m.upstreamId(), m.body()).statusCode() / 100 == 2) {
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

  /**
   * The conversation id the chat issued to customer {@code n}, who opens the chat now if they had
   * not; before the adapter runs, an id no customer has.
   */
  @Override
  protected ChannelIdentity customerIdentity(int n) {
    try {
      return customer(n).identity();
    } catch (IllegalStateException notStarted) {
      return ChannelIdentity.chat("tck-customer-" + n + "-before-start");
    } catch (Exception e) {
      throw new IllegalStateException("customer " + n + " could not open the chat", e);
    }
  }

  @Override
  protected boolean idempotentDelivery() {
    return true;
  }

  @Override
  protected void disposeAdapter(WebChatAdapter adapter) {
    readers.forEach(Thread::interrupt);
    readers.clear();
    customers.values().forEach(c -> c.page().close());
    customers.clear();
    byIdentity.clear();
  }
}
