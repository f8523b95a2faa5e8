/**
 * The email reference adapter: inbound by IMAP polling, outbound by SMTP, conversations threaded
 * by {@code Message-ID}, {@code In-Reply-To} and {@code References}. Built on Jakarta Mail with
 * Eclipse Angus as the implementation.
 */
package dev.switchboard.examples.adapters.email;
