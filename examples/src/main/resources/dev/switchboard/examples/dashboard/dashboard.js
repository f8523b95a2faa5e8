// The demo's dashboard and wallboard. Every text from the engine goes in with textContent;
// charts get numbers only. Polls /state.json every second.
'use strict';
const $ = id => document.getElementById(id);
const pct = v => v == null ? 'n/a' : (v * 100).toFixed(1) + '%';
const mmss = s => Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
const PALETTE = ['#1f5fbf', '#b35900', '#2a7d2a', '#7b3fa0', '#a0222f', '#00777a', '#555'];
const DASHES = [[], [10, 4], [2, 3], [12, 3, 2, 3], [6, 6], [1, 5], [16, 4]];

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function row(table, cells, classes) {
  const tr = document.createElement('tr');
  cells.forEach((c, i) => tr.appendChild(el('td', c, classes && classes[i])));
  table.appendChild(tr);
}
function reset(id) {
  const t = $(id);
  while (t.rows.length > (id === 'totals' ? 0 : 1)) t.deleteRow(-1);
  return t;
}

// ---- charts ------------------------------------------------------------------------------
const charts = {};
/** A line chart in a figure with a caption and a table of its values (for screen readers). */
function chart(parent, id, title, xs, labels, lines, unit) {
  let fig = $('fig-' + id);
  if (!fig) {
    fig = el('figure', null, 'chart');
    fig.id = 'fig-' + id;
    fig.appendChild(el('figcaption'));
    fig.appendChild(el('div', null, 'plot'));
    const d = el('details');
    d.appendChild(el('summary', 'values'));
    d.appendChild(el('table', null, 'data'));
    fig.appendChild(d);
    parent.appendChild(fig);
  }
  fig.querySelector('figcaption').textContent = title;
  fig.dataset.points = xs.length;
  fig.dataset.series = selected || '';
  // the table: one row per point, one column per line
  const t = fig.querySelector('table.data');
  t.replaceChildren();
  const head = document.createElement('tr');
  head.appendChild(el('th', 'time'));
  lines.forEach(l => head.appendChild(el('th', l.label)));
  t.appendChild(head);
  labels.forEach((lab, i) => {
    const tr = document.createElement('tr');
    tr.appendChild(el('td', lab));
    lines.forEach(l => {
      const v = l.values[i];
      const td = el('td', v == null ? 'n/a' : l.format(v), 'num');
      if (l.below && l.below[i]) {
        td.textContent += ' \u25BC below target';
        td.className = 'num breach';
      }
      tr.appendChild(td);
    });
    t.appendChild(tr);
  });
  if (typeof uPlot === 'undefined') return;
  const plot = fig.querySelector('.plot');
  // a chart in a closed details element has no width yet: take its card's
  const box = plot.clientWidth || fig.clientWidth - 16;
  const width = Math.min(900, Math.max(200, box > 0 ? box
    : (parent.parentElement ? parent.parentElement.clientWidth - 40 : 0)));
  const sig = lines.map(l => l.label).join('|');
  const data = [xs].concat(lines.map(l => l.values));
  let c = charts[id];
  if (c && c.sig === sig && c.u.root.isConnected) {
    c.u.setData(data);
    if (Math.abs(c.u.width - width) > 2) c.u.setSize({width: width, height: 220});
    return;
  }
  if (c) c.u.destroy();
  const series = [{}].concat(lines.map((l, i) => ({
    label: l.label,
    stroke: l.color || PALETTE[i % PALETTE.length],
    dash: l.dash || DASHES[i % DASHES.length],
    width: l.points ? 0 : 2,
    points: l.points ? {show: true, size: 11, fill: l.color || '#b00020',
      stroke: l.color || '#b00020'}
      : {show: xs.length < 40},
    value: (u, v) => v == null ? '–' : l.format(v),
    spanGaps: false,
    paths: l.points ? () => null : undefined,
  })));
  const u = new uPlot({
    width: width, height: 220, series: series,
    tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    axes: [{}, {values: (u, vs) => vs.map(v => l0(lines).axis(v)), size: 60}],
    scales: {y: {range: lines[0].range || ((u, min, max) => [0, Math.max(1, max * 1.1)])}},
    legend: {live: false},
  }, data, plot);
  charts[id] = {u: u, sig: sig};
}
const l0 = lines => lines[0];

function line(label, values, format, extra) {
  return Object.assign({label: label, values: values, format: format,
    axis: format}, extra || {});
}
/** A count as the page shows it: whole as it is, a mean over replications to one decimal. */
const count = v => Number.isInteger(v) ? String(v) : v.toFixed(1);
const BAND = {dash: [3, 3], color: '#777'};

