/**
 * The web chat reference adapter: an HTTP endpoint on an {@code EmbeddedServer} (Jetty) with a
 * minimal page where a customer chats; sessions are issued by the server in an HttpOnly cookie,
 * customer messages arrive as form posts, agent replies are pushed by Server-Sent Events.
 */
package dev.switchboard.examples.adapters.webchat;
