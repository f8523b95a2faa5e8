package dev.switchboard.journal.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source in front of the real one that a test can turn against the journal: {@link #cut()}
 * aborts every connection it handed out (the database sees the client vanish, a transaction in
 * flight is lost), {@link #broken} refuses new connections too, as an unreachable database does,
 * and commits are counted and, on request, held until the test lets them go.
 */
final class ChaosDataSource implements DataSource {

  private final DataSource real;
  private final List<Connection> open = new ArrayList<>();
  private final AtomicInteger commits = new AtomicInteger();
  private volatile boolean broken;
  private volatile CountDownLatch commitGate;
  private volatile CountDownLatch commitArrived = new CountDownLatch(1);

  ChaosDataSource(DataSource real) {
    this.real = real;
  }

  /** Aborts every connection handed out and not yet closed. */
  void cut() throws SQLException {
    List<Connection> all;
    synchronized (open) {
      all = new ArrayList<>(open);
      open.clear();
    }
    for (Connection c : all) {
      c.abort(Runnable::run);
    }
  }

  /** Whether new connections are refused; breaking it cuts the open ones. */
  void broken(boolean broken) throws SQLException {
    this.broken = broken;
    if (broken) {
      cut();
    }
  }

  /** How many transactions were committed through this data source. */
  int commits() {
    return commits.get();
  }

  /** Holds every commit from now on until the returned latch is counted down. */
  CountDownLatch holdCommits() {
    commitArrived = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    commitGate = gate;
    return gate;
  }

  /** Waits until a commit is held at the gate of {@link #holdCommits()}. */
  void awaitHeldCommit() throws InterruptedException {
    if (!commitArrived.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("no commit arrived at the gate within 30 s");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (broken) {
      throw new SQLException("Connection refused: the database is unreachable");
    }
    Connection c = real.getConnection();
    synchronized (open) {
      open.add(c);
    }
    InvocationHandler handler = (proxy, method, args) -> invoke(c, method, args);
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
  }

  private Object invoke(Connection c, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "close" -> {
        synchronized (open) {
          open.remove(c);
        }
      }
      case "commit" -> {
        CountDownLatch gate = commitGate;
        if (gate != null) {
          commitArrived.countDown();
        }
        if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
          throw new SQLException("the test never released the held commit");
        }
      }
      default -> { }
    }
    try {
      Object result = method.invoke(c, args);
      if (method.getName().equals("commit")) {
        commits.incrementAndGet();
      }
      return result;
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the journal uses getConnection()");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return real.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    real.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    real.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return real.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return real.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return real.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return real.isWrapperFor(type);
  }
}
