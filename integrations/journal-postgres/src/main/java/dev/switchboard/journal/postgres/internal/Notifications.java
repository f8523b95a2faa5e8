package dev.switchboard.journal.postgres.internal;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's LISTEN through the official driver, reached by reflection so that the module
 * needs no driver at compile time: JDBC has no API for notifications, and pgjdbc offers them on
 * {@code org.postgresql.PGConnection}. With another driver (or a pool that does not unwrap) there
 * are none, and standbys poll.
 */
final class Notifications {

  private final Connection connection;
  private final Object pg;
  private final Method await;
  private final Method parameter;

  private Notifications(Connection connection, Object pg, Method await, Method parameter) {
    this.connection = connection;
    this.pg = pg;
    this.await = await;
    this.parameter = parameter;
  }

  /**
   * Notifications on the connection; throws {@link UnsupportedOperationException} saying why
   * when its driver offers none.
   */
  static Notifications of(Connection c) {
    try {
      ClassLoader loader = driverLoader(c);
      Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false, loader);
      Class<?> notification = Class.forName("org.postgresql.PGNotification", false, loader);
      if (!c.isWrapperFor(pgConnection)) {
        throw new UnsupportedOperationException(c.getClass().getName() + " does not unwrap to"
            + " org.postgresql.PGConnection");
      }
      return new Notifications(c, c.unwrap(pgConnection),
          pgConnection.getMethod("getNotifications", int.class),
          notification.getMethod("getParameter"));
    } catch (ClassNotFoundException | NoSuchMethodException | SQLException | LinkageError e) {
      throw new UnsupportedOperationException(e.toString(), e);
    }
  }

  /**
   * The loader that sees pgjdbc: the connection's own (a pool's proxy class may live elsewhere),
   * else the thread's context loader, else this module's.
   */
  private static ClassLoader driverLoader(Connection c) throws ClassNotFoundException {
    ClassLoader[] loaders = {c.getClass().getClassLoader(),
        Thread.currentThread().getContextClassLoader(), Notifications.class.getClassLoader()};
    for (ClassLoader loader : loaders) {
      try {
        Class.forName("org.postgresql.PGConnection", false, loader);
        return loader;
      } catch (ClassNotFoundException e) {
        // try the next one
      }
    }
    throw new ClassNotFoundException("org.postgresql.PGConnection (pgjdbc) is not visible to"
        + " the connection's, the thread's or this module's class loader");
  }

  void listen(String channel) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement s = connection.createStatement()) {
      s.execute("LISTEN " + channel);
    }
  }

  /** The payloads that arrived, waiting up to the milliseconds for the first. */
  List<String> await(int millis) throws SQLException {
    Object got;
    try {
      got = await.invoke(pg, millis);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("listening failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new SQLException("the driver's notifications cannot be read", e);
    }
    List<String> payloads = new ArrayList<>();
    if (got != null) {
      for (int i = 0; i < Array.getLength(got); i++) {
        try {
          payloads.add((String) parameter.invoke(Array.get(got, i)));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new SQLException("a notification cannot be read", e);
        }
      }
    }
    return payloads;
  }
}
