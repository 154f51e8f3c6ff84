// Overview: who is active, how many sessions have an emotion, what they feel now (by state and by page), and the
// day's emotion volatility index. Refreshed every 10 s.
import { card, failure, table } from '../dom.js';

const REFRESH_MS = 10000;

export async function render(root, { api, el, format }) {
  const body = el('div', { class: 'overview' });
  root.append(el('p', { class: 'note' }, 'Active users: heartbeats in the last 5 minutes. Sessions and emotions: '
    + 'each session\'s latest emotion in the last 15 minutes, from the read model (about a second behind). '
    + 'A state\'s confidence is the classifier\'s, summarised as mean (range, n).'), body);

  async function load() {
    const today = new Date().toISOString().slice(0, 10);
    const [activity, sessions, evi] = await Promise.all([
      api.get('/v1/activity?activeWithin=PT5M'),
      api.get('/v1/sessions?activeWithin=PT15M'),
      api.get(`/v1/forensics/evi?date=${today}`),
    ]);
    const byState = group(sessions.sessions, (s) => s.state);
    const byPage = group(sessions.sessions, (s) => s.page);
    const t = evi.tenant || {};
    const factors = format.poissonFactors(t.changes);
    const eviNote = t.evi === null || t.evi === undefined
      ? 'no emotion changes today yet'
      : factors
        ? `≈95 % ${format.num(t.evi * factors[0])}–${format.num(t.evi * factors[1])} (Poisson on ${t.changes} `
          + `changes over ${format.num(t.sessionHours)} session-hours)`
        : `${t.changes} changes over ${format.num(t.sessionHours)} session-hours`;
    body.replaceChildren(
      el('div', { class: 'cards' },
        card('Active users (5 min)', activity.count, activity.count >= 100 ? 'first 100 listed' : null,
          { id: 'active-users' }),
        card('Sessions with an emotion (15 min)', sessions.count,
          sessions.truncated ? 'at least: the list is capped' : null, { id: 'session-count' }),
        card(`EVI ${evi.date}`, t.evi === null || t.evi === undefined ? '–' : format.num(t.evi), eviNote,
          { id: 'evi' })),
      el('h2', {}, 'Emotions now, by state'),
      table([
        { title: 'State', cell: (g) => el('span', { class: `state state-${g.key}` }, g.key) },
        { title: 'Sessions', cell: (g) => g.items.length },
        { title: 'Confidence', cell: (g) => format.confidenceSummary(g.items.map((s) => s.confidence)) },
      ], byState, { id: 'by-state' }),
      el('h2', {}, 'Emotions now, by page'),
      table([
        { title: 'Page', cell: (g) => g.key },
        { title: 'Sessions', cell: (g) => g.items.length },
        { title: 'States', cell: (g) => summary(g.items) },
      ], byPage, { id: 'by-page' }));
  }

  try {
    await load();
  } catch (e) {
    body.replaceChildren(failure(e));
  }
  const timer = setInterval(() => load().catch((e) => body.replaceChildren(failure(e))), REFRESH_MS);
  return () => clearInterval(timer);
}

function group(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item) || '(unknown)';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return [...groups.entries()].map(([key, list]) => ({ key, items: list }))
    .sort((a, b) => b.items.length - a.items.length || a.key.localeCompare(b.key));
}

function summary(items) {
  const counts = new Map();
  for (const s of items) counts.set(s.state, (counts.get(s.state) || 0) + 1);
  return [...counts.entries()].map(([state, n]) => `${state} ${n}`).join(', ');
}
