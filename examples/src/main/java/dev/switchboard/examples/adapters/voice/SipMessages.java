package dev.switchboard.examples.adapters.voice;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.util.Optional;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What the B2BUA builds and sends through its SIP provider, and what it reads from a message:
 * responses, BYEs, its own Contact, a request's real source, Call-IDs and user parts.
 */
final class SipMessages {

  final HeaderFactoryImpl headers = new HeaderFactoryImpl();
  final MessageFactoryImpl messages = new MessageFactoryImpl();
  final AddressFactoryImpl addresses = new AddressFactoryImpl();
  final SipProvider provider;
  private final VoiceSettings settings;

  SipMessages(SipProvider provider, VoiceSettings settings) {
    this.provider = provider;
    this.settings = settings;
  }

  /** Hangs up the dialog, if there is one. */
  void bye(Dialog dialog) throws SipException {
    if (dialog != null) {
      dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
    }
  }

  /** Answers {@code r} with {@code code} and, if given, a reason phrase naming the problem. */
  void respond(Request r, ServerTransaction st, int code, String reason) throws Exception {
    Response response = messages.createResponse(code, r);
    if (reason != null) {
      response.setReasonPhrase(reason);
    }
    send(r, st, response);
  }

  /** Sends a response in {@code r}'s server transaction, making one if needed (never to ACK). */
  void send(Request r, ServerTransaction st, Response response) throws Exception {
    if (st != null) {
      st.sendResponse(response);
    } else if (Request.ACK.equals(r.getMethod())) {
      return;
    } else {
      provider.getNewServerTransaction(r).sendResponse(response);
    }
  }

  /** The B2BUA's own Contact. */
  ContactHeader contact() throws java.text.ParseException {
    Address me = addresses.createAddress(
        addresses.createSipURI("switchboard", settings.host() + ":" + settings.sipPort()));
    return headers.createContactHeader(me);
  }

  /**
   * Where the request really came from: the datagram's source address, which a caller cannot
   * choose as it chooses its Via header; empty when the stack does not say.
   */
  static Optional<InetAddress> sourceAddress(Request r) {
    return r instanceof SIPMessage m ? Optional.ofNullable(m.getRemoteAddress())
        : Optional.empty();
  }

  /** The request's source address as text: the datagram's, else the top Via's host. */
  static String source(Request r) {
    if (r instanceof SIPMessage m && m.getRemoteAddress() != null) {
      return m.getRemoteAddress().getHostAddress();
    }
    return ((ViaHeader) r.getHeader(ViaHeader.NAME)).getHost();
  }

  /** The message's Call-ID. */
  static String callId(javax.sip.message.Message m) {
    return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
  }

  /** The user part of a SIP URI (a number, an agent id); null for other URIs. */
  static String user(URI uri) {
    return uri instanceof SipURI s ? s.getUser() : null;
  }
}
