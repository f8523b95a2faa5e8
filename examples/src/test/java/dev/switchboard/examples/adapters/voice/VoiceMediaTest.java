package dev.switchboard.examples.adapters.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The B2BUA's media pieces: G.711, the hold audio file, SDP; SIP digests; the settings' checks.
 */
class VoiceMediaTest {

  @TempDir Path dir;

  @Test
  void g711_roundTrip_staysWithinItsQuantisationStep() {
    for (int sample = -32768; sample <= 32767; sample += 7) {
      int back = G711.decode(G711.encode(sample));
      // µ-law keeps about 4 significant bits: the error grows with the magnitude
      assertThat(Math.abs(back - sample)).as("sample %d", sample)
          .isLessThanOrEqualTo(Math.max(8, Math.abs(sample) / 16 + 132));
    }
    assertThat(G711.encode(0)).isEqualTo((byte) 0xFF);
  }

  @Test
  void holdAudio_fromPcmWav_loopsInPackets() throws Exception {
    Path wav = dir.resolve("hold.wav");
    VoiceAdapterSipTest.writeTone(wav, 440, 200);
    HoldAudio hold = HoldAudio.read(wav);
    assertThat(hold.ulaw()).hasSize(200);
    byte[] second = hold.packet(1); // samples 160..199 then 0..119
    assertThat(second[40]).isEqualTo(hold.ulaw()[0]);
    assertThat(second[0]).isEqualTo(hold.ulaw()[160]);
  }

