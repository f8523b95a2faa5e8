package dev.switchboard.examples.adapters.email;

/**
 * What the adapter records about an attachment: its name, type and size. The bytes stay in the
 * mailbox; routing needs only to know they exist.
 *
 * @param fileName the name the sender gave, or {@code ""} if none
 * @param contentType the MIME type, without parameters, lower case
 * @param sizeBytes the encoded size the server reported, or -1 if unknown
 */
record MailAttachment(String fileName, String contentType, long sizeBytes) {}
