package dev.switchboard.examples.adapters.voice;

/**
 * What a {@link VoiceAdapter}'s SIP edge refused or could not do, counted since it started.
 *
 * @param malformed SIP messages the stack could not parse (answered 400 where it could, else
 *     dropped)
 * @param forbiddenSource calls refused (403) from an address outside {@link
 *     VoiceSettings#trunkSources()}
 * @param floodRefused calls refused (503) because their source started too many
 * @param overCapacity calls refused (503) because {@link VoiceSettings#maxCalls()} were up
 * @param unknownNumber calls refused (404) to a number that is no queue
 * @param badCaller calls refused (403) whose caller number is not E.164
 * @param noAudio calls refused (488) that offered no PCMU audio
 * @param hostRefused calls refused (503) because the engine did not take them in
 * @param badRegistrations registrations refused (400, 503)
 * @param badCredentials registrations refused (403) whose digest answer was wrong: a wrong
 *     password, a username other than the agent id, or an agent without a password
 * @param agentsUnreachable offers rejected because the agent's phone was not registered, did not
 *     answer the INVITE at all, or answered without usable audio
 * @param agentsDeclined offers an agent's phone declined (486, 408, 603 and other final failures)
 */
public record VoiceCounters(long malformed, long forbiddenSource, long floodRefused, long overCapacity,
    long unknownNumber,
    long badCaller, long noAudio, long hostRefused, long badRegistrations,
    long badCredentials, long agentsUnreachable, long agentsDeclined) {}
