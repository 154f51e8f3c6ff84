// KPI models: the fitted versions with their fit quality, and a what-if form. Picking a version simulates it with
// every control at 0 (doing nothing), which also tells the page the version's KPIs and controls; running a
// scenario simulates it with the controls given (one value per control, applied every period) and draws its
// forecast mean with the 50 % and 95 % bands over the KPI's history, the do-nothing mean dashed beside it.
// Simulations are seeded from the version, so the same scenario draws the same bands.
import { failure, table } from '../dom.js';
import { forecastChart } from '../bands.js';

const HISTORY_PERIODS = 90;
const PERIOD_SECONDS = { day: 86400, hour: 3600 };

export async function render(root, { api, el, format }) {
  const versions = el('div', { id: 'model-versions' });
  const form = el('form', { id: 'what-if', class: 'what-if', autocomplete: 'off' });
  const status = el('p', { id: 'what-if-status', class: 'note', role: 'status' });
  const plot = el('div', { id: 'forecast-chart', class: 'chart', dataset: { drawn: 'none' } });
  const periods = el('div', { id: 'forecast-table' });
  root.append(
    el('p', { class: 'note' }, 'Versions are fitted by POST /v1/models/estimate (or the nightly schedule); each '
      + 'simulates on the data it was fitted on. Bands are the forecaster\'s 2.5–97.5 % and 25–75 % quantiles of '
      + 'the simulated paths: what the KPI may do, not only its mean.'),
    el('h2', {}, 'Fitted versions'), versions,
    el('h2', {}, 'What if'), form, status, plot, periods);

  let list = [];
  let chosen = null;
  let baseline = null;
  let chart = null;

  const versionSelect = el('select', { id: 'what-if-version', name: 'version' });
  const kpiSelect = el('select', { id: 'what-if-kpi', name: 'kpi' });
  const horizon = el('input', { id: 'what-if-horizon', name: 'horizon', type: 'number', min: 1, max: 365, value: 14 });
  const controls = el('div', { id: 'what-if-controls', class: 'controls' });
  const run = el('button', { id: 'run-scenario', type: 'submit', disabled: true }, 'Run scenario');
  form.append(
    el('label', {}, 'Model version ', versionSelect),
    el('label', {}, 'KPI ', kpiSelect),
    el('label', {}, 'Horizon (days) ', horizon),
    controls, run);

  function drawVersions() {
    versions.replaceChildren(table([
      { title: 'Segment', cell: (v) => v.segment },
      { title: 'Model', cell: (v) => `${v.model} v${v.version}` },
      { title: 'Fitted', cell: (v) => format.time(v.fittedAt) },
      { title: 'On', cell: (v) => `${v.periods} ${v.grain}s, ${format.time(v.from)} to ${format.time(v.to)}` },
      { title: 'log L', cell: (v) => format.num(v.logLikelihood, 1) },
      { title: 'AIC', cell: (v) => format.num(v.aic, 1) },
      { title: 'EM', cell: (v) => `${v.iterations} iterations, ${v.converged ? 'converged' : 'not converged'}` },
    ], list, { id: 'versions-table' }));
  }

  const request = (inputs) => ({
    segment: chosen.segment, model: chosen.model, version: chosen.version,
    horizonDays: Number(horizon.value), inputs,
  });

  // One simulated answer as the chart's series for one KPI.
  function forecastOf(answer, kpi) {
    const k = answer.kpis[kpi];
    return { t: answer.periodStarts.map((p) => Date.parse(p) / 1000), ...k };
  }

  async function historyOf(kpi) {
    const step = PERIOD_SECONDS[chosen.grain] || 86400;
    const to = Date.parse(chosen.to);
    const from = Math.max(Date.parse(chosen.from), to - HISTORY_PERIODS * step * 1000);
    const query = new URLSearchParams({ segment: chosen.segment, grain: chosen.grain, kpi,
      from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    try {
      const answer = await api.get(`/v1/kpis?${query}`);
      return { points: (answer.series[kpi] || []).filter((p) => p.value !== null)
        .map((p) => [Date.parse(p.t) / 1000, p.value]) };
    } catch (e) {
      return { points: [], note: `History not in the KPI read model (${e.message}).` };
    }
  }

  async function draw(scenario, inputs) {
    const kpi = kpiSelect.value;
    const history = await historyOf(kpi);
    if (chart) chart.destroy();
    plot.replaceChildren();
    chart = forecastChart(plot, kpi);
    chart.set({ history: history.points, scenario: forecastOf(scenario, kpi),
      baseline: scenario === baseline ? null : forecastOf(baseline, kpi) });
    plot.dataset.drawn = scenario === baseline ? 'baseline' : 'scenario';
    plot.dataset.inputs = JSON.stringify(inputs);
    status.textContent = `${chosen.segment} · ${chosen.model} v${chosen.version}: ${kpi} over `
      + `${scenario.periodStarts.length} ${chosen.grain}s with ${describe(scenario.controls, inputs)}; `
      + `${scenario.paths ? `${scenario.paths} simulated paths` : 'exact Gaussian bands'}.`
      + (history.note ? ` ${history.note}` : '');
    periods.replaceChildren(table([
      { title: 'Period', cell: (r) => format.time(r.t) },
      { title: 'Do nothing: mean (95 %)', cell: (r) => band(r.base) },
      { title: 'Scenario: mean (50 %; 95 %)', cell: (r) => el('span', {
        class: 'band', dataset: { lower95: r.s.lower95, upper95: r.s.upper95, mean: r.s.mean } },
      `${format.num(r.s.mean)} (${format.num(r.s.lower50)} to ${format.num(r.s.upper50)}; `
        + `${format.num(r.s.lower95)} to ${format.num(r.s.upper95)})`) },
    ], scenario.periodStarts.map((t, h) => ({ t, s: at(scenario.kpis[kpi], h), base: at(baseline.kpis[kpi], h) })),
    { id: 'scenario-table' }));
  }

  const at = (k, h) => ({ mean: k.mean[h], lower50: k.lower50[h], upper50: k.upper50[h], lower95: k.lower95[h],
    upper95: k.upper95[h] });
  const band = (b) => `${format.num(b.mean)} (${format.num(b.lower95)} to ${format.num(b.upper95)})`;

  function describe(names, inputs) {
    if (!names || names.length === 0) return 'no controls';
    const row = inputs.length ? inputs[0] : names.map(() => 0);
    return names.map((c, j) => `${c} = ${row[j]} per period`).join(', ');
  }

  async function choose() {
    chosen = list[Number(versionSelect.value)];
    run.disabled = true;
    baseline = null;
    status.textContent = 'Simulating doing nothing…';
    try {
      baseline = await api.post('/v1/models/simulate', request([]));
      const kpis = Object.keys(baseline.kpis);
      kpiSelect.replaceChildren(...kpis.map((k) => el('option', { value: k }, k)));
      controls.replaceChildren(...(baseline.controls || []).map((c, j) => el('label', {}, `${c} per period `,
        el('input', { type: 'number', step: 'any', value: 0, name: c, dataset: { control: j },
          id: `what-if-control-${j}` }))));
      await draw(baseline, []);
      run.disabled = false;
    } catch (e) {
      status.replaceChildren(failure(e));
    }
  }

  async function runScenario(event) {
    event.preventDefault();
    if (!chosen || !baseline) return;
    run.disabled = true;
    const row = [...controls.querySelectorAll('input')].map((i) => Number(i.value));
    const inputs = row.length ? [row] : [];
    status.textContent = 'Simulating the scenario…';
    try {
      if (baseline.periodStarts.length !== Number(horizon.value) * (chosen.grain === 'hour' ? 24 : 1)) {
        baseline = await api.post('/v1/models/simulate', request([]));
      }
      const scenario = await api.post('/v1/models/simulate', request(inputs));
      await draw(scenario, inputs);
    } catch (e) {
      status.replaceChildren(failure(e));
    } finally {
      run.disabled = false;
    }
  }

  versionSelect.addEventListener('change', choose);
  kpiSelect.addEventListener('change', () => baseline && draw(baseline, []));
  form.addEventListener('submit', runScenario);

  try {
    list = (await api.get('/v1/models')).versions;
    drawVersions();
    versionSelect.replaceChildren(...list.map((v, i) => el('option', { value: i },
      `${v.segment} · ${v.model} v${v.version} (${v.periods} ${v.grain}s to ${format.time(v.to)})`)));
    if (list.length === 0) {
      status.textContent = 'No fitted model yet: POST /v1/models/estimate fits one.';
    } else {
      await choose();
    }
  } catch (e) {
    versions.replaceChildren(failure(e));
  }
  return () => {
    if (chart) chart.destroy();
  };
}
