package dev.switchboard.examples.adapters.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An SMTP server on a loopback port that answers each command as a test scripts it, the way real
 * servers refuse: {@code MAIL FROM}, {@code RCPT TO} and the end of {@code DATA} get the reply
 * set for them (several lines joined by CRLF for a multi-line reply); everything else is
 * accepted. One connection at a time, on a daemon thread.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  volatile String mailFrom = "250 2.1.0 Ok";
  volatile String rcptTo = "250 2.1.5 Ok";
  volatile String endOfData = "250 2.0.0 Ok: queued";

  private final ServerSocket socket;
  private final Thread thread;

  ScriptedSmtpServer() throws IOException {
    socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        s.setSoTimeout(10_000);
        converse(s);
      } catch (IOException e) {
        // the client went away, or the server closed: take the next connection, or stop
      }
    }
  }

  private void converse(Socket s) throws IOException {
    BufferedReader in = new BufferedReader(
        new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = s.getOutputStream();
    say(out, "220 scripted ESMTP");
    for (String line; (line = in.readLine()) != null; ) {
      String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
      switch (verb) {
        case "EHLO" -> say(out, "250-scripted\r\n250 AUTH PLAIN");
        case "AUTH" -> say(out, "235 2.7.0 Authentication successful");
        case "MAIL" -> say(out, mailFrom);
        case "RCPT" -> say(out, rcptTo);
        case "DATA" -> {
          say(out, "354 End data with <CR><LF>.<CR><LF>");
          for (String l; (l = in.readLine()) != null && !l.equals("."); ) {
            // the message itself is not kept
          }
          say(out, endOfData);
        }
        case "QUIT" -> {
          say(out, "221 2.0.0 Bye");
          return;
        }
        default -> say(out, "250 2.0.0 Ok");
      }
    }
  }

  private static void say(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
