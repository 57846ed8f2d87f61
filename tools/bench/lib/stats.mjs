// Small numeric helpers shared by the bench's cases.

/** Median (the upper one of an even count, as the first cut did), min, max and count. */
export function summarize(values) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return null;
  return { median: v[Math.floor(v.length / 2)], min: v[0], max: v.at(-1), runs: v.length };
}

/** summarize() with the keys the results file uses for milliseconds. */
export function ms(values) {
  const s = summarize(values);
  return s && { median_ms: s.median, min_ms: s.min, max_ms: s.max, runs: s.runs };
}

export function us(values) {
  const s = summarize(values);
  return s && { median_us: s.median, min_us: s.min, max_us: s.max, runs: s.runs };
}

/** a / b, rounded for reading (ratios are always taken from the same run's medians). */
export const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);

export function fmt(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 100) return x.toFixed(0);
  return x.toFixed(digits);
}

/** "12.3 (11.9–13.0)" from a ms/us summary. */
export function range(s, unit = 'ms', digits = 1) {
  if (!s) return '–';
  const k = unit === 'us' ? 'us' : 'ms';
  return `${fmt(s[`median_${k}`], digits)} (${fmt(s[`min_${k}`], digits)}–${fmt(s[`max_${k}`], digits)})`;
}

/** A deterministic PRNG (mulberry32) and a standard normal (Box-Muller) for synthetic data. */
export function rng(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    let u = uniform();
    while (u <= 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}
