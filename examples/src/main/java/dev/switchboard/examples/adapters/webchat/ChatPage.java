package dev.switchboard.examples.adapters.webchat;

/**
 * The customer's chat page: an HTML file, its script ({@code /chat.js}) and its style sheet
 * ({@code /chat.css}), all from the chat's own origin, so the page's Content-Security-Policy
 * allows no inline script or style. Every message, the customer's and the agent's, is put on the
 * page as a text node ({@code textContent}), never parsed as HTML.
 *
 * <p>The page asks the server for its session ({@code POST /chat/session}); the server keeps it
 * in an HttpOnly cookie the script never sees. Nothing in the page's address is read: a link
 * cannot choose the visitor's session or make the page send anything. When the reply stream
 * breaks, the browser reconnects with the last event id it saw; when the server no longer knows
 * the session (a restart with a new secret), the page asks for a new one and resumes after that
 * same id, so no reply pushed meanwhile is skipped.
 */
final class ChatPage {

  /** The policy the page is served with: nothing inline, nothing from elsewhere, no framing. */
  static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  private ChatPage() {}

  static String html(int maxChars) {
    return HTML.replace("MAX_CHARS", Integer.toString(maxChars));
  }

  private static final String HTML = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Chat with us</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <link rel="stylesheet" href="/chat.css">
      <script src="/chat.js" defer></script>
      </head><body>
      <h1>Chat with us</h1>
      <ol id="log" aria-live="polite"></ol>
      <form id="form"><input id="text" maxlength="MAX_CHARS" autocomplete="off"
        placeholder="Type a message" aria-label="message"><button>Send</button></form>
      <p id="status">connecting&hellip;</p>
      </body></html>
      """;

  static final String CSS = """
      body{font:15px system-ui,sans-serif;margin:0 auto;max-width:40em;padding:1em;color:#222}
      #log{list-style:none;padding:0;min-height:10em}
      #log li{margin:.4em 0;padding:.4em .7em;border-radius:.6em;white-space:pre-wrap;max-width:80%}
      #log li.me{background:#dbeafe;margin-left:auto}
      #log li.agent{background:#eee}
      #log li.failed{background:#fde2e2}
      form{display:flex;gap:.5em}#text{flex:1;padding:.5em}#status{color:#666;font-size:13px}
      """;

  static final String SCRIPT = """
      'use strict';
      const log = document.getElementById('log');
      const status = document.getElementById('status');
      let lastId = '';
      let events = null;
      let ready = null;
      function newId() {
        return crypto.randomUUID ? crypto.randomUUID()
          : Date.now().toString(36) + Math.random().toString(36).slice(2);
      }
      function show(who, text, cls) {
        const li = document.createElement('li');
        li.className = cls;
        const name = document.createElement('b');
        name.textContent = who + ': ';
        li.appendChild(name);
        li.appendChild(document.createTextNode(text));
        log.appendChild(li);
        return li;
      }
      function wait(ms) { return new Promise(r => setTimeout(r, ms)); }
      async function session() {
        for (;;) {
          try {
            const r = await fetch('/chat/session', {method: 'POST', credentials: 'same-origin'});
            if (r.ok) return;
            status.textContent = 'cannot start the chat: ' + await r.text();
          } catch (e) {
            status.textContent = 'reconnecting\\u2026';
          }
          await wait(2000);
        }
      }
      function listen() {
        if (events) events.close();
        const url = '/chat/events' + (lastId ? '?after=' + encodeURIComponent(lastId) : '');
        events = new EventSource(url);
        events.onopen = () => { status.textContent = 'connected'; };
        events.onerror = () => {
          status.textContent = 'reconnecting\\u2026';
          if (events.readyState === EventSource.CLOSED) wait(1000).then(restart);
        };
        events.addEventListener('reply', e => {
          if (e.lastEventId) lastId = e.lastEventId;
          const m = JSON.parse(e.data);
          show(m.agent || 'agent', m.text, 'agent');
        });
      }
      function restart() {
        ready = session().then(listen);
        return ready;
      }
      async function post(id, text) {
        return fetch('/chat/messages', {method: 'POST', credentials: 'same-origin',
          body: new URLSearchParams({id: id, text: text})});
      }
      async function send(text) {
        const li = show('you', text, 'me');
        const id = 'm-' + newId();
        try {
          await ready;
          let r = await post(id, text);
          if (r.status === 401) {
            await restart();
            r = await post(id, text);
          }
          if (!r.ok) {
            li.className = 'me failed';
            status.textContent = 'not sent: ' + await r.text();
          }
        } catch (e) {
          li.className = 'me failed';
          status.textContent = 'not sent: ' + e;
        }
      }
      document.getElementById('form').addEventListener('submit', e => {
        e.preventDefault();
        const input = document.getElementById('text');
        const text = input.value.trim();
        if (text) send(text);
        input.value = '';
      });
      restart();
      """;
}
