package dev.switchboard.examples.adapters.voice;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * One customer's call, from INVITE to BYE: its SIP transaction and dialog, its audio leg, its work
 * item, and the agent's phone being rung or talked to. Changed only on the B2BUA's signalling
 * thread (the hold audio's packet count excepted).
 */
final class Call {
  final String callId;
  final Request request;
  final ServerTransaction invite;
  final RtpLeg leg;
  final AtomicLong played = new AtomicLong();
  Dialog dialog;
  String itemId;
  String queue;
  Ring ring;
  boolean answered;
  boolean connected;
  boolean ended;
  ScheduledFuture<?> music;

  Call(String callId, Request request, ServerTransaction invite, RtpLeg leg) {
    this.callId = callId;
    this.request = request;
    this.invite = invite;
    this.leg = leg;
  }
}
