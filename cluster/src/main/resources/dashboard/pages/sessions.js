// Live sessions: each session's latest emotion, kept current by the server-sent event stream of new emotions,
// with the evidence the session's classifier gave for its current emotion, and a chart of the feed's confidence.
import { failure, table } from '../dom.js';
import { chart } from '../chart.js';

const MAX_FEED = 50;

export async function render(root, { api, live, el, format }) {
  const status = el('span', { id: 'live-status', class: 'live', dataset: { state: 'connecting' } }, 'connecting');
  const list = el('div', { id: 'session-list' });
  const feed = el('ol', { id: 'feed', class: 'feed' });
  const plot = el('div', { id: 'confidence-chart', class: 'chart' });
  root.append(
    el('p', { class: 'note' }, 'New emotions arrive by server-sent events from the read model (polled every few '
      + 'seconds, about a second behind the sessions). Evidence is what the session\'s classifier gave for its '
      + 'current emotion. Confidence is the classifier\'s probability for the state it chose.'),
    el('p', {}, 'Feed: ', status),
    el('h2', {}, 'Sessions (latest emotion, 15 min)'), list,
    el('h2', {}, 'Confidence of the emotions received'), plot,
    el('h2', {}, 'Emotion feed'), feed);

  const sessions = new Map();
  const evidence = new Map();
  const points = [];
  const confidence = chart(plot, 'confidence');

  function draw() {
    const rows = [...sessions.values()].sort((a, b) => b.at.localeCompare(a.at));
    list.replaceChildren(table([
      { title: 'Session', cell: (s) => el('code', {}, s.sessionId) },
      { title: 'User', cell: (s) => s.userId || 'anonymous' },
      { title: 'Emotion', cell: (s) => el('span', { class: `state state-${s.state}` }, s.state) },
      { title: 'Confidence', cell: (s) => format.num(s.confidence) },
      { title: 'Page', cell: (s) => s.page },
      { title: 'When', cell: (s) => format.ago(s.at) },
      { title: 'Evidence', cell: (s) => evidenceOf(s.sessionId) },
    ], rows, { id: 'sessions-table' }));
  }

  function evidenceOf(id) {
    const e = evidence.get(id);
    if (!e) return '…';
    const entries = Object.entries(e).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length === 0) return 'none given';
    return el('dl', { class: 'evidence' }, entries.map(([k, v]) => [el('dt', {}, k),
      el('dd', {}, typeof v === 'number' ? format.num(v) : typeof v === 'object' ? JSON.stringify(v) : String(v))]));
  }

  async function loadEvidence(id) {
    try {
      const view = await api.get(`/v1/sessions/${encodeURIComponent(id)}`);
      evidence.set(id, (view.emotion && view.emotion.evidence) || {});
    } catch (e) {
      evidence.set(id, { error: e.message });
    }
    draw();
  }

  function received(r) {
    const known = sessions.get(r.sessionId);
    if (!known || known.at <= r.at) {
      sessions.set(r.sessionId, r);
      loadEvidence(r.sessionId);
    }
    feed.prepend(el('li', { dataset: { session: r.sessionId } }, `${format.time(r.at)} `,
      el('span', { class: `state state-${r.state}` }, r.state),
      ` ${format.num(r.confidence)} · ${r.page} · ${r.userId || 'anonymous'} · `, el('code', {}, r.sessionId)));
    while (feed.children.length > MAX_FEED) feed.lastChild.remove();
    points.push([Date.parse(r.at) / 1000, r.confidence]);
    points.sort((a, b) => a[0] - b[0]);
    confidence.set(points);
  }

  try {
    const now = await api.get('/v1/sessions?activeWithin=PT15M');
    for (const s of now.sessions) sessions.set(s.sessionId, s);
    draw();
    await Promise.all(now.sessions.slice(0, 20).map((s) => loadEvidence(s.sessionId)));
  } catch (e) {
    list.replaceChildren(failure(e));
  }
  const close = live('/v1/emotions/stream?since=PT15M', 'emotion', received, (state) => {
    status.dataset.state = state;
    status.textContent = state;
  });
  return () => {
    close();
    confidence.destroy();
  };
}
