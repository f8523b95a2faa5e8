package dev.switchboard.examples.adapters.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Asks a just-started SIP stack for OPTIONS until it answers. */
final class StartProbe {

  private StartProbe() {}

  /**
   * Returns once the stack answers on its port. Its UDP reader thread sets itself up only when it
   * first runs, and stopping the stack before that fails inside the stack: an adapter stopped
   * right after it started would leave its port open.
   */
  static void await(InetAddress host, int port) throws IOException {
    InetAddress to = host.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : host;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(to, 0))) {
      probe.setSoTimeout(200);
      for (int attempt = 1; attempt <= 25; attempt++) {
        byte[] options = ("OPTIONS sip:" + to.getHostAddress() + ":" + port
            + " SIP/2.0\r\nVia: SIP/2.0/UDP " + to.getHostAddress() + ":" + probe.getLocalPort()
            + ";branch=z9hG4bKstart" + attempt + "\r\nFrom: <sip:start@" + to.getHostAddress()
            + ">;tag=start\r\nTo: <sip:start@" + to.getHostAddress() + ">\r\nCall-ID: start-"
            + System.nanoTime() + "\r\nCSeq: " + attempt + " OPTIONS\r\nMax-Forwards: 70\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        probe.send(new DatagramPacket(options, options.length,
            new InetSocketAddress(to, port)));
        try {
          probe.receive(new DatagramPacket(new byte[4096], 4096));
          return;
        } catch (SocketTimeoutException notYet) {
          // the reader thread has not run yet; ask again
        }
      }
      throw new IOException("the SIP stack does not answer on " + to.getHostAddress() + ":"
          + port + " after 5 s");
    }
  }
}
