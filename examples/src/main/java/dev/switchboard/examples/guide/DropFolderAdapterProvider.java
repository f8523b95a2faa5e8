package dev.switchboard.examples.guide;

// GUIDE:provider BEGIN
import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelAdapterProvider;
import dev.switchboard.spi.SpiVersion;
import java.nio.file.Path;

/** Lets hosts discover drop-folder adapters: type {@code drop-folder}, properties inbox, outbox. */
public final class DropFolderAdapterProvider implements ChannelAdapterProvider {

  @Override
  public String type() {
    return "drop-folder";
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT; // compiled in: the version this provider was built against
  }

  @Override
  public ChannelAdapter create(AdapterConfig config) {
    return new DropFolderAdapter(config.adapterId(), Path.of(config.require("inbox")),
        Path.of(config.require("outbox")));
  }
}
// GUIDE:provider END
