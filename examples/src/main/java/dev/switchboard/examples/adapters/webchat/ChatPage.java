package dev.switchboard.examples.adapters.webchat;

/**
 * The customer's chat page: one self-contained HTML file. Every message, the customer's and the
 * agent's, is put on the page as a text node ({@code textContent}), never parsed as HTML.
 *
 * <p>The visitor's session id lives in {@code sessionStorage} (one chat per tab, surviving a
 * reload); {@code ?session=} sets it and {@code ?say=} sends a first message once the reply
 * stream is open, which is how the browser test drives the page.
 */
final class ChatPage {

  private ChatPage() {}

  static String html(int maxChars) {
    return PAGE.replace("MAX_CHARS", Integer.toString(maxChars));
  }

  private static final String PAGE = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Chat with us</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <style>
      body{font:15px system-ui,sans-serif;margin:0 auto;max-width:40em;padding:1em;color:#222}
      #log{list-style:none;padding:0;min-height:10em}
      #log li{margin:.4em 0;padding:.4em .7em;border-radius:.6em;white-space:pre-wrap;max-width:80%}
      #log li.me{background:#dbeafe;margin-left:auto}
      #log li.agent{background:#eee}
      #log li.failed{background:#fde2e2}
      form{display:flex;gap:.5em}#text{flex:1;padding:.5em}#status{color:#666;font-size:13px}
      </style></head><body>
      <h1>Chat with us</h1>
      <ol id="log" aria-live="polite"></ol>
      <form id="form"><input id="text" maxlength="MAX_CHARS" autocomplete="off"
        placeholder="Type a message" aria-label="message"><button>Send</button></form>
      <p id="status">connecting&hellip;</p>
      <script>
      'use strict';
      const params = new URLSearchParams(location.search);
      const log = document.getElementById('log');
      const status = document.getElementById('status');
      function newId() {
        return crypto.randomUUID ? crypto.randomUUID()
          : Date.now().toString(36) + Math.random().toString(36).slice(2);
      }
      let session = params.get('session') || sessionStorage.getItem('switchboard-chat');
      if (!session) session = newId();
      sessionStorage.setItem('switchboard-chat', session);
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
      async function send(text) {
        const li = show('you', text, 'me');
        const id = 'm-' + newId();
        try {
          const r = await fetch('/chat/messages', {method: 'POST',
            body: new URLSearchParams({session: session, id: id, text: text})});
          if (!r.ok) {
            li.className = 'me failed';
            status.textContent = 'not sent: ' + await r.text();
          }
        } catch (e) {
          li.className = 'me failed';
          status.textContent = 'not sent: ' + e;
        }
      }
      const events = new EventSource('/chat/events?session=' + encodeURIComponent(session));
      let said = false;
      events.onopen = () => {
        status.textContent = 'connected';
        if (!said && params.get('say')) {
          said = true;
          send(params.get('say'));
        }
      };
      events.onerror = () => { status.textContent = 'reconnecting\\u2026'; };
      events.addEventListener('reply', e => {
        const m = JSON.parse(e.data);
        show(m.agent || 'agent', m.text, 'agent');
      });
      document.getElementById('form').addEventListener('submit', e => {
        e.preventDefault();
        const input = document.getElementById('text');
        const text = input.value.trim();
        if (text) send(text);
        input.value = '';
      });
      </script></body></html>
      """;
}
