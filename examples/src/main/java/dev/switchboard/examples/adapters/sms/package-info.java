/**
 * The SMS reference adapter over webhooks: the provider POSTs inbound texts as signed forms to
 * an endpoint the adapter serves; the adapter POSTs outbound texts, signed the same way, to the
 * provider's endpoint.
 *
 * <p>Signature scheme (both directions): header {@code X-Switchboard-Timestamp} carries the Unix
 * time in seconds, and {@code X-Switchboard-Signature} carries {@code v1=} and the lower-case hex
 * HMAC-SHA256, under the shared secret, of the timestamp, a {@code .}, and the raw body bytes.
 */
package dev.switchboard.examples.adapters.sms;
