package dev.switchboard.examples.adapters.email;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed server certificates made by the JDK's keytool for the TLS tests, in a temporary
 * directory: a PKCS#12 key store for the server and the certificate alone, in PEM, for the
 * client to trust.
 *
 * @param keyStore the server's key and certificate, password {@value #PASSWORD}
 * @param certificate the certificate in PEM
 */
record TestCertificates(Path keyStore, Path certificate) {

  static final String PASSWORD = "changeit";

  /**
   * A certificate for {@code subjectAltNames} (keytool syntax, such as {@code
   * ip:127.0.0.1,dns:localhost}), valid for ten years.
   */
  static TestCertificates make(Path dir, String name, String subjectAltNames)
      throws IOException, InterruptedException {
    Path keyStore = dir.resolve(name + ".p12");
    Path cert = dir.resolve(name + ".pem");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "3650", "-dname", "CN=" + name, "-ext", "SAN=" + subjectAltNames,
        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
        "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
        "-storepass", PASSWORD, "-file", cert.toString());
    return new TestCertificates(keyStore, cert);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + out);
    }
  }

  /** Deletes the files. */
  void delete() throws IOException {
    Files.deleteIfExists(keyStore);
    Files.deleteIfExists(certificate);
  }
}
