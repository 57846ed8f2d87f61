// Draws the bench's figure with uPlot (the charting library the widgets use): grouped bars on
// a log axis for the timing cases and lines for scaling. tools/bench/run.mjs calls
// window.renderCharts(figure) and screenshots the page.
import uPlot from './vendor/uPlot.esm.js';

const WIDTH = 576;
const HEIGHT = 260;

function legend(series) {
  const div = document.createElement('div');
  div.className = 'legend';
  for (const s of series) {
    const span = document.createElement('span');
    span.style.setProperty('--c', s.color);
    span.textContent = s.label;
    div.append(span);
  }
  return div;
}

/** Whole decades around the data, so the smallest bar still has a visible height. */
function decades(values) {
  const v = values.flat().filter((x) => typeof x === 'number' && x > 0);
  if (!v.length) return [1, 10];
  return [10 ** (Math.floor(Math.log10(Math.min(...v))) - (Math.log10(Math.min(...v)) % 1 < 0.3 ? 1 : 0)), 10 ** Math.ceil(Math.log10(Math.max(...v)))];
}

function axisValue(v, unit) {
  if (v === null || v === undefined) return null;  // log axes: uPlot leaves minor ticks unlabelled
  if (v >= 1000 && unit === 'ms') return `${v / 1000} s`;
  return `${v} ${unit}`;
}

/** Grouped bars: one x slot per (category, series), a gap between categories. */
function bars(panel, el) {
  const S = panel.series.length;
  const xs = [];
  const data = panel.series.map(() => []);
  const labels = new Map();
  panel.categories.forEach((category, g) => {
    panel.series.forEach((s, k) => {
      const x = g * (S + 1) + k;
      xs.push(x);
      panel.series.forEach((_, j) => data[j].push(j === k ? s.values[g] ?? null : null));
    });
    labels.set(g * (S + 1) + (S - 1) / 2, category);
  });
  const barPaths = uPlot.paths.bars({ size: [0.85, 60], align: 0 });
  const opts = {
    width: WIDTH, height: HEIGHT,
    scales: { x: { time: false, range: [-0.8, xs.at(-1) + 0.8] },
              y: panel.log ? { distr: 3, range: () => decades(panel.series.map((s) => s.values)) } : {} },
    axes: [
      { splits: () => [...labels.keys()], values: (_, ticks) => ticks.map((t) => labels.get(t) ?? ''), grid: { show: false } },
      { values: (_, ticks) => ticks.map((t) => axisValue(t, panel.unit)), size: 70 },
    ],
    series: [{}, ...panel.series.map((s) => ({ label: s.label, fill: s.color, stroke: s.color, paths: barPaths, points: { show: false } }))],
    legend: { show: false },
    cursor: { show: false },
  };
  return new uPlot(opts, [xs, ...data], el);
}

function lines(panel, el) {
  const opts = {
    width: WIDTH, height: HEIGHT,
    scales: { x: { time: false, distr: panel.logX ? 3 : 1 },
              y: panel.log ? { distr: 3, range: () => decades(panel.series.map((s) => s.values)) } : {} },
    axes: [{ label: panel.xLabel, values: (_, ticks) => ticks.map((t) => (t === null ? null : t >= 1000 ? `${t / 1000}k` : `${t}`)) },
      { values: (_, ticks) => ticks.map((t) => axisValue(t, panel.unit)), size: 70 }],
    series: [{}, ...panel.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { size: 6, fill: s.color } }))],
    legend: { show: false },
    cursor: { show: false },
  };
  return new uPlot(opts, [panel.x, ...panel.series.map((s) => s.values)], el);
}

window.renderCharts = (figure) => {
  document.getElementById('title').textContent = figure.title;
  document.getElementById('subtitle').textContent = figure.subtitle;
  const root = document.getElementById('charts');
  root.replaceChildren();
  for (const panel of figure.panels) {
    const div = document.createElement('div');
    div.className = 'panel';
    const h = document.createElement('h2');
    h.textContent = panel.title;
    const note = document.createElement('p');
    note.textContent = panel.note ?? '';
    const plot = document.createElement('div');
    div.append(h, note, plot, legend(panel.series));
    root.append(div);
    (panel.type === 'lines' ? lines : bars)(panel, plot);
  }
  return document.body.getBoundingClientRect().height;
};
document.body.dataset.ready = 'true';
