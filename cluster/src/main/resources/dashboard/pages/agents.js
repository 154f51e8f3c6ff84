// Agents and dead letters: each agent's state, lag, throughput (with an approximate Poisson interval on the
// events of the last minute), failures and parked letters, with Pause / Resume (cluster-wide: the operator role),
// and the tenant's dead letters with Replay (the admin role). Every action reloads the view; refreshed every 10 s.
import { failure, table } from '../dom.js';

const REFRESH_MS = 10000;

export async function render(root, { api, el, format }) {
  const agentsBody = el('div', { id: 'agent-list' });
  const lettersBody = el('div', { id: 'dead-letter-list' });
  root.append(el('p', { class: 'note' }, 'Lag: how long ago the newest event an agent processed was written (it '
    + 'grows while no event comes, too). Events/s: all tenants, over the last minute, with an approximate 95 % '
    + 'Poisson interval on that minute\'s count. Failures (every retry counted) and parked letters are this '
    + 'tenant\'s. Pausing and resuming act on every tenant and every node.'),
  el('h2', {}, 'Agents'), agentsBody, el('h2', {}, 'Dead letters (newest 100)'), lettersBody);

  async function load() {
    const [agents, letters] = await Promise.all([api.get('/v1/agents'), api.get('/v1/dead-letters')]);
    agentsBody.replaceChildren(table([
      { title: 'Agent', cell: (a) => a.name },
      { title: 'State', cell: (a) => el('span', { class: `status status-${a.state}`, dataset: { state: a.state } },
        a.state) },
      { title: 'Lag', cell: (a) => (a.lagMs ? format.num(a.lagMs / 1000, 1) + ' s' : 'nothing processed yet') },
      { title: 'Events/s', cell: (a) => throughput(a.eventsPerSecond, format) },
      { title: 'Failures', cell: (a) => a.failures },
      { title: 'Parked', cell: (a) => a.parked },
      { title: '', cell: (a) => pauseButton(a) },
    ], agents.agents, { id: 'agents' }));
    lettersBody.replaceChildren(table([
      { title: 'Id', cell: (d) => d.id },
      { title: 'Agent', cell: (d) => d.agent },
      { title: 'Event', cell: (d) => [d.eventType, el('br', {}), el('code', {}, d.idempotencyKey)] },
      { title: 'Attempts', cell: (d) => d.attempts },
      { title: 'Failed', cell: (d) => `${format.time(d.firstFailure)} – ${format.time(d.lastFailure)}` },
      { title: 'Error', cell: (d) => d.error },
      { title: '', cell: (d) => letterAction(d) },
    ], letters.deadLetters, { id: 'dead-letters' }));
  }

  // A button that posts, reloads the view on success and shows the problem next to itself on failure.
  function action(label, attrs, path) {
    const button = el('button', Object.assign({ type: 'button' }, attrs), label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api.post(path);
        await load();
      } catch (e) {
        button.disabled = false;
        button.after(failure(e));
      }
    });
    return button;
  }

  function pauseButton(a) {
    const name = encodeURIComponent(a.name);
    return a.state === 'paused'
      ? action('Resume', { class: 'resume', dataset: { agent: a.name } }, `/v1/agents/${name}/resume`)
      : action('Pause', { class: 'pause', dataset: { agent: a.name } }, `/v1/agents/${name}/pause`);
  }

  function letterAction(d) {
    if (d.replayedAt) return el('span', { class: 'acked' }, `replayed ${format.time(d.replayedAt)}`);
    if (d.blockedBy !== null && d.blockedBy !== undefined) return `waits behind letter ${d.blockedBy}`;
    return action('Replay', { class: 'replay', dataset: { letter: d.id } },
      `/v1/dead-letters/${encodeURIComponent(d.id)}/replay`);
  }

  try {
    await load();
  } catch (e) {
    agentsBody.replaceChildren(failure(e));
  }
  const timer = setInterval(() => load().catch((e) => agentsBody.replaceChildren(failure(e))), REFRESH_MS);
  return () => clearInterval(timer);
}

function throughput(perSecond, format) {
  const n = Math.round((perSecond || 0) * 60);
  if (n === 0) return '0 (none in the last minute)';
  const [low, high] = format.poissonFactors(n);
  return `${format.num(perSecond)} (≈95 % ${format.num(perSecond * low)}–${format.num(perSecond * high)}, `
    + `n = ${n})`;
}
