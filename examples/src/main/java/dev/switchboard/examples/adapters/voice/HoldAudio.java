package dev.switchboard.examples.adapters.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a queued caller hears: a WAV file (8 kHz, mono, 16-bit PCM or G.711 µ-law) held in
 * memory as µ-law and played in a loop, 20 ms per RTP packet.
 *
 * @param ulaw the audio, µ-law encoded, at least one packet long
 */
record HoldAudio(byte[] ulaw) {

  /** Bytes (samples) per 20 ms packet at 8 kHz. */
  static final int PACKET = 160;
  private static final int MAX_BYTES = 64 * 1024 * 1024;

  HoldAudio {
    if (ulaw.length < PACKET) {
      throw new IllegalArgumentException("hold audio is " + ulaw.length
          + " samples long; at least " + PACKET + " (20 ms) are needed");
    }
    ulaw = ulaw.clone();
  }

  /** Reads a WAV file; IllegalArgumentException names what is not 8 kHz mono PCM16 or µ-law. */
  static HoldAudio read(Path wav) throws IOException {
    if (Files.size(wav) > MAX_BYTES) {
      throw new IllegalArgumentException(wav + " is larger than " + MAX_BYTES + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new IllegalArgumentException(wav + " is not a RIFF WAVE file");
    }
    int format = -1;
    int bits = 0;
    b.position(12);
    while (b.remaining() >= 8) {
      int chunk = b.getInt();
      int size = b.getInt();
      if (size < 0 || size > b.remaining()) {
        throw new IllegalArgumentException(wav + " has a chunk running past its end");
      }
      if (chunk == 0x20746d66) { // "fmt "
        format = b.getShort(b.position()) & 0xFFFF;
        int channels = b.getShort(b.position() + 2);
        int rate = b.getInt(b.position() + 4);
        bits = b.getShort(b.position() + 14);
        if (channels != 1 || rate != 8000 || !(format == 1 && bits == 16 || format == 7)) {
          throw new IllegalArgumentException(wav + " is " + channels + " channel(s), " + rate
              + " Hz, format " + format + ", " + bits + " bits; hold audio must be mono 8000 Hz"
              + " 16-bit PCM (format 1) or µ-law (format 7)");
        }
      } else if (chunk == 0x61746164) { // "data"
        if (format < 0) {
          throw new IllegalArgumentException(wav + " has its data before its fmt chunk");
        }
        byte[] data = Arrays.copyOfRange(b.array(), b.position(), b.position() + size);
        return format == 7 ? new HoldAudio(data) : new HoldAudio(pcm16(data));
      }
      b.position(b.position() + size + (size & 1));
    }
    throw new IllegalArgumentException(wav + " has no data chunk");
  }

  private static byte[] pcm16(byte[] data) {
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    byte[] out = new byte[data.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = G711.encode(in.getShort());
    }
    return out;
  }

  /** The packet at {@code index}, wrapping round the end of the audio. */
  byte[] packet(long index) {
    byte[] p = new byte[PACKET];
    long start = index * PACKET;
    for (int i = 0; i < PACKET; i++) {
      p[i] = ulaw[(int) ((start + i) % ulaw.length)];
    }
    return p;
  }

  @Override
  public byte[] ulaw() {
    return ulaw.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HoldAudio h && Arrays.equals(ulaw, h.ulaw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ulaw);
  }

  @Override
  public String toString() {
    return "HoldAudio[" + ulaw.length + " samples]";
  }
}
