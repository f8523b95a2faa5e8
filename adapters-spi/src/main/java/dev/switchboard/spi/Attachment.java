package dev.switchboard.spi;

/**
 * Metadata of a file that came with a message. The engine routes on metadata only; the content
 * stays with the adapter (or its provider), reachable through {@code reference}.
 *
 * @param name the file name as the customer gave it; not blank, at most 255 characters
 * @param mediaType the MIME type, e.g. {@code image/png}; not blank
 * @param sizeBytes the size in bytes; not negative
 * @param reference where the adapter can fetch the content (a URI or a provider's id); not blank
 * @since 0.1
 */
public record Attachment(String name, String mediaType, long sizeBytes, String reference) {

  /** Validates the fields. */
  public Attachment {
    Checks.text("attachment name", name, 255);
    Checks.text("attachment mediaType", mediaType, 255);
    Checks.text("attachment reference", reference, 2048);
    if (sizeBytes < 0) {
      throw new IllegalArgumentException(
          "attachment sizeBytes must not be negative, was " + sizeBytes);
    }
  }
}
