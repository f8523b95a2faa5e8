/**
 * Reference channel adapters on real protocols: email (IMAP in, SMTP out), web chat (HTTP in,
 * Server-Sent Events out) and SMS over signed webhooks. Each package holds the protocol code and a
 * {@code ChannelAdapter} wrapping it; this package holds what they share: counting rejected
 * input by reason, limiting floods from one identity, and the typed outbound failure.
 */
package dev.switchboard.examples.adapters;
