package dev.switchboard.examples.adapters.voice;

/** G.711 µ-law (PCMU, RTP payload type 0): 16-bit linear samples to bytes and back. */
final class G711 {

  private static final int BIAS = 0x84;
  private static final int CLIP = 32635;

  private G711() {}

  /** One linear sample as a µ-law byte. */
  static byte encode(int sample) {
    int pcm = Math.max(-32768, Math.min(32767, sample));
    int sign = pcm < 0 ? 0x80 : 0;
    int magnitude = Math.min(Math.abs(pcm), CLIP) + BIAS;
    int exponent = 7;
    for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }

  /** One µ-law byte as a linear sample. */
  static int decode(byte ulaw) {
    int u = ~ulaw & 0xFF;
    int exponent = (u >> 4) & 0x07;
    int magnitude = ((((u & 0x0F) << 3) + BIAS) << exponent) - BIAS;
    return (u & 0x80) != 0 ? -magnitude : magnitude;
  }

  /** Linear samples as µ-law bytes. */
  static byte[] encode(short[] samples) {
    byte[] out = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = encode(samples[i]);
    }
    return out;
  }
}
