package dev.switchboard.examples.adapters.voice;

/** SIPp scenarios the voice tests play, as XML with the test's numbers and ports filled in. */
final class Scenarios {

  private Scenarios() {}

  private static String scenario(String name, String body) {
    return "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n"
        + "<!DOCTYPE scenario SYSTEM \"sipp.dtd\">\n<scenario name=\"" + name + "\">\n"
        + body + "</scenario>\n";
  }

  private static String send(String message, boolean retransmit) {
    return "<send" + (retransmit ? " retrans=\"500\"" : "") + "><![CDATA[\n\n"
        + message.strip() + "\n\n]]></send>\n";
  }

  private static String sdp(String user, int mediaPort) {
    return "v=0\n"
        + "o=" + user + " 1 1 IN IP4 127.0.0.1\n"
        + "s=-\n"
        + "c=IN IP4 127.0.0.1\n"
        + "t=0 0\n"
        + "m=audio " + mediaPort + " RTP/AVP 0\n"
        + "a=rtpmap:0 PCMU/8000\n";
  }

  private static String invite(String caller, String number, int mediaPort) {
    return invite(caller, number, mediaPort, "");
  }

  /** An INVITE with {@code extraHeaders} (each ending in a line break) after the Contact. */
  private static String invite(String caller, String number, int mediaPort, String extraHeaders) {
    return send("""
        INVITE sip:%1$s@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:%2$s@[local_ip]:[local_port]>;tag=[pid]caller[call_number]
        To: <sip:%1$s@[remote_ip]:[remote_port]>
        Call-ID: [call_id]
        CSeq: 1 INVITE
        Contact: <sip:%2$s@[local_ip]:[local_port]>
        %4$sMax-Forwards: 70
        Content-Type: application/sdp
        Content-Length: [len]

        %3$s""".formatted(number, caller, sdp("customer", mediaPort), extraHeaders), true);
  }

  /** The customer's request in the dialog the B2BUA's 200 OK set up. */
  private static String inDialog(String method, int cseq, String caller) {
    return send("""
        %1$s [next_url] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:%3$s@[local_ip]:[local_port]>;tag=[pid]caller[call_number]
        [last_To:]
        Call-ID: [call_id]
        CSeq: %2$d %1$s
        Max-Forwards: 70
        Content-Length: 0
        """.formatted(method, cseq, caller), !method.equals("ACK"));
  }

  private static String register(String agent, int contactPort, int cseq, String authorization) {
    return send("""
        REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:%1$s@[remote_ip]:[remote_port]>;tag=[pid]reg[call_number]
        To: <sip:%1$s@[remote_ip]:[remote_port]>
        Call-ID: [call_id]
        CSeq: %3$d REGISTER
        Contact: <sip:%1$s@127.0.0.1:%2$d>%4$s
        Expires: 300
        Max-Forwards: 70
        Content-Length: 0
        """.formatted(agent, contactPort, cseq, authorization), true);
  }

  /**
   * An agent's phone registers {@code contactPort} on loopback as its contact, answering the
   * digest challenge with {@code password}, and expects {@code code} to that answer.
   */
  static String register(String agent, int contactPort, String password, int code) {
    return scenario("register " + agent, register(agent, contactPort, 1, "")
        + "<recv response=\"401\" auth=\"true\"/>\n"
        + register(agent, contactPort, 2,
            "\n[authentication username=" + agent + " password=" + password + "]")
        + "<recv response=\"" + code + "\"/>\n");
  }

  /**
   * A customer calls {@code number} from {@code caller}, receiving audio at {@code mediaPort};
   * once answered, stays on the line {@code holdMillis}, then hangs up.
   */
  static String customerCalls(String caller, String number, int mediaPort, long holdMillis) {
    return scenario("customer calls", invite(caller, number, mediaPort)
        + "<recv response=\"100\" optional=\"true\"/>\n"
        + "<recv response=\"180\" optional=\"true\"/>\n"
        + answeredThenHangsUp(caller, holdMillis));
  }

