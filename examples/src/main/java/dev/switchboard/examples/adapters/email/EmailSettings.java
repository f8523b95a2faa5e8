package dev.switchboard.examples.adapters.email;

import dev.switchboard.examples.adapters.FloodLimit;
import dev.switchboard.examples.adapters.Options;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * Where the email adapter reads and sends mail, and its limits. Built once with {@link
 * #builder()}; each option may be set once.
 *
 * <p>Both connections are encrypted by default: STARTTLS, required, with the server's certificate
 * checked against the JDK's trusted authorities (or the certificates given to {@link
 * Builder#trustedCertificates}) and its name against the host connected to. Plain connections,
 * which send the password in clear text, must be asked for ({@link Security#PLAIN}).
 */
public final class EmailSettings {

  /** How a connection to a mail server is protected. */
  public enum Security {
    /**
     * TLS from the first byte (IMAPS, usually port 993; SMTPS, usually 465).
     */
    TLS,
    /**
     * A plain connection upgraded with STARTTLS before logging in; a server that does not offer
     * it is refused (IMAP usually on 143; SMTP submission on 587). The default.
     */
    STARTTLS,
    /** No encryption: the password and the mail cross the network readable. Loopback tests only. */
    PLAIN
  }

  final String imapHost;
  final int imapPort;
  final String smtpHost;
  final int smtpPort;
  final String username;
  final String password;
  final String address;
  final String folder;
  final Duration pollInterval;
  final Duration timeout;
  final long maxMessageBytes;
  final int threadMemory;
  final FloodLimit floodLimit;
  final Security imapSecurity;
  final Security smtpSecurity;
  final KeyStore trusted;
  final Path stateFile;

  private EmailSettings(Builder b) {
    imapHost = require(b.imapHost, "imap");
    imapPort = b.imapPort;
    smtpHost = require(b.smtpHost, "smtp");
    smtpPort = b.smtpPort;
    username = require(b.username, "login");
    password = require(b.password, "login");
    address = require(b.address, "address");
    folder = b.folder == null ? "INBOX" : b.folder;
    pollInterval = b.pollInterval == null ? Duration.ofSeconds(5) : b.pollInterval;
    timeout = b.timeout == null ? Duration.ofSeconds(10) : b.timeout;
    maxMessageBytes = b.maxMessageBytes == 0 ? 1 << 20 : b.maxMessageBytes;
    threadMemory = b.threadMemory == 0 ? 10_000 : b.threadMemory;
    floodLimit = b.floodLimit == null ? new FloodLimit(10, Duration.ofMinutes(1)) : b.floodLimit;
    imapSecurity = b.imapSecurity == null ? Security.STARTTLS : b.imapSecurity;
    smtpSecurity = b.smtpSecurity == null ? Security.STARTTLS : b.smtpSecurity;
    trusted = b.trusted;
    stateFile = b.stateFile;
  }

  private static String require(String value, String option) {
    if (value == null) {
      throw new IllegalStateException("email settings need " + option + "(...)");
    }
    return value;
  }

  /** A builder with no options set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The mailbox address replies are sent from. */
  public String address() {
    return address;
  }

  /** Builds {@link EmailSettings}; not thread-safe. */
  public static final class Builder {
    private String imapHost;
    private int imapPort;
    private String smtpHost;
    private int smtpPort;
    private String username;
    private String password;
    private String address;
    private String folder;
    private Duration pollInterval;
    private Duration timeout;
    private long maxMessageBytes;
    private int threadMemory;
    private FloodLimit floodLimit;
    private Security imapSecurity;
    private Security smtpSecurity;
    private KeyStore trusted;
    private Path trustedFile;
    private Path stateFile;

    private Builder() {}


    private static int port(int port, String option) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(option + " port must be 1 to 65535, was " + port);
      }
      return port;
    }


    /** The IMAP server inbound mail is read from; see {@link #imapSecurity}. */
    public Builder imap(String host, int port) {
      Options.once(imapHost, "imap");
      imapPort = port(port, "imap");
      imapHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The SMTP server replies are sent through. */
    public Builder smtp(String host, int port) {
      Options.once(smtpHost, "smtp");
      smtpPort = port(port, "smtp");
      smtpHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The account used for both IMAP and SMTP. */
    public Builder login(String username, String password) {
      Options.once(this.username, "login");
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The address replies come from, e.g. {@code support@example.com}. */
    public Builder address(String address) {
      Options.once(this.address, "address");
      if (!Objects.requireNonNull(address, "address").contains("@")) {
        throw new IllegalArgumentException("address must contain '@', was '" + address + "'");
      }
      this.address = address;
      return this;
    }

    /** The folder read for new mail; {@code INBOX} by default. */
    public Builder folder(String folder) {
      Options.once(this.folder, "folder");
      this.folder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** How often the folder is checked for new mail; 5 s by default. */
    public Builder pollInterval(Duration interval) {
      Options.once(pollInterval, "pollInterval");
      pollInterval = Options.positive(interval, "pollInterval");
      return this;
    }

    /** Connect and read timeout for both servers; 10 s by default. */
    public Builder timeout(Duration timeout) {
      Options.once(this.timeout, "timeout");
      this.timeout = Options.positive(timeout, "timeout");
      return this;
    }

    /** Larger messages are rejected unread; 1 MiB by default. */
    public Builder maxMessageBytes(long bytes) {
      if (maxMessageBytes != 0) {
        throw new IllegalStateException("maxMessageBytes is already set");
      }
      if (bytes < 1) {
        throw new IllegalArgumentException("maxMessageBytes must be at least 1, was " + bytes);
      }
      maxMessageBytes = bytes;
      return this;
    }

    /** How many message ids and conversations threading remembers; 10,000 by default. */
    public Builder threadMemory(int conversations) {
      if (threadMemory != 0) {
        throw new IllegalStateException("threadMemory is already set");
      }
      if (conversations < 1) {
        throw new IllegalArgumentException("threadMemory must be at least 1, was " + conversations);
      }
      threadMemory = conversations;
      return this;
    }

    /**
     * How much mail one sender may send: bursts of {@code burst} messages, then one per {@code
     * refillEvery}; more is refused as a flood (flagged in the mailbox, counted). 10 and one
     * minute by default.
     */
    public Builder floodLimit(int burst, Duration refillEvery) {
      Options.once(floodLimit, "floodLimit");
      floodLimit = new FloodLimit(burst, refillEvery);
      return this;
    }

    /** How the IMAP connection is protected; {@link Security#STARTTLS} by default. */
    public Builder imapSecurity(Security security) {
      Options.once(imapSecurity, "imapSecurity");
      imapSecurity = Objects.requireNonNull(security, "security");
      return this;
    }

    /** How the SMTP connection is protected; {@link Security#STARTTLS} by default. */
    public Builder smtpSecurity(Security security) {
      Options.once(smtpSecurity, "smtpSecurity");
      smtpSecurity = Objects.requireNonNull(security, "security");
      return this;
    }

    /**
     * Trusts the certificates in {@code file} (PEM or DER, one or more; a private authority or a
     * server's own self-signed certificate) instead of the JDK's authorities. Server names are
     * still checked against the certificate.
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no certificate
     */
    public Builder trustedCertificates(Path file) {
      Options.once(trustedFile, "trustedCertificates");
      Objects.requireNonNull(file, "file");
      try (InputStream in = Files.newInputStream(file)) {
        Collection<? extends Certificate> certs =
            CertificateFactory.getInstance("X.509").generateCertificates(in);
        if (certs.isEmpty()) {
          throw new IllegalArgumentException(file + " holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (Certificate c : certs) {
          store.setCertificateEntry("trusted-" + n++, c);
        }
        trusted = store;
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot read certificates from " + file + ": "
            + e.getMessage(), e);
      }
      trustedFile = file;
      return this;
    }

    /**
     * Where the adapter keeps which mail of the folder it already handed to the engine (the
     * folder's UIDVALIDITY and a UID watermark), so that after a restart it reads exactly the
     * mail that came since, whether or not another client marked it read. Without it the
     * adapter starts, after a restart, from the oldest unread mail. Written atomically after each
     * poll; the directory must exist.
     */
    public Builder stateFile(Path file) {
      Options.once(stateFile, "stateFile");
      stateFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalStateException naming the first required option not set: {@code imap},
     *     {@code smtp}, {@code login}, {@code address}
     */
    public EmailSettings build() {
      return new EmailSettings(this);
    }
  }
}
