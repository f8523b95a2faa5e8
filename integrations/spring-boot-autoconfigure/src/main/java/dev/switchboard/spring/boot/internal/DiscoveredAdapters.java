package dev.switchboard.spring.boot.internal;

import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.channel.AdapterDiscovery;
import dev.switchboard.channel.AdapterDiscovery.Found;
import dev.switchboard.channel.AdapterDiscovery.Status;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spring.boot.SwitchboardProperties.Adapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the adapters of {@code switchboard.adapters} through the adapters SPI and registers
 * them on the builder. Unlike the builder's own discovery, which logs and goes on, an adapter the
 * host asked for in its configuration that cannot be created stops start-up, naming the
 * property: a chat channel silently missing is worse than an application that does not start.
 */
public final class DiscoveredAdapters {

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveredAdapters.class);

  private DiscoveredAdapters() {}

  /** Creates and registers the configured adapters, finding providers with {@code loader}. */
  public static void register(Map<String, Adapter> adapters, ClassLoader loader,
      SwitchboardBuilder b) {
    if (adapters.isEmpty()) {
      return;
    }
    List<AdapterDiscovery.Request> requests = new ArrayList<>();
    adapters.forEach((id, a) -> {
      if (a.type() == null || a.type().isBlank()) {
        throw EngineSettings.invalid("adapters." + id + ".type", "",
            "the type of an adapter provider on the class path, one of " + types(loader));
      }
      requests.add(EngineSettings.call("adapters." + id, id, "an adapter id",
          () -> AdapterDiscovery.Request.of(a.type(), id, a.properties())));
    });
    AdapterDiscovery found = EngineSettings.call("adapters", adapters.keySet().toString(),
        "adapters with distinct ids", () -> AdapterDiscovery.discover(loader, requests));
    for (Found f : found.report()) {
      if (f.status() == Status.CREATED || f.status() == Status.NOT_REQUESTED) {
        LOG.info("adapter provider {} ({}, SPI {}): {} {}", f.type(), f.provider(),
            f.spiVersion(), f.status(), f.adapterId());
        continue;
      }
      if (f.status() == Status.MISSING) {
        throw EngineSettings.invalid("adapters." + f.adapterId() + ".type", f.type(),
            "the type of an adapter provider on the class path, one of " + types(loader));
      }
      String about = f.adapterId().isEmpty() ? "" : f.adapterId();
      if (!about.isEmpty() || requested(adapters, f.type())) {
        String id = about.isEmpty() ? idOfType(adapters, f.type()) : about;
        throw EngineSettings.invalid("adapters." + id + ".properties",
            adapters.get(id).properties().toString(), "what the '" + f.type()
                + "' provider accepts (" + f.status() + ": " + f.detail() + ")");
      }
      LOG.warn("adapter provider {} ({}): {}: {}", f.type(), f.provider(), f.status(),
          f.detail());
    }
    for (ChannelAdapter adapter : found.adapters()) {
      String queue = adapters.get(adapter.id()) == null ? null
          : adapters.get(adapter.id()).queue();
      String q = queue == null ? WorkItem.DEFAULT_QUEUE : queue;
      EngineSettings.call("adapters." + adapter.id() + ".queue", q,
          "a queue name of 1 to 64 characters", () -> b.adapter(adapter, q));
    }
  }

  private static boolean requested(Map<String, Adapter> adapters, String type) {
    return adapters.values().stream().anyMatch(a -> type.equals(a.type()));
  }

  private static String idOfType(Map<String, Adapter> adapters, String type) {
    return adapters.entrySet().stream().filter(e -> type.equals(e.getValue().type()))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
  }

  private static String types(ClassLoader loader) {
    TreeSet<String> types = new TreeSet<>();
    for (Found f : AdapterDiscovery.discover(loader, List.of()).report()) {
      if (!f.type().equals("?")) {
        types.add(f.type());
      }
    }
    return types.isEmpty() ? "[] (no provider was found)" : types.toString();
  }
}
