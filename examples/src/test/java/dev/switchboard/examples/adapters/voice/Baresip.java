package dev.switchboard.examples.adapters.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's baresip as an agent's softphone on loopback: it registers with the voice adapter,
 * answers automatically, plays a WAV file as its microphone and records what it hears (the
 * {@code sndfile} module). Bounded by {@code -t}, stopped by its PID on close. On CI a missing
 * baresip fails the test; elsewhere the test is skipped, saying why.
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
   * Starts a phone for {@code agent} listening on {@code port}, registering with the SIP edge at
   * {@code edgePort} with {@code password}, speaking {@code microphone} (an 8 kHz mono WAV
   * file), for at most {@code limit}.
   */
  Baresip(Path dir, String agent, String password, int port, int edgePort, Path microphone,
      Duration limit) throws IOException {
    this.dir = Files.createDirectories(dir);
    Files.writeString(dir.resolve("config"), String.join("\n",
        "sip_listen 127.0.0.1:" + port,
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
    Files.writeString(dir.resolve("accounts"), "<sip:" + agent + "@127.0.0.1:" + edgePort
        + ">;auth_pass=" + password + ";regint=300;answermode=auto;audio_codecs=PCMU;mediaenc=\n");
    process = new ProcessBuilder(List.of(BARESIP.toString(), "-4", "-f", dir.toString(), "-t",
        Long.toString(limit.toSeconds())))
        .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile()).start();
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
