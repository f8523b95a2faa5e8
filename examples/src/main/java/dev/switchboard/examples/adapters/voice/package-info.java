/**
 * The voice reference adapter: a SIP back-to-back user agent on JAIN-SIP that queues customers'
 * calls with hold audio, rings the agent the engine offers a call to, and relays G.711 audio
 * between caller and agent. See {@code docs/voice.md}.
 */
package dev.switchboard.examples.adapters.voice;
