package dev.switchboard.examples;

import dev.switchboard.examples.adapters.EmbeddedServer;
import dev.switchboard.examples.adapters.Http;
import dev.switchboard.examples.adapters.HttpLimits;
import dev.switchboard.examples.adapters.InboundRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A live dashboard served on the loopback interface: a page that polls {@code /state.json} every
 * second and draws the supervisor's view (intraday charts per queue, channel and team against
 * their targets, queue depth over the last hour, the agent board, the alerts feed and the
 * insights with their predicted effects), the totals, SLA state and the campaign; and a
 * large-type wallboard at {@code /wallboard}. Charts are drawn by uPlot, served from its WebJar
 * in this jar: nothing is fetched from elsewhere. Text from the engine is set with {@code
 * textContent}, never parsed as HTML, and the content security policy allows no inline script.
 * Served by an {@link EmbeddedServer}: slow clients cannot stall it, and the pages may not be
 * framed. Read-only but for what-ifs the supervisor asks for, when given a {@link
 * WhatIfRequests}: they run in simulations of their own.
 */
final class Dashboard implements AutoCloseable {

  /** A few viewers at once: 4 workers, 32 connections, 8 from one client address. */
  static final HttpLimits LIMITS = HttpLimits.defaults().withWorkers(4).withMaxConnections(32)
      .withMaxConnectionsPerClient(8);

  private final EmbeddedServer server;

  /** Serves the page and the state the supplier returns (JSON) on {@code port}; 0 picks one. */
  Dashboard(int port, Supplier<String> stateJson) throws IOException {
    this(port, LIMITS, stateJson);
  }

  /** As above, with the given limits on clients. */
  Dashboard(int port, HttpLimits limits, Supplier<String> stateJson) throws IOException {
    this(port, limits, stateJson, null);
  }

  /**
   * As above, also answering {@code POST /what-if} with the what-ifs {@code whatIf} runs (none
   * when null): only from this server's own pages (their origin), with a JSON body of at most
   * {@link #MAX_WHAT_IF_BYTES}.
   */
  Dashboard(int port, HttpLimits limits, Supplier<String> stateJson, WhatIfRequests whatIf)
      throws IOException {
    server = EmbeddedServer.start("dashboard", port, limits, new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (whatIf != null && path.equals("/what-if") && request.getMethod().equals("POST")) {
          whatIf(request, response, callback, whatIf);
        } else if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
          response.getHeaders().put("Allow", "GET");
          Http.text(response, callback, 405, "use GET");
        } else if (path.equals("/state.json")) {
          Http.reply(response, callback, 200, "application/json", stateJson.get());
        } else if (FILES.containsKey(path)) {
          // scripts and styles from this server only: no inline script, nothing from elsewhere
          response.getHeaders().put("Content-Security-Policy", "default-src 'self'; "
              + "img-src 'self' data:; frame-ancestors 'none'");
          String[] file = FILES.get(path);
          Http.reply(response, callback, 200, file[0], file[1]);
        } else {
          Http.text(response, callback, 404, "not found");
        }
        return true;
      }
    });
  }

  /** The most bytes a what-if request's body may have. */
  static final int MAX_WHAT_IF_BYTES = 1024;

  /**
   * A what-if asked from the dashboard. A page elsewhere cannot ask: its origin differs, and a
   * JSON body makes its browser ask first, which this server never allows.
   */
  private void whatIf(Request request, Response response, Callback callback,
      WhatIfRequests whatIf) {
    String origin = request.getHeaders().get("Origin");
    String own = server.url("");
    if (!own.equals(origin)) {
      Http.text(response, callback, 403, "what-ifs are asked from this dashboard only");
      return;
    }
    String type = request.getHeaders().get("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      Http.text(response, callback, 415, "send the what-if as application/json");
      return;
    }
    try {
      String answer = whatIf.run(Http.body(request, MAX_WHAT_IF_BYTES));
      Http.reply(response, callback, 200, "application/json", answer);
    } catch (WhatIfRequests.Refused e) {
      Http.text(response, callback, e.status, e.getMessage());
    } catch (InboundRejected e) {
      Http.text(response, callback, Http.status(e.reason()), e.getMessage());
    } catch (IOException e) {
      Http.text(response, callback, 400, "cannot read the request: " + e.getMessage());
    }
  }

  /** The page's address. */
  String url() {
    return server.url("/");
  }

  /** The HTTP server, for its counters. */
  EmbeddedServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }

  /** Where the pages are kept in the jar. */
  private static final String PAGES = "/dev/switchboard/examples/dashboard/";
  /** uPlot's files in its WebJar; the version comes from the WebJar's own properties. */
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + uplotVersion()
      + "/dist/";

  /** Path served to content type and body: every page and asset, read once from the jar. */
  private static final Map<String, String[]> FILES = Map.of(
      "/", page("text/html; charset=utf-8", PAGES + "dashboard.html"),
      "/wallboard", page("text/html; charset=utf-8", PAGES + "wallboard.html"),
      "/assets/dashboard.js", page("text/javascript; charset=utf-8", PAGES + "dashboard.js"),
      "/assets/dashboard.css", page("text/css; charset=utf-8", PAGES + "dashboard.css"),
      "/assets/charts.css", page("text/css; charset=utf-8", PAGES + "charts.css"),
      "/assets/uPlot.js", page("text/javascript; charset=utf-8", UPLOT + "uPlot.iife.min.js"),
      "/assets/uPlot.css", page("text/css; charset=utf-8", UPLOT + "uPlot.min.css"));

  /** The body of a page or asset this server serves, e.g. {@code /assets/uPlot.js}. */
  static String asset(String path) {
    return FILES.get(path)[1];
  }

  private static String[] page(String type, String resource) {
    try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + resource);
      }
      return new String[] {type, new String(in.readAllBytes(), StandardCharsets.UTF_8)};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String uplotVersion() {
    Properties p = new Properties();
    try (InputStream in = Dashboard.class.getResourceAsStream(
        "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the uPlot WebJar is missing from the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }
}
