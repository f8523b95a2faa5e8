package dev.switchboard.examples.adapters.voice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's baresip as a softphone on loopback: an agent's phone that registers with the voice
 * adapter and answers automatically, or a customer's that dials a queue number at start. Either
 * plays a WAV file as its microphone and records what it hears (the {@code sndfile} module).
 * Bounded by {@code -t}, stopped by its PID on close. On CI a missing baresip fails the test;
 * elsewhere the test is skipped, saying why.
 */
final class Baresip implements AutoCloseable {

  static final Path BARESIP = Path.of("/usr/bin/baresip");

  private final Process process;
  private final Path dir;

  /** Fails on CI, skips elsewhere, when it is not installed. */
  static void require() {
    LocalBinary.require(BARESIP, "baresip");
  }

  /**
   * A port where baresip can listen: it takes the port for SIP over UDP and TCP, and the next
   * one for TLS, all on loopback, and does not start if one of them is taken.
   */
  static int freePort() throws IOException {
    while (true) {
      int port = Sipp.freePort();
      if (port < 65535 && tcpFree(port) && tcpFree(port + 1)) {
        return port;
      }
    }
  }

  private static boolean tcpFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Starts a phone for {@code agent} listening on {@code port}, registering with the SIP edge at
   * {@code edgePort} with {@code password}, speaking {@code microphone} (an 8 kHz mono WAV
   * file), for at most {@code limit}.
   */
  static Baresip agent(Path dir, String agent, String password, int port, int edgePort,
      Path microphone, Duration limit) throws IOException {
    return new Baresip(dir, port, microphone, "<sip:" + agent + "@127.0.0.1:" + edgePort
        + ">;auth_pass=" + password + ";regint=300;answermode=auto", List.of(), limit);
  }

  /**
   * Starts a customer's phone for {@code caller} (an E.164 number) listening on {@code port},
   * which at once calls {@code number} at the SIP edge at {@code edgePort} (no registration),
   * speaks {@code microphone} and hangs up when {@code limit} is reached (baresip ends its calls
   * as it quits).
   */
  static Baresip caller(Path dir, String caller, String number, int port, int edgePort,
      Path microphone, Duration limit) throws IOException {
    return new Baresip(dir, port, microphone, "<sip:" + caller + "@127.0.0.1>;regint=0",
        List.of("-e", "/dial sip:" + number + "@127.0.0.1:" + edgePort), limit);
  }

  private Baresip(Path dir, int port, Path microphone, String account, List<String> commands,
      Duration limit) throws IOException {
    this.dir = Files.createDirectories(dir);
    Files.writeString(dir.resolve("config"), String.join("\n",
        "sip_listen 127.0.0.1:" + port,
        "net_interface 127.0.0.1", // its SDP then names loopback, not the host's other address
        "audio_source aufile," + microphone,
        "audio_player aubridge,nowhere",
        "audio_alert aubridge,nowhere",
        "module_path /usr/lib/baresip/modules",
        "module g711.so",
        "module aufile.so",
        "module aubridge.so",
        "module sndfile.so",
        "module_app account.so",
        "module_app menu.so",
        "snd_path " + dir,
        ""));
    Files.writeString(dir.resolve("accounts"), account + ";audio_codecs=PCMU;mediaenc=\n");
    List<String> command = new ArrayList<>(List.of(BARESIP.toString(), "-4", "-f",
        dir.toString(), "-t", Long.toString(limit.toSeconds())));
    command.addAll(commands);
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("baresip.log").toFile()).start();
  }

  /** Whether baresip still runs (it quits when its time limit is reached). */
  boolean running() {
    return process.isAlive();
  }

  /** The recording of what the phone heard, once written; empty before. */
  Optional<Path> heard() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-dec.wav"))
          .filter(f -> f.toFile().length() > 44).findFirst();
    }
  }

  /** The log so far, for a failure message. */
  String log() throws IOException {
    Path log = dir.resolve("baresip.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The mono 16-bit samples of a WAV file and its sample rate. */
  static short[] samples(Path wav, int[] rate) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    b.position(12);
    int channels = 1;
    while (b.remaining() >= 8) {
      int chunk = b.getInt();
      int size = b.getInt();
      if (chunk == 0x20746d66) {
        channels = b.getShort(b.position() + 2);
        rate[0] = b.getInt(b.position() + 4);
      } else if (chunk == 0x61746164) {
        int length = Math.min(size < 0 ? Integer.MAX_VALUE : size, b.remaining()) / 2 / channels;
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
          out[i] = b.getShort(b.position() + 2 * channels * i);
        }
        return out;
      }
      b.position(b.position() + size + (size & 1));
    }
    return new short[0];
  }

  @Override
  public void close() throws InterruptedException {
    LocalBinary.stop(process);
  }
}
