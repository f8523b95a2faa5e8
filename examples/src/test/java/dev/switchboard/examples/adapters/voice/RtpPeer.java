package dev.switchboard.examples.adapters.voice;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A party's audio in a test, standing in for a phone's media: it records what it hears as linear
 * samples and, when asked, answers with a tone to wherever its audio came from (symmetric RTP),
 * one 20 ms PCMU packet at a time.
 */
final class RtpPeer implements AutoCloseable {

  private final RtpLeg leg;
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
  private final short[] heard = new short[8000 * 60];
  private int heardCount;

  RtpPeer() throws IOException {
    leg = new RtpLeg(InetAddress.getLoopbackAddress(), "test-peer");
    leg.sink(this::record);
  }

  int port() {
    return leg.localPort();
  }

  /** Starts sending a sine of {@code hertz} to the source of the audio heard, once there is one. */
  void sendTone(double hertz) {
    long[] sent = {0};
    sender.scheduleAtFixedRate(() -> {
      if (leg.lastSource() == null) {
        return;
      }
      leg.remote(leg.lastSource());
      short[] samples = new short[HoldAudio.PACKET];
      for (int i = 0; i < samples.length; i++) {
        double t = (sent[0] * HoldAudio.PACKET + i) / 8000.0;
        samples[i] = (short) (8000 * Math.sin(2 * Math.PI * hertz * t));
      }
      sent[0]++;
      leg.send(G711.encode(samples));
    }, 0, 20, TimeUnit.MILLISECONDS);
  }

  private synchronized void record(byte[] payload) {
    for (byte b : payload) {
      if (heardCount < heard.length) {
        heard[heardCount++] = (short) G711.decode(b);
      }
    }
  }

  /** Samples heard so far. */
  synchronized int heardSamples() {
    return heardCount;
  }

  /** Everything heard since sample {@code from}. */
  synchronized short[] heardSince(int from) {
    short[] out = new short[Math.max(0, heardCount - from)];
    System.arraycopy(heard, from, out, 0, out.length);
    return out;
  }

  /**
   * How much of the audio is a sine of {@code hertz}: the Goertzel power at that frequency over
   * what a pure sine of the same energy would give; near 1 for the tone itself, near 0 for
   * anything else.
   */
  static double toneShare(short[] samples, double hertz) {
    return toneShare(samples, hertz, 8000);
  }

  /** {@link #toneShare(short[], double)} of audio sampled at {@code rate} Hz. */
  static double toneShare(short[] samples, double hertz, int rate) {
    double coefficient = 2 * Math.cos(2 * Math.PI * hertz / rate);
    double s1 = 0;
    double s2 = 0;
    double energy = 0;
    for (short x : samples) {
      double s0 = x + coefficient * s1 - s2;
      s2 = s1;
      s1 = s0;
      energy += (double) x * x;
    }
    double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    return energy == 0 ? 0 : power / (energy * samples.length / 2);
  }

  @Override
  public void close() {
    sender.shutdownNow();
    leg.close();
  }
}
