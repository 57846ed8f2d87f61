// Drawing helpers for uPlot hooks: annotations on the chart's own canvas (marker lines, a
// shaded band between two series, a shaded x range), in canvas pixels as uPlot's hooks use.
import type uPlot from 'uplot';

export interface Marker {
  x: number;
  label: string;
  color: string;
  dash?: number[];
}

const px = (u: uPlot, css: number) => css * (u.ctx.canvas.width / Math.max(1, u.width));

/** Vertical lines at x values, labelled at the top of the plot. */
export function drawMarkers(u: uPlot, markers: Marker[], scale = 'x'): void {
  const { ctx } = u;
  const { top, height, left, width } = u.bbox;
  ctx.save();
  ctx.font = `${Math.round(px(u, 11))}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  markers.forEach((m, i) => {
    if (!Number.isFinite(m.x)) return;
    const x = Math.round(u.valToPos(m.x, scale, true));
    if (x < left - 1 || x > left + width + 1) return;
    ctx.strokeStyle = m.color;
    ctx.fillStyle = m.color;
    ctx.lineWidth = px(u, 1.5);
    ctx.setLineDash((m.dash ?? []).map((d) => px(u, d)));
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    const textWidth = ctx.measureText(m.label).width;
    const tx = x + px(u, 3) + textWidth > left + width ? x - px(u, 3) - textWidth : x + px(u, 3);
    ctx.fillText(m.label, tx, top + px(u, 2) + i * px(u, 13));
  });
  ctx.restore();
}

/** Fills the area between series `a` and `b` (indices into u.series), both ways round. */
export function shadeBetween(u: uPlot, a: number, b: number, fill: string): void {
  shadeValues(u, u.data[0], u.data[a], u.data[b], fill, u.series[a].scale ?? 'y');
}

type Values = ArrayLike<number | null | undefined>;

/** Fills the area between two lines given as values on the chart's x values. */
export function shadeValues(u: uPlot, xs: Values, upper: Values, lower: Values, fill: string, scale = 'y'): void {
  const points: [number, number, number][] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], va = upper[i], vb = lower[i];
    if (x === null || x === undefined || va === null || va === undefined || vb === null || vb === undefined) continue;
    points.push([u.valToPos(x, 'x', true), u.valToPos(va, scale, true), u.valToPos(vb, scale, true)]);
  }
  if (points.length < 2) return;
  const { ctx } = u;
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  ctx.fillStyle = fill;
  ctx.beginPath();
  points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  for (let i = points.length - 1; i >= 0; i--) ctx.lineTo(points[i][0], points[i][2]);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

/** Shades the x range [from, to] (e.g. the epochs early stopping saved), with a label. */
export function shadeRange(u: uPlot, from: number, to: number, fill: string, label: string, color: string): void {
  const x0 = Math.max(u.bbox.left, u.valToPos(from, 'x', true));
  const x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(to, 'x', true));
  if (x1 <= x0) return;
  const { ctx } = u;
  ctx.save();
  ctx.fillStyle = fill;
  ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
  ctx.fillStyle = color;
  ctx.font = `${Math.round(px(u, 11))}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  if (ctx.measureText(label).width < x1 - x0) ctx.fillText(label, (x0 + x1) / 2, u.bbox.top + u.bbox.height - px(u, 4));
  ctx.restore();
}