  /**
   * A customer calls {@code number} from {@code caller}, receiving audio at {@code mediaPort};
   * once answered, stays on the line until the other side hangs up (the B2BUA's BYE), and
   * accepts that BYE.
   */
  static String customerCallsUntilHungUp(String caller, String number, int mediaPort) {
    return scenario("customer calls until hung up", invite(caller, number, mediaPort)
        + "<recv response=\"100\" optional=\"true\"/>\n"
        + "<recv response=\"180\" optional=\"true\"/>\n"
        + "<recv response=\"200\" rrs=\"true\"/>\n"
        + inDialog("ACK", 1, caller)
        + "<recv request=\"BYE\"/>\n"
        + ok());
  }

  /** The customer's call is answered: ACK, {@code holdMillis} on the line, BYE. */
  private static String answeredThenHangsUp(String caller, long holdMillis) {
    return "<recv response=\"200\" rrs=\"true\"/>\n"
        + inDialog("ACK", 1, caller)
        + "<pause milliseconds=\"" + holdMillis + "\"/>\n"
        + inDialog("BYE", 2, caller)
        + "<recv response=\"200\"/>\n";
  }

  /**
   * A customer calls {@code number} about {@code subject} (the call's {@code Subject} header),
   * whatever the answer: refused (400, 503) the scenario ends; answered, the customer stays on
   * the line {@code holdMillis} and hangs up.
   */
  static String customerCallsAbout(String caller, String number, int mediaPort, String subject,
      long holdMillis) {
    return scenario("customer calls about", invite(caller, number, mediaPort,
            "Subject: " + subject + "\n")
        + "<recv response=\"100\" optional=\"true\"/>\n"
        + "<recv response=\"400\" optional=\"true\" next=\"refused\"/>\n"
        + "<recv response=\"503\" optional=\"true\" next=\"refused\"/>\n"
        + answeredThenHangsUp(caller, holdMillis)
        + "<label id=\"refused\"/>\n");
  }

  private static String response(String status, String body) {
    return """
        SIP/2.0 %s
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]agent[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Contact: <sip:[local_ip]:[local_port]>
        %s""".formatted(status, body);
  }

  /**
   * The B2BUA may retransmit its INVITE when the phone (a process on a busy machine) answers
   * slowly: the phone then repeats its answer from {@code label}, as a phone must.
   */
  private static String retransmittedInvite(String label) {
    return "<recv request=\"INVITE\" optional=\"true\" next=\"" + label + "\"/>\n";
  }

  /** The phone rings and answers with audio at {@code mediaPort}. */
  private static String answer(int mediaPort) {
    return "<label id=\"answer\"/>\n"
        + send(response("180 Ringing", "Content-Length: 0"), false)
        + send(response("200 OK", "Content-Type: application/sdp\nContent-Length: [len]\n\n"
            + sdp("agent", mediaPort)), true)
        + retransmittedInvite("answer");
  }

  /** The phone accepts the B2BUA's last request (a BYE, a NOTIFY). */
  private static String ok() {
    return send("""
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0
        """, false);
  }

  /** An agent's phone rings, answers with audio at {@code mediaPort}, and awaits the BYE. */
  static String agentAnswers(int mediaPort) {
    return scenario("agent answers", "<recv request=\"INVITE\"/>\n"
        + answer(mediaPort)
        + "<recv request=\"ACK\"/>\n"
        + "<recv request=\"BYE\"/>\n"
        + ok());
  }

  /**
   * An agent's phone answers, and after {@code talkMillis} transfers the caller blindly to
   * {@code target} (an agent id or a queue number) with REFER; it expects 202, the NOTIFY that
   * the transfer is done, and the B2BUA's BYE.
   */
  static String agentTransfers(int mediaPort, long talkMillis, String target) {
    return agentRefers(mediaPort, talkMillis, target, "<recv response=\"202\"/>\n"
        + "<recv request=\"NOTIFY\"/>\n"
        + ok()
        + "<recv request=\"BYE\"/>\n"
        + ok());
  }

