package dev.switchboard.journal.postgres.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

/** What a standby asks of its cluster node: connections, timing, and the takeover itself. */
interface FollowHost {

  /** How long a standby waits for a notification before it reads anyway. */
  long pollNanos();

  /** How long a writer's session may idle inside a transaction before the server ends it. */
  long idleInTransactionMillis();

  /** The connection standbys share to read their leaders' entries. */
  Shared tail();

  /** A connection of its own, for the caller to close. */
  Connection connect() throws SQLException;

  /** Takes the domain over from the epoch seen; the new epoch, or -1 when it did not happen. */
  long takeOver(String domain, long seenEpoch);

  /** A takeover asked for could not be tried (reading failed); it may be asked again. */
  void takeOverFailed(String domain);

  /** The application_name of a domain's writer session: short, since names hold 63 bytes. */
  static String writerName(String domain, long epoch) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(domain.getBytes(StandardCharsets.UTF_8));
      return "switchboard writer " + HexFormat.of().formatHex(digest, 0, 8) + " " + epoch;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
