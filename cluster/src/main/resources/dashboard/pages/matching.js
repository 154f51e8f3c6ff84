// Matching and the idle scheduler: the tenant's idle-phase work per phase (queue, outcomes, lag from falling due to
// starting, with the number of jobs the percentiles are of), the online quality of its daily matches (precision@10
// with its 95 % interval, calibration bins with theirs), the P(mutual) weights in force, and how far behind the
// read models are. Refreshed every 10 s.
import { card, failure, table } from '../dom.js';

const REFRESH_MS = 10000;

export async function render(root, { api, el, format }) {
  const body = el('div', { class: 'matching' });
  root.append(el('p', { class: 'note' }, 'Scheduler figures are this tenant\'s, summed over the nodes, and are '
    + 'forgotten after an hour without work. Lag percentiles are upper edges of buckets about 10 % wide, over n '
    + 'started jobs. Precision@10 counts only the matches of users who acted on at least one; intervals are 95 % '
    + 'Wilson intervals on the counts shown.'), body);

  async function load() {
    const [status, quality, projections] = await Promise.all([
      api.get('/v1/scheduler/status'),
      api.get('/v1/matches/quality'),
      api.get('/v1/projections').catch((e) => (e.status === 403 ? null : Promise.reject(e))),
    ]);
    const w = quality.weights || {};
    body.replaceChildren(
      el('div', { class: 'cards' },
        card('Precision@10', format.pct(quality.precisionAt10, 1),
          quality.precisionAt10 === null || quality.precisionAt10 === undefined
            ? 'no user has acted on a match yet'
            : `95 % CI ${format.pct(quality.precisionLow, 1)}–${format.pct(quality.precisionHigh, 1)}; `
              + `${quality.positive} positive of ${quality.matchesEvaluated} evaluated`,
          { id: 'precision' }),
        card('Matches logged', quality.matchesLogged,
          `${quality.matchesWithOutcome} with an outcome; users who acted: ${quality.usersActed}`, { id: 'matches-logged' }),
        card('P(mutual) weights', w.source || '–', weightsNote(w, format), { id: 'weights' })),
      el('h2', {}, 'Idle phases'),
      table([
        { title: 'Phase', cell: (p) => `${p.phase} · ${p.name}` },
        { title: 'Queued', cell: (p) => p.queued },
        { title: 'Running', cell: (p) => p.running },
        { title: 'Completed', cell: (p) => p.completed },
        { title: 'Halted', cell: (p) => p.halted },
        { title: 'Refused', cell: (p) => p.refused },
        { title: 'Failed', cell: (p) => p.failed },
        { title: 'Lag p50 / p99', cell: (p) => lag(p) },
      ], status.phases, { id: 'phases' }),
      el('h2', {}, 'Calibration'),
      table([
        { title: 'Predicted score', cell: (b) => `${format.num(b.from, 1)}–${format.num(b.to, 1)}` },
        { title: 'Mean predicted', cell: (b) => format.num(b.meanPredicted) },
        { title: 'Observed positive rate', cell: (b) => observed(b, format) },
      ], (quality.calibration || []).filter((b) => b.matches > 0), { id: 'calibration' }),
      el('h2', {}, 'Read models'),
      projections === null
        ? el('p', { class: 'note', id: 'projections' }, 'Read-model lag needs a key with the admin role.')
        : table([
          { title: 'Read model', cell: (p) => p.name },
          { title: 'State', cell: (p) => el('span', { class: `status status-${p.state}` }, p.state) },
          { title: 'Lag', cell: (p) => `${duration(p.lagMs)} (largest of ${(p.instances || []).length} instances)` },
          { title: 'Offset', cell: (p) => (p.offset === null || p.offset === undefined ? '–' : p.offset) },
          { title: 'Rebuild', cell: (p) => rebuild(p.rebuild) },
        ], projections.projections, { id: 'projections' }));
  }

  try {
    await load();
  } catch (e) {
    body.replaceChildren(failure(e));
  }
  const timer = setInterval(() => load().catch((e) => body.replaceChildren(failure(e))), REFRESH_MS);
  return () => clearInterval(timer);
}

function lag(p) {
  const n = p.lagSamples;
  if (!n) return 'no job started yet';
  return `${duration(p.lagP50Ms)} / ${duration(p.lagP99Ms)} (n = ${n}${n <= 100 ? ': p99 is the largest' : ''})`;
}

function observed(b, format) {
  const [low, high] = wilson(b.positive, b.matches);
  return `${format.pct(b.observedRate, 0)} (95 % CI ${format.pct(low, 0)}–${format.pct(high, 0)}; `
    + `${b.positive} of ${b.matches})`;
}

function weightsNote(w, format) {
  const decisions = `${w.forwardDecisions ?? 0} forward and ${w.backwardDecisions ?? 0} backward decisions`;
  if (w.source === 'fitted') return `fitted on ${decisions}, checked ${format.time(w.checkedAt)}`;
  return w.reason || `defaults (${decisions})`;
}

function rebuild(r) {
  if (!r) return '–';
  return r.done ? `done (${r.processed} events)` : `${r.processed} of ${r.total} events`;
}

// Milliseconds as people read them.
function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3600000) return `${(ms / 60000).toFixed(1)} min`;
  return `${(ms / 3600000).toFixed(1)} h`;
}

// The 95 % Wilson score interval of k successes in n trials.
function wilson(k, n) {
  if (!n) return [null, null];
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
