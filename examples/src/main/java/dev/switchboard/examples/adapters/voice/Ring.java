package dev.switchboard.examples.adapters.voice;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;

/**
 * An offer being rung on one agent's phone: the B2BUA's INVITE to it, the audio leg towards it,
 * and, once it answers, its dialog. Changed only on the B2BUA's signalling thread.
 */
final class Ring {
  final Call call;
  final String agentId;
  final String callId;
  final ClientTransaction invite;
  final RtpLeg leg;
  Dialog dialog;
  boolean cancelled;

  Ring(Call call, String agentId, String callId, ClientTransaction invite, RtpLeg leg) {
    this.call = call;
    this.agentId = agentId;
    this.callId = callId;
    this.invite = invite;
    this.leg = leg;
  }
}
