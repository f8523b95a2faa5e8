package dev.switchboard.examples.adapters.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Dovecot 2.3 and Postfix 3.7, run by a test on loopback ports of their own, configured
 * from files written into a temporary directory: virtual mailboxes ({@code supportN@example.com},
 * {@code ann@}, {@code carol@customer.test}) in Maildirs there, a self-signed certificate for
 * 127.0.0.1 made with openssl, Dovecot serving IMAP with STARTTLS (plain-text login refused) and
 * IMAPS and authenticating Postfix's submission; Postfix taking customers' mail on a plain port
 * and the adapter's on submission (STARTTLS required) and submissions (TLS). Started and stopped
 * by the test; no system service is touched.
 */
final class DovecotPostfix implements AutoCloseable {

  static final String PASSWORD = "secret";
  static final int MAILBOXES = 10;

  final Path dir;
  final Path certificate;
  final int imap;
  final int imaps;
  final int smtp;
  final int submission;
  final int submissions;
  private final Path postfixConf;
  private Process dovecot;
  private Process postfix;

  /** Why the servers cannot run here, or null if they can. */
  static String missing() {
    for (String binary : List.of("/usr/sbin/dovecot", "/usr/sbin/postfix", "/usr/bin/openssl",
        "/usr/lib/postfix/sbin/master")) {
      if (!Files.isExecutable(Path.of(binary))) {
        return binary + " is not installed (apt-get install dovecot-imapd postfix openssl)";
      }
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "Postfix's master must be started as root";
    }
    return null;
  }

  DovecotPostfix() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("dovecot-postfix");
    // the servers' own users (dovecot, postfix, mail) must reach their files under it
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    imap = freePort();
    imaps = freePort();
    smtp = freePort();
    submission = freePort();
    submissions = freePort();
    certificate = dir.resolve("cert.pem");
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
        "-keyout", dir.resolve("key.pem").toString(), "-out", certificate.toString(),
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    Path vmail = Files.createDirectories(dir.resolve("vmail"));
    owner(vmail, "mail", "mail");
    StringBuilder users = new StringBuilder();
    StringBuilder boxes = new StringBuilder("ann@customer.test customer.test/ann/\n"
        + "carol@customer.test customer.test/carol/\n");
    for (int i = 0; i < MAILBOXES; i++) {
      users.append(support(i)).append(":{PLAIN}").append(PASSWORD).append('\n');
      boxes.append(support(i)).append(" example.com/support").append(i).append("/\n");
    }
    Path dovecotDir = Files.createDirectories(dir.resolve("dovecot"));
    Files.writeString(dovecotDir.resolve("users"), users);
    Files.writeString(dovecotDir.resolve("dovecot.conf"), dovecotConf(dovecotDir, vmail));
    postfixConf = Files.createDirectories(dir.resolve("postfix/conf"));
    Path data = Files.createDirectories(dir.resolve("postfix/data"));
    Files.createDirectories(dir.resolve("postfix/queue"));
    owner(data, "postfix", "postfix");
    Files.writeString(postfixConf.resolve("vmailbox"), boxes);
    Files.writeString(postfixConf.resolve("main.cf"), mainCf(dovecotDir, vmail));
    Files.writeString(postfixConf.resolve("master.cf"), masterCf());
    try {
      dovecot = start(dovecotDir.resolve("out.log"), "/usr/sbin/dovecot", "-F", "-c",
          dovecotDir.resolve("dovecot.conf").toString());
      awaitPort(imap, dovecot, dovecotDir.resolve("dovecot.log"));
      run("/usr/sbin/postfix", "-c", postfixConf.toString(), "check"); // makes the queue
      postfix = start(dir.resolve("postfix/out.log"), "/usr/sbin/postfix", "-c",
          postfixConf.toString(), "start-fg");
      awaitPort(smtp, postfix, dir.resolve("postfix/postfix.log"));
    } catch (IOException | RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  static String support(int n) {
    return "support" + n + "@example.com";
  }

  /** The Maildir {@code new} folder of {@code user@domain}. */
  Path inbox(String address) {
    int at = address.indexOf('@');
    return dir.resolve("vmail").resolve(address.substring(at + 1))
        .resolve(address.substring(0, at)).resolve("new");
  }

  /** The mail in {@code address}'s Maildir, each as its raw text. */
  List<String> mailOf(String address) throws IOException {
    Path box = inbox(address);
    if (!Files.isDirectory(box)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(box)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        out.add(Files.readString(f));
      }
    }
    return out;
  }

  private String dovecotConf(Path d, Path vmail) {
    return String.join("\n",
        "instance_name = switchboard-test-" + UUID.randomUUID(),
        "base_dir = " + d.resolve("run"),
        "state_dir = " + d.resolve("state"),
        "log_path = " + d.resolve("dovecot.log"),
        "protocols = imap",
        "listen = 127.0.0.1",
        "ssl = yes",
        "ssl_cert = <" + certificate,
        "ssl_key = <" + dir.resolve("key.pem"),
        "ssl_dh = </usr/share/dovecot/dh.pem",
        "disable_plaintext_auth = yes",
        "auth_mechanisms = plain login",
        "default_internal_user = dovecot",
        "default_login_user = dovenull",
        "first_valid_uid = 1",
        "passdb {",
        "  driver = passwd-file",
        "  args = scheme=PLAIN username_format=%u " + d.resolve("users"),
        "}",
        "userdb {",
        "  driver = static",
        "  args = uid=mail gid=mail home=" + vmail + "/%d/%n",
        "}",
        "mail_location = maildir:" + vmail + "/%d/%n",
        "service imap-login {",
        "  inet_listener imap {",
        "    address = 127.0.0.1",
        "    port = " + imap,
        "  }",
        "  inet_listener imaps {",
        "    address = 127.0.0.1",
        "    port = " + imaps,
        "    ssl = yes",
        "  }",
        "}",
        "service auth {",
        "  unix_listener auth-client {",
        "    mode = 0666",
        "  }",
        "}",
        "");
  }

