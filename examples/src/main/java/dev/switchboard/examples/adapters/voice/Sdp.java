package dev.switchboard.examples.adapters.voice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The little of SDP (RFC 4566) the B2BUA needs: where a party wants its audio and whether it
 * offers PCMU; and the answer naming the B2BUA's own RTP port.
 */
final class Sdp {

  private Sdp() {}

  /**
   * Where the party describing itself in {@code body} receives PCMU audio; empty when it has no
   * audio stream, no IPv4 connection address or no payload type 0.
   */
  static Optional<InetSocketAddress> pcmuTarget(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    String host = null;
    int port = -1;
    boolean pcmu = false;
    for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
      String l = line.strip();
      if (l.startsWith("c=IN IP4 ")) {
        host = l.substring(9).strip().split("/")[0];
      } else if (l.startsWith("m=audio ")) {
        String[] f = l.split("\\s+");
        try {
          port = f.length > 3 ? Integer.parseInt(f[1]) : -1;
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        pcmu = Arrays.asList(f).subList(Math.min(3, f.length), f.length).contains("0");
      }
    }
    if (host == null || port < 1 || port > 65535 || !pcmu) {
      return Optional.empty();
    }
    return Optional.of(new InetSocketAddress(host, port));
  }

  /** A description offering (or answering with) PCMU at {@code host}:{@code port}. */
  static String pcmu(String host, int port, long session) {
    return "v=0\r\n"
        + "o=switchboard " + session + " " + session + " IN IP4 " + host + "\r\n"
        + "s=switchboard\r\n"
        + "c=IN IP4 " + host + "\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n";
  }
}
