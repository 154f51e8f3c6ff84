// A forecast chart (uPlot): the KPI's history as points, then a scenario's forecast mean with its 50 % and 95 %
// bands filled between the lower and upper series, and the do-nothing forecast's mean as a dashed line to compare.
// `forecastChart(node, label)` returns `set({history, scenario, baseline})` and `destroy()`; history is
// [[unixSeconds, value]], scenario and baseline {t: [unixSeconds], mean, lower50, upper50, lower95, upper95}.
import uPlot from './vendor/uplot/uPlot.esm.js';

const BAND95 = 'rgba(59, 91, 219, 0.16)';
const BAND50 = 'rgba(59, 91, 219, 0.30)';
const EDGE = { stroke: 'rgba(59, 91, 219, 0)', width: 0, points: { show: false } };

export function forecastChart(node, label, { width = 900, height = 280 } = {}) {
  const options = {
    width: Math.min(width, Math.max(320, node.clientWidth || width)),
    height,
    series: [
      {},
      { label: `${label} (history)`, stroke: '#1d2433', width: 1, points: { show: true, size: 4, fill: '#1d2433' } },
      { label: 'do nothing (mean)', stroke: '#5b6478', width: 1.5, dash: [6, 4], points: { show: false } },
      { label: 'scenario (mean)', stroke: '#3b5bdb', width: 2, points: { show: false } },
      { label: 'upper 95 %', ...EDGE },
      { label: 'lower 95 %', ...EDGE },
      { label: 'upper 50 %', ...EDGE },
      { label: 'lower 50 %', ...EDGE },
    ],
    bands: [{ series: [4, 5], fill: BAND95 }, { series: [6, 7], fill: BAND50 }],
    axes: [{}, { label }],
  };
  const plot = new uPlot(options, [[], [], [], [], [], [], [], []], node);
  return {
    set({ history, scenario, baseline }) {
      const times = [...new Set([...history.map((p) => p[0]), ...scenario.t, ...(baseline ? baseline.t : [])])]
        .sort((a, b) => a - b);
      const at = (t, xs, ys) => {
        const i = xs.indexOf(t);
        return i < 0 || ys[i] === null || ys[i] === undefined ? null : ys[i];
      };
      const hx = history.map((p) => p[0]);
      const hy = history.map((p) => p[1]);
      const column = (f, key) => times.map((t) => (f ? at(t, f.t, f[key]) : null));
      plot.setData([
        times,
        times.map((t) => at(t, hx, hy)),
        column(baseline, 'mean'),
        column(scenario, 'mean'),
        column(scenario, 'upper95'),
        column(scenario, 'lower95'),
        column(scenario, 'upper50'),
        column(scenario, 'lower50'),
      ]);
    },
    destroy() {
      plot.destroy();
    },
  };
}
