package dev.switchboard.examples.adapters.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One party's audio towards the B2BUA: a UDP socket of its own, the address the party asked for
 * in its SDP, and a reader thread handing each received payload to a sink. What it sends carries
 * its own RTP header (one SSRC, continuous sequence and timestamp), so the party hears one
 * stream whether it comes from the hold audio or from the other party. Once the party's address
 * is known, packets from elsewhere are dropped.
 */
final class RtpLeg implements AutoCloseable {

  private static final int HEADER = 12;

  private final DatagramSocket socket;
  private final Thread reader;
  private final int ssrc = ThreadLocalRandom.current().nextInt();
  private volatile InetSocketAddress remote;
  private volatile InetSocketAddress lastSource;
  private InetSocketAddress learned; // the reader thread's own
  private volatile Consumer<byte[]> sink = payload -> { };
  private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
  private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
  private boolean marker = true;

  /** A leg on a free UDP port of {@code host}, reading until closed. */
  RtpLeg(InetAddress host, String name) throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(host, 0));
    reader = new Thread(this::read, "voice-rtp-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  int localPort() {
    return socket.getLocalPort();
  }

  /** Where the last packet came from; null before the first. */
  InetSocketAddress lastSource() {
    return lastSource;
  }

  /** Where the party receives its audio. */
  void remote(InetSocketAddress address) {
    remote = address;
  }

  /** Who gets the payloads this party sends from now on. */
  void sink(Consumer<byte[]> sink) {
    this.sink = sink;
  }

  /** Sends one PCMU payload to the party; dropped while its address is unknown. */
  synchronized void send(byte[] payload) {
    InetSocketAddress to = remote;
    if (to == null || socket.isClosed()) {
      return;
    }
    byte[] packet = new byte[HEADER + payload.length];
    packet[0] = (byte) 0x80;
    packet[1] = (byte) (marker ? 0x80 : 0); // payload type 0, PCMU
    marker = false;
    packet[2] = (byte) (sequence >> 8);
    packet[3] = (byte) sequence;
    for (int i = 0; i < 4; i++) {
      packet[4 + i] = (byte) (timestamp >> (24 - 8 * i));
      packet[8 + i] = (byte) (ssrc >> (24 - 8 * i));
    }
    System.arraycopy(payload, 0, packet, HEADER, payload.length);
    sequence = (sequence + 1) & 0xFFFF;
    timestamp = (timestamp + payload.length) & 0xFFFFFFFFL;
    try {
      socket.send(new DatagramPacket(packet, packet.length, to));
    } catch (IOException e) {
      // UDP: a lost packet is a click, not a failure of the call
    }
  }

  private void read() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return; // closed
      }
      lastSource = (InetSocketAddress) p.getSocketAddress();
      if (!fromTheParty(lastSource)) {
        continue; // someone guessing ports must not be heard on the call
      }
      byte[] payload = payload(p.getData(), p.getLength());
      if (payload.length > 0) {
        sink.accept(payload);
      }
    }
  }

  /**
   * Whether a packet from {@code source} is the party's audio: it comes from the address its SDP
   * named, or, the first time, from that port on another address of the same host (a phone on
   * several interfaces sends from one it did not advertise), which is then the only one taken.
   */
  private boolean fromTheParty(InetSocketAddress source) {
    InetSocketAddress expected = remote;
    if (expected == null || expected.equals(source)) {
      return true;
    }
    if (learned == null && source.getPort() == expected.getPort()) {
      learned = source;
    }
    return source.equals(learned);
  }

  /** The PCMU payload of an RTP packet; empty when it is not RTP version 2 with payload type 0. */
  static byte[] payload(byte[] data, int length) {
    if (length < HEADER || (data[0] & 0xC0) != 0x80 || (data[1] & 0x7F) != 0) {
      return new byte[0];
    }
    int start = HEADER + 4 * (data[0] & 0x0F);
    if ((data[0] & 0x10) != 0 && length >= start + 4) { // header extension
      start += 4 + 4 * (((data[start + 2] & 0xFF) << 8) | (data[start + 3] & 0xFF));
    }
    int end = length;
    if ((data[0] & 0x20) != 0 && length > start) { // padding
      end -= data[length - 1] & 0xFF;
    }
    return start >= end ? new byte[0] : Arrays.copyOfRange(data, start, end);
  }

  @Override
  public void close() {
    socket.close();
  }
}
