package dev.switchboard.examples.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Switchboard;
import dev.switchboard.channel.AdapterDiscovery;
import dev.switchboard.channel.AdapterStatus;
import dev.switchboard.examples.adapters.email.EmailAdapter;
import dev.switchboard.examples.adapters.sms.SmsAdapter;
import dev.switchboard.examples.adapters.webchat.WebChatAdapter;
import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelAdapterProvider;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.SpiVersion;
import dev.switchboard.spi.tck.RecordingChannelContext;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reference adapters are discoverable and built from properties, refusing bad ones by name. */
class ReferenceAdapterProvidersTest {

  private static final Map<String, String> SMS = Map.of(
      "number", "+15550100", "secret", "0123456789abcdef0123",
      "provider-endpoint", "http://127.0.0.1:9/sms");
  private static final Map<String, String> EMAIL = Map.of(
      "imap-host", "127.0.0.1", "smtp-host", "127.0.0.1", "username", "desk",
      "password", "secret", "address", "desk@centre.test");

  private static Map<String, ChannelAdapterProvider> discovered() {
    Map<String, ChannelAdapterProvider> byType = new HashMap<>();
    ServiceLoader.load(ChannelAdapterProvider.class).forEach(p -> byType.put(p.type(), p));
    return byType;
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> out = new HashMap<>(base);
    out.put(key, value);
    return out;
  }

  @Test
  void serviceLoader_findsEveryReferenceAdapter_builtForThisSpi() {
    Map<String, ChannelAdapterProvider> providers = discovered();

    assertThat(providers).containsKeys("email", "sms", "webchat", "drop-folder");
    providers.values().forEach(p -> assertThat(SpiVersion.compatible(p.spiVersion(), SpiVersion.CURRENT))
        .as(p.type()).isTrue());
    assertThat(providers.get("email").create(AdapterConfig.of("mail-1", EMAIL)))
        .isInstanceOf(EmailAdapter.class).extracting(ChannelAdapter::id).isEqualTo("mail-1");
    assertThat(providers.get("sms").create(AdapterConfig.of("sms-1", SMS)))
        .isInstanceOf(SmsAdapter.class).extracting(ChannelAdapter::id).isEqualTo("sms-1");
    assertThat(providers.get("webchat").create(AdapterConfig.of("chat-1", Map.of())))
        .isInstanceOf(WebChatAdapter.class).extracting(ChannelAdapter::id).isEqualTo("chat-1");
  }

  @Test
  void properties_reachTheSettings_aPortGivenIsThePortListenedOn() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ChannelAdapter chat = discovered().get("webchat").create(AdapterConfig.of("chat-1",
        Map.of("port", Integer.toString(port), "heartbeat", "PT5S", "flood-burst", "3",
            "flood-refill", "PT1S")));
    RecordingChannelContext context = new RecordingChannelContext("providers-test");
    try {
      chat.start(context);
      assertThat(URI.create(((WebChatAdapter) chat).url()).getPort()).isEqualTo(port);
      assertThat(context.healthReports()).last().isEqualTo(Health.up());
    } finally {
      chat.stop();
    }
  }

  @Test
  void missingOrBadProperties_areRefused_namingTheAdapterAndTheProperty() {
    Map<String, ChannelAdapterProvider> providers = discovered();
    Map<String, String> noSecret = new HashMap<>(SMS);
    noSecret.remove("secret");

    assertThatThrownBy(() -> providers.get("sms").create(AdapterConfig.of("sms-1", noSecret)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sms-1'").hasMessageContaining("'secret'");
    assertThatThrownBy(() -> providers.get("sms").create(
        AdapterConfig.of("sms-1", with(SMS, "number", "5550100"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("property 'number' is '5550100'").hasMessageContaining("E.164");
    assertThatThrownBy(() -> providers.get("email").create(
        AdapterConfig.of("mail-1", with(EMAIL, "poll-interval", "5 seconds"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("property 'poll-interval' is '5 seconds'")
        .hasMessageContaining("PT30S");
    assertThatThrownBy(() -> providers.get("email").create(
        AdapterConfig.of("mail-1", with(EMAIL, "imap-port", "70000"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'imap-port'");
    assertThatThrownBy(() -> providers.get("webchat").create(
        AdapterConfig.of("chat-1", Map.of("flood-burst", "3"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flood-burst without flood-refill");
    assertThatThrownBy(() -> providers.get("webchat").create(
        AdapterConfig.of("chat-1", Map.of("max-streams", "many"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("property 'max-streams' is 'many': expected an integer");
  }

  @Test
  void aBadSecret_isRefusedWithoutItsValueInTheMessage() {
    Map<String, ChannelAdapterProvider> providers = discovered();

    assertThatThrownBy(() -> providers.get("sms").create(
        AdapterConfig.of("sms-1", with(SMS, "secret", "hunter2-short"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("property 'secret' is (13 characters, not shown)")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> providers.get("webchat").create(
        AdapterConfig.of("chat-1", Map.of("session-secret", "tiny-chat-secret"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'session-secret' is (16 characters, not shown)")
        .hasMessageNotContaining("tiny-chat-secret");
  }

  @Test
  void aSwitchboard_discoversAndStartsTheAdaptersItIsAskedFor() throws Exception {
    try (Switchboard sb = Switchboard.builder()
        .discoverAdapters(List.of(
            AdapterDiscovery.Request.of("webchat", "website-chat", Map.of("max-streams", "8")),
            AdapterDiscovery.Request.of("sms", "sms-main", SMS)))
        .build()) {
      List<AdapterStatus> adapters = sb.channels().adapters().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);

      assertThat(adapters).extracting(AdapterStatus::adapterId)
          .containsExactlyInAnyOrder("website-chat", "sms-main");
      assertThat(adapters).allSatisfy(a -> assertThat(a.health()).isEqualTo(Health.up()));
    }
  }
}
