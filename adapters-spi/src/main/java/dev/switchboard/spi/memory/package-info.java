/**
 * The in-memory reference adapter, for tests and demos: customers are method calls, deliveries
 * are a list.
 *
 * @since 0.1
 */
package dev.switchboard.spi.memory;
