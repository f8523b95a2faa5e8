/**
 * Reference channel adapters on real protocols: email (IMAP in, SMTP out), web chat (HTTP in,
 * Server-Sent Events out) and SMS over signed webhooks. Each package holds the protocol code and a
 * {@code ChannelAdapter} wrapping it; this package holds what they share: counting rejected
 * input by reason, limiting floods from one identity, the typed outbound failure, and the
 * embedded HTTP server ({@link dev.switchboard.examples.adapters.EmbeddedServer}) that slow
 * clients cannot stall.
 */
package dev.switchboard.examples.adapters;
