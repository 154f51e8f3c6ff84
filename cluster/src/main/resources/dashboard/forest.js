// A forest plot in SVG: one row per line, its 95 % interval drawn as a bar with end caps and the estimate as a dot,
// against a vertical line at zero. Rows without an interval say so in words instead of drawing anything.
// `forest(rows, { format, label })`, rows `{ key, label, interval: {estimate, low, high} }`.
const SVG = 'http://www.w3.org/2000/svg';
const ROW = 28;
const LEFT = 260;
const RIGHT = 24;
const WIDTH = 900;
const TOP = 18;
const BOTTOM = 30;

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

function drawable(i) {
  return i && [i.estimate, i.low, i.high].every((x) => x !== null && x !== undefined && Number.isFinite(x));
}

// Round bounds a little wider than the data, always including zero (no effect).
function domain(rows) {
  let low = 0;
  let high = 0;
  for (const r of rows) {
    if (!drawable(r.interval)) continue;
    low = Math.min(low, r.interval.low);
    high = Math.max(high, r.interval.high);
  }
  if (low === high) return [-1, 1];
  const pad = (high - low) * 0.08;
  return [low - pad, high + pad];
}

export function forest(rows, { format = String, label = '' } = {}) {
  const height = TOP + rows.length * ROW + BOTTOM;
  const [lo, hi] = domain(rows);
  const x = (v) => LEFT + ((v - lo) / (hi - lo)) * (WIDTH - LEFT - RIGHT);
  const root = svg('svg', {
    class: 'forest', viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img',
    'aria-label': `${label}: 95 % intervals`,
  });
  const axisY = TOP + rows.length * ROW;
  root.append(svg('line', { x1: x(0), x2: x(0), y1: TOP - 8, y2: axisY, stroke: '#5b6478', 'stroke-dasharray': '4 3' }));
  root.append(svg('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: axisY, y2: axisY, stroke: '#d9dde5' }));
  for (const [v, anchor] of [[lo, 'start'], [0, 'middle'], [hi, 'end']]) {
    root.append(svg('text', { x: x(v), y: axisY + 18, 'text-anchor': anchor, fill: '#5b6478', 'font-size': 12 },
      format(v)));
  }
  rows.forEach((r, n) => {
    const y = TOP + n * ROW + ROW / 2;
    root.append(svg('text', { x: 8, y: y + 4, fill: '#1d2433', 'font-size': 13 }, r.label));
    const i = r.interval;
    if (!drawable(i)) {
      root.append(svg('text', { x: LEFT + 8, y: y + 4, fill: '#5b6478', 'font-size': 13, 'font-style': 'italic' },
        r.missing || 'not enough data for an interval'));
      return;
    }
    const g = svg('g', {
      class: 'interval', 'data-key': r.key, 'data-estimate': i.estimate, 'data-low': i.low, 'data-high': i.high,
    });
    g.append(svg('title', {}, `${r.label}: ${format(i.estimate)} (95 % CI ${format(i.low)} to ${format(i.high)})`));
    const color = i.low > 0 ? '#067647' : i.high < 0 ? '#b42318' : '#3b5bdb';
    g.append(svg('line', { x1: x(i.low), x2: x(i.high), y1: y, y2: y, stroke: color, 'stroke-width': 3 }));
    for (const end of [i.low, i.high]) {
      g.append(svg('line', { x1: x(end), x2: x(end), y1: y - 6, y2: y + 6, stroke: color, 'stroke-width': 2 }));
    }
    g.append(svg('circle', { cx: x(i.estimate), cy: y, r: 5, fill: color }));
    root.append(g);
  });
  return root;
}
