// The numbers a chart may hand to uPlot. Two kinds of value make uPlot's axis tick loop grow
// an array until it throws "Invalid array length" (both found by the soak test):
// - values near the largest double (a diverged run): the auto range becomes Infinity;
// - on a log axis, values below about 1e-24 (an exponentially decayed learning rate after
//   hundreds of epochs reaches 1e-100): the tick loop steps from there in increments of uPlot's
//   smallest known power of ten and never reaches the next decade.
// So y values are kept within ±MAX_DRAWN, and a log axis shows nothing below MIN_LOG_DRAWN (a
// gap, or for x values the floor itself); the text summaries still give the true numbers.
import type uPlot from 'uplot';

export const MAX_DRAWN = 1e12;
export const MIN_LOG_DRAWN = 1e-15;

/** The log-scaled (distr 3) scale keys of chart options, and the scale of each series. */
export function logScalesOf(options: Pick<uPlot.Options, 'scales' | 'series'>): { x: boolean; series: boolean[] } {
  const log = new Set(Object.entries(options.scales ?? {}).filter(([, s]) => s?.distr === 3).map(([k]) => k));
  return { x: log.has('x'), series: options.series.map((s, i) => i > 0 && log.has(s.scale ?? 'y')) };
}

/** `data` with every y value finite and within ±MAX_DRAWN, and nothing below MIN_LOG_DRAWN on a
 *  log axis (anything else is a gap). */
export function drawable(data: uPlot.AlignedData, log: { x: boolean; series: boolean[] } = { x: false, series: [] }): uPlot.AlignedData {
  return data.map((series, i) => {
    const values = Array.from(series as ArrayLike<number | null | undefined>);
    if (i === 0) return log.x ? values.map((v) => (typeof v === 'number' ? Math.max(v, MIN_LOG_DRAWN) : v)) : series;
    const floor = log.series[i] ? MIN_LOG_DRAWN : -MAX_DRAWN;
    return values.map((v) => (typeof v === 'number' && Number.isFinite(v) && (!log.series[i] || v >= MIN_LOG_DRAWN)
      ? Math.max(floor, Math.min(MAX_DRAWN, v)) : null));
  }) as uPlot.AlignedData;
}