  private String mainCf(Path dovecotDir, Path vmail) {
    return String.join("\n",
        "compatibility_level = 3.6",
        "queue_directory = " + dir.resolve("postfix/queue"),
        "data_directory = " + dir.resolve("postfix/data"),
        "maillog_file = " + dir.resolve("postfix/postfix.log"),
        "maillog_file_prefixes = " + dir,
        "mail_owner = postfix",
        "setgid_group = postdrop",
        "inet_interfaces = 127.0.0.1",
        "inet_protocols = ipv4",
        "myhostname = mail.example.com",
        "mydestination =",
        "mynetworks = 127.0.0.0/8",
        "relayhost =",
        // nothing leaves the machine: mail for any other domain fails at once, no DNS asked
        "default_transport = error:this test server delivers only to its own mailboxes",
        "relay_transport = error:this test server delivers only to its own mailboxes",
        "smtp_dns_support_level = disabled",
        "smtpd_peername_lookup = no",
        "alias_maps =",
        "alias_database =",
        "notify_classes =",
        "smtputf8_enable = no",
        "virtual_mailbox_domains = example.com, customer.test",
        "virtual_mailbox_base = " + vmail,
        "virtual_mailbox_maps = texthash:" + postfixConf.resolve("vmailbox"),
        "virtual_minimum_uid = 1",
        "virtual_uid_maps = static:" + uid("mail"),
        "virtual_gid_maps = static:" + uid("mail"),
        "smtpd_tls_cert_file = " + certificate,
        "smtpd_tls_key_file = " + dir.resolve("key.pem"),
        "smtpd_tls_security_level = may",
        "smtpd_sasl_type = dovecot",
        "smtpd_sasl_path = " + dovecotDir.resolve("run/auth-client"),
        "smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination",
        "");
  }

  private String masterCf() {
    String auth = " -o smtpd_sasl_auth_enable=yes"
        + " -o smtpd_client_restrictions=permit_sasl_authenticated,reject";
    return String.join("\n",
        "127.0.0.1:" + smtp + " inet n - n - - smtpd",
        "127.0.0.1:" + submission + " inet n - n - - smtpd"
            + " -o smtpd_tls_security_level=encrypt" + auth,
        "127.0.0.1:" + submissions + " inet n - n - - smtpd"
            + " -o smtpd_tls_wrappermode=yes" + auth,
        "pickup unix n - n 60 1 pickup",
        "cleanup unix n - n - 0 cleanup",
        "qmgr unix n - n 300 1 qmgr",
        "tlsmgr unix - - n 1000? 1 tlsmgr",
        "rewrite unix - - n - - trivial-rewrite",
        "bounce unix - - n - 0 bounce",
        "defer unix - - n - 0 bounce",
        "trace unix - - n - 0 bounce",
        "verify unix - - n - 1 verify",
        "flush unix n - n 1000? 0 flush",
        "proxymap unix - - n - - proxymap",
        "smtp unix - - n - - smtp",
        "relay unix - - n - - smtp",
        "error unix - - n - - error",
        "retry unix - - n - - error",
        "discard unix - - n - - discard",
        "virtual unix - n n - - virtual",
        "anvil unix - - n - 1 anvil",
        "scache unix - - n - 1 scache",
        "postlog unix-dgram n - n - 1 postlogd",
        "");
  }

  private static String uid(String user) {
    try {
      Process p = new ProcessBuilder("id", "-u", user).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot look up user " + user, e);
    }
  }

  private static void owner(Path p, String user, String group) throws IOException {
    UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(p, users.lookupPrincipalByName(user));
    GroupPrincipal g = users.lookupPrincipalByGroupName(group);
    Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(g);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Process start(Path log, String... command) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  /** Waits up to 20 s for {@code port} to take connections, failing early if the server died. */
  private static void awaitPort(int port, Process server, Path log)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException e) {
        if (!server.isAlive() || System.nanoTime() > end) {
          String why = Files.exists(log) ? Files.readString(log) : "(no log)";
          throw new IOException("server did not listen on " + port + ": " + why, e);
        }
        Thread.sleep(50);
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (postfix != null) {
        new ProcessBuilder("/usr/sbin/postfix", "-c", postfixConf.toString(), "stop")
            .redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        stop(postfix);
      }
      if (dovecot != null) {
        stop(dovecot);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the mail servers", e);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Ends the server process and whatever it started. */
  private static void stop(Process p) throws InterruptedException {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    for (ProcessHandle c : children) {
      c.destroy();
    }
  }
}
