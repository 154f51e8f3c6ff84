// Interventions and revenue forensics: per context and variant against its holdout, the lift and the prevented
// churn value drawn as 95 % intervals (forest plots), ROI, the emotions and the outcomes after them, the day's EVI,
// the failure log and the latest decisions. Every figure shows its n and the interval the API gives; where the API
// has no interval (a holdout with no exposures, say) the page says "not enough data". Refreshed every 60 s (the
// forensics aggregate in memory per request).
import { failure, table } from '../dom.js';
import { forest } from '../forest.js';

const REFRESH_MS = 60000;
const DECISIONS_SHOWN = 50;
const NOT_ENOUGH = 'not enough data';

const known = (x) => x !== null && x !== undefined && Number.isFinite(x);
const has = (i) => i && known(i.estimate) && known(i.low) && known(i.high);

// Signed percentage points: the lift is a difference of two rates.
function pp(x) {
  if (!known(x)) return '–';
  const v = (100 * x).toFixed(1);
  return `${x < 0 ? '−' : '+'}${v.replace('-', '')} pp`;
}

function amount(x) {
  if (!known(x)) return '–';
  return Number(x).toLocaleString('en-US', { maximumFractionDigits: Math.abs(x) < 10 ? 2 : 0 });
}

// "+12.0 pp (95 % CI −3.1 to +27.4 pp)", or "not enough data" when the API gives no interval.
function ci(i, as, what = '95 % CI') {
  if (!has(i)) return NOT_ENOUGH;
  return `${as(i.estimate)} (${what} ${as(i.low)} to ${as(i.high)})`;
}

// "12 of 40 (30 %)": an arm's rate with its n (the API gives the rate, its n and no interval per arm).
function share(rate, n, pct) {
  if (!n) return 'no exposures';
  if (!known(rate)) return `n = ${n}`;
  return `${Math.round(rate * n)} of ${n} (${pct(rate, 0)})`;
}

// ROI = (prevented value - cost) / cost with the cost known: its range follows the prevented value's interval.
function roi(v, num) {
  if (!known(v.roi)) return v.cost > 0 ? NOT_ENOUGH : 'no cost recorded';
  const p = v.preventedChurnValue;
  if (!has(p) || !(v.cost > 0)) return num(v.roi);
  return `${num(v.roi)} (from the prevented value's CI: ${num((p.low - v.cost) / v.cost)} to `
    + `${num((p.high - v.cost) / v.cost)})`;
}

