package dev.switchboard.journal.file;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Makes the append-only file journal, an implementation of the core's {@link
 * dev.switchboard.journal.Journal} SPI. Give what {@link FileJournalBuilder#build()} returns to
 * {@code SwitchboardBuilder.journal(...)}.
 *
 * @since 0.2
 */
public final class FileJournals {

  private FileJournals() {}

  /**
   * Starts configuring a file journal in the directory (created if missing). One engine at a
   * time may use a directory.
   */
  public static FileJournalBuilder builder(Path directory) {
    return new FileJournalBuilder(Objects.requireNonNull(directory, "directory"));
  }
}
