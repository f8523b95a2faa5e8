package dev.switchboard.channel;

import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelAdapterProvider;
import dev.switchboard.spi.SpiVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds {@link ChannelAdapterProvider}s with {@link ServiceLoader} and creates the adapters a host
 * asked for, reporting every provider found and surviving a broken one. Explicit registration
 * with {@code SwitchboardBuilder.adapter(...)} stays the primary path; this is an opt-in
 * convenience ({@code SwitchboardBuilder.discoverAdapters(...)} runs it and registers the
 * result).
 *
 * <p>Immutable once made; {@link #discover} runs on the caller's thread.
 *
 * @since 0.1
 */
public final class AdapterDiscovery {

  /** What became of one provider, or of one request no provider answered. */
  public enum Status {
    /** The provider created the requested adapter. */
    CREATED,
    /** The provider was found but no request names its type. */
    NOT_REQUESTED,
    /** The provider was built for an SPI version this engine does not speak. */
    INCOMPATIBLE,
    /** The provider could not be loaded, or threw, or created a wrong adapter. */
    FAILED,
    /** A request names a type no provider offers. */
    MISSING
  }

  /**
   * An adapter a host wants: a provider type and the configuration to create it from.
   *
   * @param type the provider's {@link ChannelAdapterProvider#type()}
   * @param config the adapter's id and properties
   */
  public record Request(String type, AdapterConfig config) {
    /** Checks for nulls. */
    public Request {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(config, "config");
    }

    /** A request for an adapter of {@code type} with the given id and properties. */
    public static Request of(String type, String adapterId, Map<String, String> properties) {
      return new Request(type, AdapterConfig.of(adapterId, properties));
    }
  }

  /**
   * One line of the report.
   *
   * @param type the provider's type ("?" when it could not be read)
   * @param provider the provider's class name ("" for a missing one)
   * @param spiVersion the SPI version it declares ("" when unknown)
   * @param adapterId the adapter requested ("" when none was)
   * @param status what happened
   * @param detail why, for anything but {@code CREATED}
   */
  public record Found(String type, String provider, String spiVersion, String adapterId,
      Status status, String detail) {}

  private final List<ChannelAdapter> adapters;
  private final List<Found> report;

  private AdapterDiscovery(List<ChannelAdapter> adapters, List<Found> report) {
    this.adapters = List.copyOf(adapters);
    this.report = List.copyOf(report);
  }

  /**
   * Loads every provider visible to {@code loader} and creates the requested adapters.
   *
   * @param loader where to look for providers
   * @param requests the adapters wanted; at most one per adapter id
   * @return the adapters created and a line per provider found and per request not answered
   * @throws IllegalArgumentException when two requests name the same adapter id
   */
  public static AdapterDiscovery discover(ClassLoader loader, List<Request> requests) {
    Objects.requireNonNull(requests, "requests");
    Map<String, List<Request>> byType = new LinkedHashMap<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Request r : requests) {
      if (!ids.add(r.config().adapterId())) {
        throw new IllegalArgumentException("two requests name adapter id '"
            + r.config().adapterId() + "'; adapter ids must be unique");
      }
      byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r);
    }
    List<ChannelAdapter> created = new ArrayList<>();
    List<Found> report = new ArrayList<>();
    Set<String> answered = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    Iterator<ChannelAdapterProvider> it =
        ServiceLoader.load(ChannelAdapterProvider.class, loader).iterator();
    for (int guard = 0; guard < 10_000; guard++) {
      ChannelAdapterProvider provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        report.add(new Found("?", "", "", "", Status.FAILED, "could not load: " + e.getMessage()
            + (e.getCause() == null ? "" : " (" + e.getCause() + ")")));
        continue;
      }
      consider(provider, byType, created, report, answered, seen);
    }
    byType.forEach((type, list) -> {
      if (!seen.contains(type)) {
        list.forEach(r -> report.add(new Found(type, "", "", r.config().adapterId(),
            Status.MISSING, "no provider of type '" + type + "' was found")));
      }
    });
    return new AdapterDiscovery(created, report);
  }

  private static void consider(ChannelAdapterProvider provider, Map<String, List<Request>> byType,
      List<ChannelAdapter> created, List<Found> report, Set<String> answered, Set<String> seen) {
    String className = provider.getClass().getName();
    String type;
    String version;
    try {
      type = Objects.requireNonNull(provider.type(), "type() returned null");
      version = Objects.requireNonNull(provider.spiVersion(), "spiVersion() returned null");
    } catch (RuntimeException e) {
      report.add(new Found("?", className, "", "", Status.FAILED, "threw " + e));
      return;
    }
    seen.add(type);
    boolean compatible;
    try {
      compatible = SpiVersion.compatible(version, SpiVersion.CURRENT);
    } catch (IllegalArgumentException e) {
      report.add(new Found(type, className, version, "", Status.FAILED, e.getMessage()));
      return;
    }
    if (!compatible) {
      String why = version.startsWith("1.") ? "; SPI 2.0 answers inbound messages with a stage"
          + " that completes once the host owns them durably: rebuild the adapter against"
          + " switchboard-adapters-spi " + SpiVersion.CURRENT + " and acknowledge upstream only"
          + " after that stage (rule 17)" : " (same major version, minor not newer)";
      report.add(new Found(type, className, version, "", Status.INCOMPATIBLE, "built for SPI "
          + version + "; this engine speaks " + SpiVersion.CURRENT + why));
      return;
    }
    List<Request> wanted = byType.getOrDefault(type, List.of());
    if (wanted.isEmpty()) {
      report.add(new Found(type, className, version, "", Status.NOT_REQUESTED,
          "no request names type '" + type + "'"));
      return;
    }
    if (!answered.add(type)) {
      report.add(new Found(type, className, version, "", Status.FAILED, "another provider of type '"
          + type + "' was found first; this one is ignored"));
      return;
    }
    for (Request r : wanted) {
      String id = r.config().adapterId();
      try {
        ChannelAdapter adapter = Objects.requireNonNull(provider.create(r.config()),
            "create returned null");
        if (!id.equals(adapter.id())) {
          report.add(new Found(type, className, version, id, Status.FAILED,
              "created an adapter with id '" + adapter.id() + "' for configuration '" + id + "'"));
          continue;
        }
        created.add(adapter);
        report.add(new Found(type, className, version, id, Status.CREATED, ""));
      } catch (RuntimeException e) {
        report.add(new Found(type, className, version, id, Status.FAILED, "create threw " + e));
      }
    }
  }

  /** The adapters created, in the order providers were found; not started. */
  public List<ChannelAdapter> adapters() {
    return adapters;
  }

  /** A line per provider found and per request no provider answered. */
  public List<Found> report() {
    return report;
  }

  /** The lines that are not {@code CREATED} or {@code NOT_REQUESTED}. */
  public List<Found> problems() {
    return report.stream()
        .filter(f -> f.status() != Status.CREATED && f.status() != Status.NOT_REQUESTED)
        .toList();
  }
}
