package dev.switchboard.spi.tck;

import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.Attachment;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.util.List;

/** The in-memory reference adapter passes the TCK, optional rules 11 and 16 included. */
class InMemoryChannelAdapterTckTest extends ChannelAdapterTck<InMemoryChannelAdapter> {

  @Override
  protected InMemoryChannelAdapter createAdapter() {
    return new InMemoryChannelAdapter("memory", "chat",
        AdapterTraits.sessions(ChannelTraits.synchronous(3), 4));
  }

  @Override
  protected void customerSends(InMemoryChannelAdapter adapter, CustomerMessage m) {
    List<Attachment> files = m.attachments().stream()
        .map(a -> new Attachment(a.name(), a.mediaType(), a.content().length, "mem:" + a.name()))
        .toList();
    adapter.customerSends(m.from(), m.from().value() + "/" + m.thread(), m.body(), m.upstreamId(),
        files);
  }

  @Override
  protected List<ReceivedMessage> customersReceived(InMemoryChannelAdapter adapter) {
    return adapter.sent().stream().map(o -> new ReceivedMessage(o.recipient(), o.body())).toList();
  }

  @Override
  protected ChannelIdentity customerIdentity(int n) {
    return ChannelIdentity.chat("visitor-" + n);
  }

  @Override
  protected boolean idempotentDelivery() {
    return true;
  }

  @Override
  protected boolean supportsAttachments() {
    return true;
  }

  @Override
  protected boolean observesAcknowledgement() {
    return true;
  }

  @Override
  protected boolean acknowledgedUpstream(InMemoryChannelAdapter adapter, CustomerMessage m) {
    return adapter.acknowledged(m.upstreamId());
  }
}
