/**
 * The web chat reference adapter: an HTTP endpoint on the JDK's built-in server with a minimal
 * page where a customer chats; customer messages arrive as form posts, agent replies are pushed
 * by Server-Sent Events.
 */
package dev.switchboard.examples.adapters.webchat;