/**
 * The 95% confidence band of a measure whose points carry {@code <key>Ci95} (a simulation's
 * means over replications), as a low and a high dashed line; none for measured values.
 */
function band(p, key, name, format, top) {
  if (!p.some(q => q[key + 'Ci95'] != null)) return [];
  const at = sign => p.map(q => q[key] == null || q[key + 'Ci95'] == null ? null
    : Math.min(top, Math.max(0, q[key] + sign * q[key + 'Ci95'])));
  return [line(name + '95% low', at(-1), format, BAND),
    line(name + '95% high', at(1), format, BAND)];
}

let selected = null;
function intraday(kpis) {
  const sel = $('series');
  const all = (kpis && kpis.series) || [];
  const names = all.map(s => s.dimension + ' ' + s.key);
  if (sel.options.length !== names.length
      || names.some((n, i) => sel.options[i].value !== n)) {
    const keep = selected || decodeURIComponent(location.hash.slice(1)).replace('/', ' ');
    sel.replaceChildren();
    names.forEach(n => { const o = el('option', n); o.value = n; sel.appendChild(o); });
    if (names.includes(keep)) sel.value = keep;
    else if (names.length) sel.value = names.find(n => n.startsWith('queue ')) || names[0];
  }
  selected = sel.value;
  const s = all.find(x => x.dimension + ' ' + x.key === selected);
  const box = $('intraday');
  box.dataset.series = selected || '';
  if (!s) return;
  const centre = all.find(x => x.dimension === 'all');
  const p = s.points;
  const xs = p.map(q => q.t);
  const labels = p.map(q => q.label);
  const sl = p.map(q => q.serviceLevel);
  const lines = [line('service level' + (s.target == null && s.thresholdSeconds != null
    ? ' in ' + s.thresholdSeconds + ' s' : ''), sl, pct, {range: () => [0, 1]})]
    .concat(band(p, 'serviceLevel', '', pct, 1));
  if (s.target != null) {
    const below = p.map(q => q.serviceLevel != null && q.serviceLevel < s.target);
    lines[0].below = below;
    lines.push(line('target ' + pct(s.target) + ' in ' + s.thresholdSeconds + ' s',
      p.map(() => s.target), pct, {dash: [8, 5], color: '#222'}));
    lines.push(line('below target \u25BC', p.map((q, i) => below[i] ? q.serviceLevel : null),
      pct, {points: true}));
  }
  chart(box, 'sl', 'Service level, ' + selected, xs, labels, lines);
  const secs = v => v.toFixed(1) + ' s';
  chart(box, 'asa', 'Average speed of answer (s), ' + selected, xs, labels,
    [line('average speed of answer', p.map(q => q.asaSeconds), secs)]
      .concat(band(p, 'asaSeconds', '', secs, Infinity)));
  chart(box, 'abandon', 'Abandonment, ' + selected, xs, labels,
    [line('abandoned share', p.map(q => q.abandonment), pct, {range: () => [0, 1]})]
      .concat(band(p, 'abandonment', '', pct, 1)));
  chart(box, 'volume', 'Offered and answered, ' + selected, xs, labels,
    [line('offered', p.map(q => q.offered), count), line('answered', p.map(q => q.answered),
      count), line('abandoned', p.map(q => q.abandoned), count)]
      .concat(band(p, 'offered', 'offered ', count, Infinity)));
  // agent time never counts for a queue or channel: show the centre's occupancy there
  const occ = (s.dimension === 'all' || s.dimension === 'team') ? s : centre;
  if (occ) {
    chart(box, 'occupancy', 'Occupancy, ' + occ.dimension + ' ' + occ.key, occ.points.map(q => q.t),
      occ.points.map(q => q.label),
      [line('occupancy', occ.points.map(q => q.occupancy), pct, {range: () => [0, 1]})]
        .concat(band(occ.points, 'occupancy', '', pct, 1)));
  }
}

function depth(d) {
  if (!d || !d.t) return;
  const qs = Object.keys(d.queues);
  if (!qs.length) return;
  chart($('depth'), 'waiting', 'Items waiting, by queue', d.t, d.labels,
    qs.map(q => line(q, d.queues[q].waiting, String)));
  chart($('depth'), 'oldest', 'Oldest wait (s), by queue', d.t, d.labels,
    qs.map(q => line(q, d.queues[q].oldestWaitSeconds, v => mmss(v))));
}

/** The simulated service level an insight predicts for its action, if it has one. */
function simulated(i) {
  const e = i.effects.find(x => x.method === 'SIMULATION' && x.measure === 'serviceLevel');
  return e ? {mean: parseFloat(e.predicted), ci: parseFloat(e.ci95)} : null;
}

/** What-ifs the supervisor ran from the page, by chart: {t, agents, mean, ci}. */
const asked = {};

