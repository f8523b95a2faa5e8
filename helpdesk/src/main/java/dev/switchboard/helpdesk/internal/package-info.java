/**
 * The help desk's implementation: {@code Desk}, the single owner of tickets, crowd questions and
 * deadlines under one lock, its inputs ({@code DeskInput}) and their journal codec ({@code
 * DeskCodec}, {@code DeskJournal}), its outbox of host callbacks and commands, classification
 * plumbing and the only Jackson user ({@code KeywordRulesJson}). Drives the engine only through
 * the public {@code Switchboard} API.
 */
package dev.switchboard.helpdesk.internal;
