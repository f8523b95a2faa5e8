package dev.switchboard.spi.tck;

import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.util.List;

/**
 * A single-logon in-memory adapter that starts outbound contact passes the TCK, optional rule 15
 * included.
 */
class InMemoryOutboundAdapterTckTest extends ChannelAdapterTck<InMemoryChannelAdapter> {

  @Override
  protected InMemoryChannelAdapter createAdapter() {
    return new InMemoryChannelAdapter("sms-line", "sms",
        AdapterTraits.singleLogon(ChannelTraits.asynchronous(5)).withOutbound());
  }

  @Override
  protected void customerSends(InMemoryChannelAdapter adapter, CustomerMessage m) {
    adapter.customerSends(m.from(), m.from().value(), m.body(), m.upstreamId());
  }

  @Override
  protected List<ReceivedMessage> customersReceived(InMemoryChannelAdapter adapter) {
    return adapter.sent().stream().map(o -> new ReceivedMessage(o.recipient(), o.body())).toList();
  }

  @Override
  protected ChannelIdentity customerIdentity(int n) {
    return ChannelIdentity.phone("+1555000000" + n);
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