/**
 * The what-if of an insight: its queue's measured service level per interval beside what the
 * simulation predicted with the recommended action, in each interval an insight of the same
 * rule was found (the 95% interval as dashed lines), and what the supervisor's own what-ifs
 * predicted (run with the form below the chart, on the dashboard only).
 */
function whatIf(card, i, all, kpis) {
  const s = ((kpis && kpis.series) || []).find(x => x.dimension === i.dimension && x.key === i.key);
  if (!s || !simulated(i)) return;
  const d = el('details', null, 'whatif');
  d.appendChild(el('summary', 'What if: predicted beside measured'));
  card.appendChild(d);
  const same = all.filter(x => x.rule === i.rule && x.key === i.key && simulated(x));
  const at = t => { const x = same.find(y => y.t === t); return x ? simulated(x) : null; };
  const xs = s.points.map(q => q.t);
  const id = 'whatif-' + i.rule + '-' + i.key + '-' + i.t;
  const draw = () => {
    const lines = [
      line('measured', s.points.map(q => q.serviceLevel), pct, {range: () => [0, 1]}),
      line('predicted with the action', xs.map(t => at(t) ? at(t).mean : null), pct,
        {points: true, color: '#1f5fbf'}),
      line('95% low', xs.map(t => at(t) && !isNaN(at(t).ci) ? Math.max(0, at(t).mean - at(t).ci)
        : null), pct, Object.assign({points: true}, BAND)),
      line('95% high', xs.map(t => at(t) && !isNaN(at(t).ci) ? Math.min(1, at(t).mean + at(t).ci)
        : null), pct, Object.assign({points: true}, BAND))];
    const mine = asked[id];
    if (mine) {
      lines.push(line('your what-if: ' + mine.agents + ' more agents',
        xs.map(t => t === mine.t ? mine.mean : null), pct, {points: true, color: '#7b3fa0'}));
    }
    if (s.target != null) {
      lines.push(line('target ' + pct(s.target), xs.map(() => s.target), pct,
        {dash: [8, 5], color: '#222'}));
    }
    chart(d, id, 'Service level, ' + i.about + ': measured and predicted', xs,
      s.points.map(q => q.label), lines);
  };
  draw();
  if (!$('embedded-state')) d.appendChild(whatIfForm(i, id, draw));
}

/** A form that asks the server for a what-if with more agents in the insight's interval. */
function whatIfForm(i, id, draw) {
  const f = el('form', null, 'ask');
  const label = el('label', 'Agents to add ');
  const n = el('input');
  n.type = 'number'; n.min = 1; n.max = 10; n.value = 1; n.name = 'agents';
  label.appendChild(n);
  const run = el('button', 'Run what-if');
  run.type = 'submit';
  const out = el('output', null, 'answer');
  out.setAttribute('aria-live', 'polite');
  f.append(label, ' ', run, ' ', out);
  f.addEventListener('submit', async ev => {
    ev.preventDefault();
    run.disabled = true;
    out.textContent = 'simulating\u2026';
    try {
      const r = await fetch('/what-if', {method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({queue: i.key, t: i.t, agents: Number(n.value)})});
      const text = await r.text();
      if (!r.ok) {
        out.textContent = 'not run: ' + text;
        return;
      }
      const a = JSON.parse(text);
      asked[id] = {t: a.t, agents: a.agents, mean: a.predicted.mean};
      out.textContent = 'with ' + a.agents + ' more agents: ' + pct(a.predicted.mean)
        + (a.predicted.ci95 == null ? '' : ' \u00b1 ' + pct(a.predicted.ci95))
        + ' (simulated as measured: ' + pct(a.simulatedAsMeasured.mean) + ')';
      draw();
    } catch (e) {
      out.textContent = 'not run: ' + e;
    } finally {
      run.disabled = false;
    }
  });
  return f;
}