  @Test
  void holdAudio_notEightKilohertzMono_isRefusedNamingWhatItIs() throws Exception {
    Path wav = dir.resolve("hold.wav");
    VoiceAdapterSipTest.writeTone(wav, 440, 400);
    byte[] bytes = Files.readAllBytes(wav);
    bytes[24] = 0x44; // 8000 -> 44100 Hz (0xAC44): low byte first
    bytes[25] = (byte) 0xAC;
    Files.write(wav, bytes);
    assertThatThrownBy(() -> HoldAudio.read(wav)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("44100 Hz").hasMessageContaining("mono 8000 Hz");
    Files.writeString(dir.resolve("text.wav"), "not audio");
    assertThatThrownBy(() -> HoldAudio.read(dir.resolve("text.wav")))
        .hasMessageContaining("is not a RIFF WAVE file");
  }

  @Test
  void sdp_findsThePcmuTarget_orNothingWhenPcmuIsNotOffered() {
    String offer = Sdp.pcmu("127.0.0.1", 40000, 7);
    assertThat(Sdp.pcmuTarget(offer.getBytes(StandardCharsets.UTF_8)))
        .contains(new InetSocketAddress("127.0.0.1", 40000));
    String opus = offer.replace("RTP/AVP 0", "RTP/AVP 111");
    assertThat(Sdp.pcmuTarget(opus.getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(Sdp.pcmuTarget("m=audio x RTP/AVP 0".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Optional.empty());
    assertThat(Sdp.pcmuTarget(null)).isEmpty();
  }

  @Test
  void rtpPayload_ofSomethingElse_isEmpty() {
    byte[] rtp = new byte[20];
    rtp[0] = (byte) 0x80;
    assertThat(RtpLeg.payload(rtp, rtp.length)).hasSize(8);
    rtp[1] = 8; // PCMA, not PCMU
    assertThat(RtpLeg.payload(rtp, rtp.length)).isEmpty();
    assertThat(RtpLeg.payload(rtp, 5)).isEmpty();
  }

  @Test
  void rtpLeg_onceItKnowsTheParty_dropsAudioFromAnyoneElse() throws Exception {
    List<byte[]> heard = new CopyOnWriteArrayList<>();
    try (RtpLeg leg = new RtpLeg(InetAddress.getLoopbackAddress(), "test");
        RtpLeg party = new RtpLeg(InetAddress.getLoopbackAddress(), "party");
        RtpLeg stranger = new RtpLeg(InetAddress.getLoopbackAddress(), "stranger")) {
      leg.sink(heard::add);
      InetSocketAddress legAddress =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), leg.localPort());
      leg.remote(new InetSocketAddress(InetAddress.getLoopbackAddress(), party.localPort()));
      party.remote(legAddress);
      stranger.remote(legAddress);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (heard.isEmpty() && System.nanoTime() < deadline) {
        stranger.send(new byte[] {1, 1, 1});
        party.send(new byte[] {2, 2, 2});
        Thread.sleep(10); // pacing the datagrams; the loop's bound is the assertion
      }
      stranger.send(new byte[] {1, 1, 1});
      party.send(new byte[] {3, 3, 3});
      while (heard.stream().noneMatch(p -> p[0] == 3) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    assertThat(heard).isNotEmpty().allSatisfy(p -> assertThat(p[0]).isNotEqualTo((byte) 1));
    assertThat(heard).anySatisfy(p -> assertThat(p[0]).isEqualTo((byte) 3));
  }

  @Test
  void digestResponse_isRfc2617sExample() {
    assertThat(SipDigest.response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
        "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth"))
        .isEqualTo("6629fae49393a05397450978507c4ef1");
    assertThat(SipDigest.matches("6629fae49393a05397450978507c4ef1",
        "6629FAE49393A05397450978507C4EF1")).isTrue();
    assertThat(SipDigest.matches("6629fae49393a05397450978507c4ef1",
        "6629fae49393a05397450978507c4ef0")).isFalse();
  }

  @Test
  void sha256DigestResponse_isRfc7616sExample() {
    // RFC 7616 section 3.9.1, the example RFC 8760 takes SHA-256 digest from
    assertThat(SipDigest.response("SHA-256", "Mufasa", "http-auth@example.org", "Circle of Life",
        "GET", "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth"))
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    assertThat(SipDigest.algorithm(null, List.of("MD5", "SHA-256"))).contains("MD5");
    assertThat(SipDigest.algorithm("sha-256", List.of("MD5", "SHA-256"))).contains("SHA-256");
    assertThat(SipDigest.algorithm("MD5", List.of("SHA-256"))).as("not offered").isEmpty();
    assertThat(SipDigest.algorithm("MD5-sess", List.of("MD5", "SHA-256"))).isEmpty();
  }

  @Test
  void network_containsTheAddressesOfItsPrefix_andNoOthers() throws Exception {
    Network net = Network.parse("192.0.2.128/25");
    assertThat(net.contains(InetAddress.getByName("192.0.2.200"))).isTrue();
    assertThat(net.contains(InetAddress.getByName("192.0.2.127"))).isFalse();
    assertThat(net.contains(InetAddress.getByName("::1"))).as("IPv6 in IPv4").isFalse();
    assertThat(Network.parse("10.1.2.3").contains(InetAddress.getByName("10.1.2.3"))).isTrue();
    assertThat(Network.parse("10.1.2.3").contains(InetAddress.getByName("10.1.2.4"))).isFalse();
    assertThat(Network.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ff::1")))
        .isTrue();
    assertThat(Network.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")))
        .isTrue();
    assertThatThrownBy(() -> Network.parse("pbx.example.com"))
        .hasMessageContaining("host names are not looked up");
    assertThatThrownBy(() -> Network.parse("10.0.0.0/33"))
        .hasMessageContaining("prefix length 33; allowed 0 to 32");
    assertThatThrownBy(() -> Network.parse("10.0.0.0/x"))
        .hasMessageContaining("no prefix length");
  }

  @Test
  void settings_withABadTrunkSource_orDigestAlgorithm_areRefused() {
    VoiceSettings.Builder base = VoiceSettings.builder().holdAudio(dir.resolve("hold.wav"))
        .queueNumber("100");
    assertThat(base.build().trunkSources()).containsExactly("127.0.0.0/8", "::1/128");
    assertThat(base.build().digestAlgorithms()).containsExactly("MD5");
    assertThatThrownBy(() -> VoiceSettings.builder().holdAudio(dir.resolve("hold.wav"))
        .queueNumber("100").trunkSource("carrier.example.net").build())
        .hasMessageContaining("trunk source 'carrier.example.net' is not an IP address");
    assertThatThrownBy(() -> VoiceSettings.builder().holdAudio(dir.resolve("hold.wav"))
        .queueNumber("100").digestAlgorithms("MD5", "SHA-512").build())
        .hasMessageContaining("digestAlgorithms must name MD5, SHA-256 or both");
    assertThatThrownBy(() -> VoiceSettings.builder().holdAudio(dir.resolve("hold.wav"))
        .queueNumber("100").digestAlgorithms().build())
        .hasMessageContaining("digestAlgorithms must name");
    assertThat(VoiceSettings.builder().holdAudio(dir.resolve("hold.wav")).queueNumber("100")
        .trunkSource("192.0.2.0/24").build().trunkSources()).containsExactly("192.0.2.0/24");
  }

  @Test
  void settings_withoutAQueueNumber_orWithABadPort_areRefused() {
    Path wav = dir.resolve("hold.wav");
    assertThatThrownBy(() -> VoiceSettings.builder().holdAudio(wav).build())
        .hasMessageContaining("queueNumbers is empty");
    assertThatThrownBy(() -> VoiceSettings.builder().holdAudio(wav).queueNumber("100")
        .sipPort(0).build()).hasMessageContaining("sipPort must be 1 to 65535, was 0");
    assertThatThrownBy(() -> VoiceSettings.builder().holdAudio(wav).queueNumber("100")
        .maxRegistrationExpiry(Duration.ZERO).build())
        .hasMessageContaining("maxRegistrationExpiry");
    assertThatThrownBy(() -> VoiceSettings.builder().holdAudio(wav).queueNumber("100")
        .maxCalls(0).build()).hasMessageContaining("maxCalls must be at least 1, was 0");
    assertThatThrownBy(() -> VoiceSettings.builder().holdAudio(wav).queueNumber("100")
        .credential("ted", "").build()).hasMessageContaining("SIP password of ted is empty");
    VoiceSettings settings = VoiceSettings.builder().holdAudio(wav).queueNumber("100")
        .credential("ted", "ted-secret").build();
    assertThat(settings.realm()).isEqualTo("127.0.0.1");
    assertThat(settings.toString()).contains("ted").doesNotContain("ted-secret");
  }
}
