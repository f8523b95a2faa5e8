package dev.switchboard.examples.adapters.sms;

import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.tck.ChannelAdapterTck;
import dev.switchboard.spi.tck.CustomerMessage;
import dev.switchboard.spi.tck.ReceivedMessage;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The SMS adapter passes the TCK against a local HTTP server playing the provider. */
class SmsAdapterTckTest extends ChannelAdapterTck<SmsAdapter> {

  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  private final Map<SmsAdapter, SmsProvider> providers = new IdentityHashMap<>();

  @Override
  protected SmsAdapter createAdapter() throws Exception {
    SmsProvider provider = new SmsProvider();
    SmsAdapter adapter = new SmsAdapter("sms-tck", SmsSettings.builder()
        .number(SmsProvider.CENTRE).secret(SmsProvider.SECRET)
        .providerEndpoint(provider.endpoint()).build());
    providers.put(adapter, provider);
    return adapter;
  }

  @Override
  protected void customerSends(SmsAdapter adapter, CustomerMessage m) throws Exception {
    int status = providers.get(adapter).deliverInbound(adapter.webhookUrl(),
        SmsProvider.text(m.upstreamId(), m.from().value(), m.body())).statusCode();
    if (status == 200) {
      acknowledged.add(m.upstreamId()); // the provider stops retrying only on a 200
    }
  }

  @Override
  protected boolean observesAcknowledgement() {
    return true;
  }

  @Override
  protected boolean acknowledgedUpstream(SmsAdapter adapter, CustomerMessage m) {
    return acknowledged.contains(m.upstreamId());
  }

  @Override
  protected List<ReceivedMessage> customersReceived(SmsAdapter adapter) {
    return providers.get(adapter).all().stream()
        .map(s -> new ReceivedMessage(ChannelIdentity.phone(s.form().get("To")),
            s.form().get("Body")))
        .toList();
  }

  @Override
  protected ChannelIdentity customerIdentity(int n) {
    return ChannelIdentity.phone("+1555000000" + n);
  }

  @Override
  protected Optional<ChannelIdentity> undeliverableRecipient() {
    return Optional.of(ChannelIdentity.phone(SmsProvider.UNREACHABLE));
  }

  @Override
  protected boolean idempotentDelivery() {
    return true;
  }

  @Override
  protected void disposeAdapter(SmsAdapter adapter) {
    providers.remove(adapter).close();
  }
}
