// A time chart (uPlot, served from its WebJar): `chart(node, label)` draws points [unixSeconds, value] with
// `set(points)`; `destroy()` removes it. Later pages may pass bands (low/high series) the same way.
import uPlot from './vendor/uplot/uPlot.esm.js';

export function chart(node, label, { width = 900, height = 220 } = {}) {
  const options = {
    width: Math.min(width, Math.max(320, node.clientWidth || width)),
    height,
    series: [{}, { label, stroke: '#b54708', width: 0, points: { show: true, size: 6, fill: '#b54708' } }],
    scales: { y: { range: [0, 1] } },
    axes: [{}, { label }],
  };
  const plot = new uPlot(options, [[], []], node);
  return {
    set(points) {
      plot.setData([points.map((p) => p[0]), points.map((p) => p[1])]);
    },
    destroy() {
      plot.destroy();
    },
  };
}
