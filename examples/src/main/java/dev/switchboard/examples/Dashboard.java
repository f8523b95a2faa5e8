package dev.switchboard.examples;

import dev.switchboard.examples.adapters.EmbeddedServer;
import dev.switchboard.examples.adapters.Http;
import dev.switchboard.examples.adapters.HttpLimits;
import java.io.IOException;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A live dashboard served on the loopback interface: one self-contained page that polls {@code
 * /state.json} every second and draws queues, agents, SLA state (alerts per policy, items at
 * risk) and the campaign's share of its agents' time. Text from the engine is set
 * with {@code textContent}, never parsed as HTML. Served by an {@link EmbeddedServer}: slow
 * clients cannot stall it, and the page may not be framed.
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
    server = EmbeddedServer.start("dashboard", port, limits, new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
          response.getHeaders().put("Allow", "GET");
          Http.text(response, callback, 405, "use GET");
        } else if (path.equals("/state.json")) {
          Http.reply(response, callback, 200, "application/json", stateJson.get());
        } else if (path.equals("/")) {
          response.getHeaders().put("Content-Security-Policy", "frame-ancestors 'none'");
          Http.reply(response, callback, 200, "text/html; charset=utf-8", PAGE);
        } else {
          Http.text(response, callback, 404, "not found");
        }
        return true;
      }
    });
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

  private static final String PAGE = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Switchboard demo</title>
      <style>
      body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
      table{border-collapse:collapse;margin:.5em 0 1.5em}
      td,th{border:1px solid #ccc;padding:3px 9px;text-align:left}
      .num{text-align:right}.AVAILABLE{color:#17702f}.AWAY{color:#a05a00}.OFFLINE{color:#888}
      .breach{color:#b00020;font-weight:bold}#status{color:#555}
      </style></head><body>
      <h1>Switchboard demo centre</h1>
      <p id="status">connecting&hellip;</p>
      <h2>Totals</h2><table id="totals"></table>
      <h2>Queues</h2><table id="queues"><tr><th>queue</th><th>waiting</th><th>oldest wait (s)</th></tr></table>
      <h2>Agents</h2><table id="agents"><tr><th>agent</th><th>presence</th><th>load</th><th>items</th></tr></table>
      <h2>SLA alerts by policy</h2><table id="slaPolicies"><tr><th>policy</th><th>warnings</th><th>breaches</th></tr></table>
      <h2>Campaign</h2><table id="campaign"><tr><th>campaign</th><th>agent</th><th>target share</th><th>share at last blend</th><th>contacts blended</th></tr></table>
      <h2>SLA at risk</h2><table id="sla"><tr><th>item</th><th>queue</th><th>state</th><th>seconds left</th></tr></table>
      <script>
      function row(table, cells, classes) {
        const tr = document.createElement('tr');
        cells.forEach((c, i) => {
          const td = document.createElement('td');
          td.textContent = c;
          if (classes && classes[i]) td.className = classes[i];
          tr.appendChild(td);
        });
        table.appendChild(tr);
      }
      function reset(id) {
        const t = document.getElementById(id);
        while (t.rows.length > (id === 'totals' ? 0 : 1)) t.deleteRow(-1);
        return t;
      }
      async function refresh() {
        try {
          const s = await (await fetch('/state.json')).json();
          document.getElementById('status').textContent =
            'simulated time ' + s.time + (s.finished ? ' (day complete)' : ' at ' + s.speed + 'x');
          const totals = reset('totals');
          Object.entries(s.totals).forEach(([k, v]) => row(totals, [k, v], [null, 'num']));
          const queues = reset('queues');
          s.queues.forEach(q => row(queues, [q.name, q.waiting, q.oldestWaitSeconds], [null, 'num', 'num']));
          const agents = reset('agents');
          s.agents.forEach(a => row(agents, [a.id, a.presence, a.load, a.items], [null, a.status, null, 'num']));
          const policies = reset('slaPolicies');
          (s.sla || []).forEach(p => row(policies, [p.policy, p.warnings, p.breaches],
            [null, 'num', p.breaches > 0 ? 'num breach' : 'num']));
          const campaign = reset('campaign');
          (s.campaign || []).forEach(c => row(campaign,
            [c.campaign, c.agent, c.targetShare, c.share, c.contacts], [null, null, 'num', 'num', 'num']));
          const sla = reset('sla');
          s.atRisk.forEach(r => row(sla, [r.item, r.queue, r.state, r.secondsLeft],
            [null, null, null, r.secondsLeft < 0 ? 'num breach' : 'num']));
        } catch (e) {
          document.getElementById('status').textContent = 'waiting for the demo: ' + e;
        }
      }
      refresh();
      setInterval(refresh, 1000);
      </script></body></html>
      """;
}