  /**
   * An agent's phone answers and after {@code talkMillis} asks for a transfer to {@code referTo}
   * (the user part and any URI headers of the Refer-To), which is refused with {@code code}; it
   * stays on the call until the B2BUA's BYE.
   */
  static String agentTransferRefused(int mediaPort, long talkMillis, String referTo, int code) {
    return agentRefers(mediaPort, talkMillis, referTo, "<recv response=\"" + code + "\"/>\n"
        + "<recv request=\"BYE\"/>\n"
        + ok());
  }

  /**
   * An agent's phone answers and after {@code talkMillis} hangs up: its BYE, answered 200 by the
   * B2BUA, which then hangs up the caller.
   */
  static String agentHangsUp(int mediaPort, long talkMillis) {
    return agentAnswersThenSends(mediaPort, talkMillis, "BYE", "",
        "<recv response=\"200\"/>\n");
  }

  private static String agentRefers(int mediaPort, long talkMillis, String target,
      String afterRefer) {
    return agentAnswersThenSends(mediaPort, talkMillis, "REFER",
        "Contact: <sip:[local_ip]:[local_port]>\nRefer-To: <sip:%s>\n"
            .formatted(target.replaceFirst("^([^?]*)", "$1@127.0.0.1")), afterRefer);
  }

  /**
   * An agent's phone answers and after {@code talkMillis} sends {@code method} in the call's
   * dialog, with {@code extraHeaders} (each ending in a line break); then plays {@code after}.
   */
  private static String agentAnswersThenSends(int mediaPort, long talkMillis, String method,
      String extraHeaders, String after) {
    return scenario("agent sends " + method, "<recv request=\"INVITE\" rrs=\"true\"/>\n"
        + answer(mediaPort)
        + "<recv request=\"ACK\">\n<action>\n"
        + "<ereg regexp=\".*\" search_in=\"hdr\" header=\"From:\" assign_to=\"peer\"/>\n"
        + "<ereg regexp=\".*\" search_in=\"hdr\" header=\"To:\" assign_to=\"me\"/>\n"
        + "</action>\n</recv>\n"
        + "<pause milliseconds=\"" + talkMillis + "\"/>\n"
        + send("""
        %1$s [next_url] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: [$me]
        To: [$peer]
        Call-ID: [call_id]
        CSeq: 1 %1$s
        %2$sMax-Forwards: 70
        Content-Length: 0
        """.formatted(method, extraHeaders), true)
        + after);
  }

  /** An agent's phone is busy: 486 to the INVITE. */
  static String agentBusy() {
    return scenario("agent busy", "<recv request=\"INVITE\"/>\n"
        + "<label id=\"busy\"/>\n"
        + send(response("486 Busy Here", "Content-Length: 0"), false)
        + retransmittedInvite("busy")
        + "<recv request=\"ACK\"/>\n");
  }

  /** A customer calls {@code number} from {@code caller} and is refused with {@code code}. */
  static String customerRefused(String caller, String number, int mediaPort, int code) {
    return scenario("customer refused", invite(caller, number, mediaPort)
        + "<recv response=\"100\" optional=\"true\"/>\n"
        + "<recv response=\"" + code + "\"/>\n");
  }

  /** An agent's phone rings and is not picked up: the B2BUA's CANCEL ends the ringing. */
  static String agentRingsUnanswered() {
    return scenario("agent does not answer", "<recv request=\"INVITE\"/>\n"
        + "<label id=\"ring\"/>\n"
        + send(response("180 Ringing", "Content-Length: 0"), false)
        + retransmittedInvite("ring")
        + "<recv request=\"CANCEL\"/>\n"
        + send(response("200 OK", "Content-Length: 0"), false)
        + send(response("487 Request Terminated", "Content-Length: 0")
            .replace("[last_CSeq:]", "CSeq: 1 INVITE"), false)
        + "<recv request=\"ACK\"/>\n");
  }
}
