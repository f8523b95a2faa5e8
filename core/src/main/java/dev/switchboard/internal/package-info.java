/**
 * Compact containers behind the public value types ({@code OneEntryMap}: an item's single
 * required skill in 24 bytes). Owns no state; touches nothing but the JDK.
 */
package dev.switchboard.internal;
