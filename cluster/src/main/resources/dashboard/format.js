// How numbers are shown: with the uncertainty the API gives, and saying so when it gives none.
export function pct(x, digits = 0) {
  return x === null || x === undefined ? '–' : `${(100 * x).toFixed(digits)} %`;
}

export function num(x, digits = 2) {
  return x === null || x === undefined ? '–' : Number(x).toFixed(digits);
}

// An {estimate, low, high} interval of the API, e.g. "12 % (95 % CI 8–17 %)".
export function interval(i, as = pct) {
  if (!i || i.estimate === null || i.estimate === undefined) return '–';
  return `${as(i.estimate)} (95 % CI ${as(i.low)}–${as(i.high)})`;
}

// An approximate 95 % interval of a Poisson count n (Wilson–Hilferty), as factors of n: the uncertainty of a
// rate that counts n events over a fixed exposure.
export function poissonFactors(n) {
  if (!n || n <= 0) return null;
  const z = 1.96;
  const low = n * Math.pow(1 - 1 / (9 * n) - z / (3 * Math.sqrt(n)), 3);
  const m = n + 1;
  const high = m * Math.pow(1 - 1 / (9 * m) + z / (3 * Math.sqrt(m)), 3);
  return [Math.max(0, low) / n, high / n];
}

export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function ago(iso, now = Date.now()) {
  if (!iso) return '–';
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

// The confidences of a group of readings: "mean 0.82 (0.61–0.95, n = 4)".
export function confidenceSummary(values) {
  if (values.length === 0) return '–';
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `mean ${num(mean)} (${num(Math.min(...values))}–${num(Math.max(...values))}, n = ${values.length})`;
}