export async function render(root, { api, el, format }) {
  const body = el('div', { class: 'interventions' });
  root.append(el('p', { class: 'note' }, 'Each variant is compared with its context\'s holdout (users deliberately '
    + 'given nothing). Intervals are 95 %: Newcombe\'s hybrid score interval for the lift (a difference of success '
    + 'rates), the prevented churn value\'s scaled from the churn difference\'s. From the decisions, outcomes and '
    + 'forensics read models (a second or so behind).'), body);

  async function load() {
    const today = new Date().toISOString().slice(0, 10);
    const [report, decisions, failures, emotions, evi] = await Promise.all([
      api.get('/v1/forensics/interventions'),
      api.get('/v1/interventions'),
      api.get('/v1/forensics/failures'),
      api.get('/v1/forensics/emotions'),
      api.get(`/v1/forensics/evi?date=${today}`),
    ]);
    body.replaceChildren(
      summary(report),
      el('h2', {}, 'Lift by variant (treated − holdout success rate)'),
      forestOf(report.variants, (v) => v.lift, pp, 'lift', 'lift-forest'),
      el('h2', {}, 'Prevented churn value by variant'),
      forestOf(report.variants, (v) => v.preventedChurnValue, amount, 'prevented churn value', 'prevented-forest'),
      el('h2', {}, 'Variants'),
      variants(report.variants),
      el('p', { class: 'note' }, `Method: ${report.method}`),
      el('h2', {}, 'Failure log'),
      failureLog(failures),
      el('h2', {}, 'Emotions and the outcomes after them'),
      emotionLines(emotions),
      el('h2', {}, `Emotional volatility ${evi.date}`),
      volatility(evi),
      el('h2', {}, 'Latest decisions'),
      latest(decisions.interventions));
  }

  function summary(report) {
    return el('p', { id: 'forensics-summary' }, `${report.decisions} decisions since ${format.time(report.since)}`
      + `${report.truncated ? ' (capped: the oldest are left out)' : ''}; ${report.variants.length} variant lines.`);
  }

  function forestOf(variants, pick, as, label, id) {
    if (variants.length === 0) return el('p', { class: 'empty', id }, 'No decisions yet.');
    const rows = variants.map((v) => ({
      key: `${v.contextId}/${v.variantId}`,
      label: `${v.contextId} / ${v.variantId} (n = ${v.exposures} vs ${v.holdout.exposures})`,
      interval: pick(v),
      missing: v.holdout.exposures === 0 ? `${NOT_ENOUGH}: no holdout exposures` : undefined,
    }));
    return el('div', { class: 'chart', id }, forest(rows, { format: as, label }));
  }

  function variants(list) {
    return table([
      { title: 'Context / variant', cell: (v) => `${v.contextId} / ${v.variantId}` },
      { title: 'Succeeded (treated)', cell: (v) => share(v.successRate, v.exposures, format.pct) },
      { title: 'Succeeded (holdout)', cell: (v) => share(v.holdout.successRate, v.holdout.exposures, format.pct) },
      { title: 'Lift', cell: (v) => el('span', { class: 'lift' }, ci(v.lift, pp)) },
      { title: 'Churn reduction', cell: (v) => ci(v.churnReduction, pp) },
      { title: 'Prevented churn value', cell: (v) => ci(v.preventedChurnValue, amount) },
      { title: 'Cost', cell: (v) => amount(v.cost) },
      { title: 'ROI', cell: (v) => roi(v, format.num) },
      { title: 'Saves next quarter', cell: (v) => ci(v.quarterlySaves, amount, '95 % prediction') },
    ], list, { id: 'variants-table' });
  }

  function failureLog(f) {
    const kinds = [['falsePositives', 'False positives'], ['missedSaves', 'Missed saves'],
      ['lateIncidents', 'Late incidents']];
    return el('div', { id: 'failure-log' },
      el('p', { class: 'note' }, `From ${format.time(f.from)} to ${format.time(f.to)}; success "${f.successEvent}", `
        + `failure "${f.failureEvent}", window ${f.attributionWindow}; rage at confidence ${f.minConfidence} or more; `
        + `late after ${f.escalateAfter}.`),
      kinds.map(([key, title]) => [
        el('h3', {}, `${title} (${f[key].length})`),
        el('p', { class: 'note' }, f.definitions[key]),
        table([
          { title: 'When', cell: (i) => format.time(i.at) },
          { title: 'Kind', cell: (i) => i.kind },
          { title: 'User', cell: (i) => i.userId || 'anonymous' },
          { title: 'What', cell: (i) => i.what },
          { title: 'Ids', cell: (i) => Object.entries(i.links || {}).map(([k, v]) => `${k} ${v}`).join(' · ') },
        ], f[key], { class: 'failures', dataset: { kind: key } })]));
  }

  function emotionLines(report) {
    return el('div', {},
      el('p', { class: 'note' }, `${report.readings} readings from ${format.time(report.from)}; rates are over `
        + `identified sessions (Wilson 95 % intervals); associations, not effects.`
        + `${report.truncated ? ' Capped: not every reading was read.' : ''}`),
      table([
        { title: 'Emotion', cell: (l) => el('span', { class: `state state-${l.emotion}` }, l.emotion) },
        { title: 'Page', cell: (l) => l.page },
        { title: 'Sessions (identified)', cell: (l) => `${l.sessions} (${l.identifiedSessions})` },
        { title: `Success`, cell: (l) => rate(l.successes, l.identifiedSessions, l.successRate) },
        { title: `Failure`, cell: (l) => rate(l.failures, l.identifiedSessions, l.failureRate) },
        { title: 'Value', cell: (l) => Object.entries(l.value || {}).map(([c, v]) => `${amount(v)} ${c}`).join(', ')
          || '–' },
      ], report.lines, { id: 'emotions-table' }));
  }

  function rate(k, n, interval) {
    if (!n) return `${NOT_ENOUGH} (no identified sessions)`;
    return `${k} of ${n}: ${ci(interval, (x) => format.pct(x, 0))}`;
  }

  function volatility(evi) {
    const row = (name, t) => ({ name, ...t });
    return table([
      { title: 'Page', cell: (r) => r.name },
      { title: 'EVI (≈95 % Poisson on the changes)', cell: (r) => eviText(r) },
      { title: 'Changes', cell: (r) => r.changes },
      { title: 'Session-hours', cell: (r) => format.num(r.sessionHours, 3) },
    ], [row('(tenant)', evi.tenant), ...(evi.pages || []).map((p) => row(p.page, p))], { id: 'evi-table' });
  }

  function eviText(r) {
    if (!known(r.evi)) return `${NOT_ENOUGH} (no session time)`;
    const f = format.poissonFactors(r.changes);
    if (!f) return `${format.num(r.evi)} (no changes)`;
    return `${format.num(r.evi)} (${format.num(Math.min(100, r.evi * f[0]))}–${format.num(Math.min(100, r.evi * f[1]))})`;
  }

  function latest(list) {
    return table([
      { title: 'Decided', cell: (d) => format.time(d.decidedAt) },
      { title: 'User', cell: (d) => d.userId },
      { title: 'Context', cell: (d) => d.contextId },
      { title: 'Variant', cell: (d) => (d.holdout ? 'holdout' : d.variantId) },
      { title: 'Emotion', cell: (d) => `${d.emotion} ${format.num(d.confidence)}` },
      { title: 'Delivered', cell: (d) => (d.holdout ? '–' : d.delivered ? 'yes' : `no ${d.deliveryDetail || ''}`) },
      { title: 'Outcome', cell: (d) => d.outcome || 'none yet' },
      { title: 'Feedback', cell: (d) => (d.falsePositive ? `false positive ${d.feedbackNote || ''}` : '–') },
    ], list.slice(0, DECISIONS_SHOWN), { id: 'decisions-table' });
  }

  try {
    await load();
  } catch (e) {
    body.replaceChildren(failure(e));
  }
  const timer = setInterval(() => load().catch((e) => body.replaceChildren(failure(e))), REFRESH_MS);
  return () => clearInterval(timer);
}
