package dev.switchboard.examples.adapters.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS sockets that check the server: its certificate chain against the trusted certificates
 * (the JDK's authorities unless the settings name others), and its name against the host
 * connected to, by the JDK's endpoint identification (RFC 2818 / RFC 6125 rules, IP addresses
 * included). Used for IMAPS, SMTPS and the STARTTLS upgrade alike.
 */
final class TlsSockets extends SSLSocketFactory {

  private final SSLSocketFactory delegate;

  private TlsSockets(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  /** Sockets trusting {@code trusted}, or the JDK's authorities when it is null. */
  static TlsSockets trusting(KeyStore trusted) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return new TlsSockets(context.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make TLS sockets: " + e.getMessage(), e);
    }
  }

  private static Socket checked(Socket s) {
    if (s instanceof SSLSocket ssl) {
      SSLParameters p = ssl.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(p);
    }
    return s;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return checked(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose)
      throws IOException {
    return checked(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return checked(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return checked(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return checked(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return checked(delegate.createSocket(address, port, localAddress, localPort));
  }
}
