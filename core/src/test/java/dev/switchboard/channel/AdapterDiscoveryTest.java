package dev.switchboard.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.channel.AdapterDiscovery.Found;
import dev.switchboard.channel.AdapterDiscovery.Request;
import dev.switchboard.channel.AdapterDiscovery.Status;
import dev.switchboard.channel.providers.TestProviders;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ServiceLoader discovery reports every provider it found, survives a broken one, and refuses a
 * provider built for an SPI version the engine does not speak.
 */
class AdapterDiscoveryTest {

  private static final ClassLoader LOADER = AdapterDiscoveryTest.class.getClassLoader();

  @Test
  void discover_createsRequestedAdapters_andReportsEveryProvider() {
    AdapterDiscovery found = AdapterDiscovery.discover(LOADER, List.of(
        Request.of("memory", "lobby-chat", Map.of("channel", "chat")),
        Request.of("picky", "picky-one", Map.of()),
        Request.of("future", "future-one", Map.of()),
        Request.of("spi-one", "old-one", Map.of()),
        Request.of("carrier-pigeon", "coop", Map.of())));

    assertThat(found.adapters()).extracting(a -> a.id()).containsExactly("lobby-chat");
    assertThat(found.report()).extracting(Found::type, Found::status).containsExactlyInAnyOrder(
        tuple("?", Status.FAILED),
        tuple("memory", Status.CREATED),
        tuple("future", Status.INCOMPATIBLE),
        tuple("spi-one", Status.INCOMPATIBLE),
        tuple("picky", Status.FAILED),
        tuple("carrier-pigeon", Status.MISSING));
    assertThat(detail(found, "?")).contains("Unloadable").contains("missing native library");
    assertThat(detail(found, "future"))
        .isEqualTo("built for SPI 3.0; this engine speaks 2.0 (same major version, minor not"
            + " newer)");
    assertThat(detail(found, "spi-one")).isEqualTo("built for SPI 1.0; this engine speaks 2.0;"
        + " SPI 2.0 answers inbound messages with a stage that completes once the host owns them"
        + " durably: rebuild the adapter against switchboard-adapters-spi 2.0 and acknowledge"
        + " upstream only after that stage (rule 17)");
    assertThat(detail(found, "picky")).contains("adapter 'picky-one' needs property 'host',"
        + " which is not set");
    assertThat(detail(found, "carrier-pigeon"))
        .isEqualTo("no provider of type 'carrier-pigeon' was found");
    assertThat(found.problems()).hasSize(5);
  }

  @Test
  void providerNobodyAskedFor_isReportedAsNotRequested() {
    AdapterDiscovery found = AdapterDiscovery.discover(LOADER, List.of());

    assertThat(found.adapters()).isEmpty();
    assertThat(found.report()).filteredOn(f -> f.type().equals("memory")).singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.NOT_REQUESTED));
  }

  @Test
  void twoRequestsForOneAdapterId_areRefused() {
    assertThatThrownBy(() -> AdapterDiscovery.discover(LOADER, List.of(
        Request.of("memory", "same", Map.of("channel", "chat")),
        Request.of("memory", "same", Map.of("channel", "sms")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two requests name adapter id 'same'; adapter ids must be unique");
  }

  @Test
  void builderDiscovery_registersTheCreatedAdapters_whichThenRoute() {
    try (ChannelFixture f = ChannelFixture.of(b -> b.discoverAdapters(List.of(
        Request.of("memory", "lobby-chat", Map.of("channel", "chat")),
        Request.of("future", "future-one", Map.of()))))) {
      assertThat(f.status()).extracting(AdapterStatus::adapterId).containsExactly("lobby-chat");
      InMemoryChannelAdapter lobby = TestProviders.Memory.lastCreated;
      lobby.customerSends(ChannelIdentity.chat("zoe"), "s1", "hello");
      f.sb.drain();
      assertThat(f.events(ItemSubmitted.class)).hasSize(1);
    }
  }

  private static String detail(AdapterDiscovery found, String type) {
    return found.report().stream().filter(f -> f.type().equals(type)).findFirst().orElseThrow()
        .detail();
  }
}