let shownInsights = null;
function insights(list, kpis) {
  const box = $('insights');
  // rebuilt only when an interval closes, so an open what-if stays open
  const key = JSON.stringify(list);
  if (key === shownInsights) return;
  shownInsights = key;
  box.replaceChildren();
  $('insightsEmpty').hidden = list.length > 0;
  list.forEach(i => {
    const card = el('article', null, 'insight');
    card.appendChild(el('h3', i.interval + ' \u00b7 ' + i.about + ' \u00b7 ' + i.rule));
    card.appendChild(el('p', i.summary, 'summary'));
    const ev = el('table', null, 'evidence');
    i.evidence.forEach(e => row(ev, [e.name, e.value + ' ' + e.unit], [null, 'num']));
    card.appendChild(el('p', 'Evidence'));
    card.appendChild(ev);
    const act = el('p', null, 'action');
    act.appendChild(el('strong', 'Recommended: '));
    act.appendChild(document.createTextNode(i.action));
    card.appendChild(act);
    if (i.effects.length) {
      const ef = el('table', null, 'effects');
      const h = document.createElement('tr');
      ['measure', 'measured', 'predicted', '\u00b1 95%', 'method', 'assumes']
        .forEach(x => h.appendChild(el('th', x)));
      ef.appendChild(h);
      i.effects.forEach(e => row(ef, [e.measure, e.measured, e.predicted, e.ci95, e.method,
        e.note], [null, 'num', 'num', 'num']));
      card.appendChild(el('p', 'Predicted effect'));
      const sc = el('div', null, 'scroll');
      sc.appendChild(ef);
      card.appendChild(sc);
    }
    box.appendChild(card);
    whatIf(card, i, list, kpis);
  });
}

function dashboard(s) {
  const totals = reset('totals');
  Object.entries(s.totals || {}).forEach(([k, v]) => row(totals, [k, v], [null, 'num']));
  const queues = reset('queues');
  (s.queues || []).forEach(q => row(queues, [q.name, q.waiting, q.oldestWaitSeconds],
    [null, 'num', 'num']));
  const board = reset('board');
  (s.board || []).forEach(a => row(board, [a.id, a.team, a.state, mmss(a.secondsInState),
    a.load, a.personalBacklog], [null, null, a.status, 'num', null, 'num']));
  const alerts = reset('alerts');
  (s.alerts || []).forEach(a => row(alerts, [a.time, a.level, a.policy, a.item, a.channel,
    a.clock, a.recipient], [null, a.level === 'BREACH' ? 'breach' : null]));
  const policies = reset('slaPolicies');
  (s.sla || []).forEach(p => row(policies, [p.policy, p.warnings, p.breaches],
    [null, 'num', p.breaches > 0 ? 'num breach' : 'num']));
  const campaign = reset('campaign');
  (s.campaign || []).forEach(c => row(campaign,
    [c.campaign, c.agent, c.targetShare, c.share, c.contacts], [null, null, 'num', 'num', 'num']));
  const sla = reset('sla');
  (s.atRisk || []).forEach(r => row(sla, [r.item, r.queue, r.state, r.secondsLeft],
    [null, null, null, r.secondsLeft < 0 ? 'num breach' : 'num']));
  insights(s.insights || [], s.kpis);
  intraday(s.kpis);
  depth(s.depth);
}

function wallboard(s) {
  const w = s.wallboard || {};
  const target = w.target == null ? 0.8 : w.target;
  const set = (id, text) => { $(id).textContent = text; };
  set('wb-waiting', w.waiting == null ? '–' : w.waiting);
  set('wb-oldest', w.oldestWaitSeconds == null ? '–' : mmss(w.oldestWaitSeconds));
  const sl = (id, v) => {
    set(id, pct(v));
    const bad = v != null && v < target;
    set(id + '-note', v == null ? 'no answers yet' : (bad ? '\u25BC below' : '\u2714 meets')
      + ' target ' + pct(target));
    $(id).parentElement.classList.toggle('bad', bad);
  };
  sl('wb-sl-today', w.serviceLevelToday);
  sl('wb-sl-interval', w.serviceLevelInterval);
  if (w.interval) set('wb-interval', w.interval);
  set('wb-available', w.agentsAvailable == null ? '–' : w.agentsAvailable);
  set('wb-loggedin', w.agentsLoggedIn == null ? '' : 'of ' + w.agentsLoggedIn + ' logged in');
}

async function refresh() {
  try {
    const s = await (await fetch('/state.json')).json();
    $('status').textContent =
      'simulated time ' + s.time + (s.finished ? ' (day complete)'
        : s.speed > 0 ? ' at ' + s.speed + 'x' : ' (unpaced)');
    if ($('wb-waiting')) wallboard(s); else dashboard(s);
  } catch (e) {
    $('status').textContent = 'waiting for the demo: ' + e;
  }
}
document.addEventListener('DOMContentLoaded', () => {
  const embedded = $('embedded-state');
  if (embedded) {
    // the day's report: one state, written into the file, drawn once
    const s = JSON.parse(embedded.textContent);
    const draw = () => intraday(s.kpis);
    $('series').addEventListener('change', () => { selected = $('series').value; draw(); });
    window.addEventListener('resize', draw);
    draw();
    return;
  }
  if ($('series')) {
    $('series').addEventListener('change', () => {
      selected = $('series').value;
      location.hash = selected.replace(' ', '/');
      refresh();
    });
  }
  window.addEventListener('resize', refresh);
  refresh();
  setInterval(refresh, 1000);
});
