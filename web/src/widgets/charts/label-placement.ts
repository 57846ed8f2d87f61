// Where the trade-off scatter writes each variant's name: next to its own marker, on no other
// label and no marker, inside the plot. Each label tries the spots around its marker (right,
// left, above, below, the corners), nearest first; a spot counts only if its own marker is the
// nearest one to it, so a name never reads as another marker's. A name that fits nowhere tries
// its number (the chart lists the numbers under it), then spots further out with a line to the
// marker, and as a last resort the free spot nearest its marker anywhere in the plot.
// Everything is in one unit (the canvas's pixels); the caller measures text.

export interface Marker { x: number; y: number; r: number }
export interface Box { x: number; y: number; w: number; h: number }
export interface LabelRequest {
  /** Index into the markers. */
  marker: number;
  text: string;
  /** The short form (a number) used when the text fits nowhere. */
  short: string;
}
export interface Placement {
  marker: number;
  text: string;
  box: Box;
  /** The short form was used: the chart's key names it. */
  numbered: boolean;
  /** Away from its marker: a line joins them. */
  leader: boolean;
}

export const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Distance from a box to a point (0 inside). */
export function boxDistance(b: Box, x: number, y: number): number {
  const dx = Math.max(b.x - x, 0, x - (b.x + b.w));
  const dy = Math.max(b.y - y, 0, y - (b.y + b.h));
  return Math.hypot(dx, dy);
}

/** Whether the box touches the marker's disc. */
export const hitsMarker = (b: Box, m: Marker): boolean => boxDistance(b, m.x, m.y) < m.r;

/** Whether no marker's edge is nearer the box than `own`'s (equal counts: coinciding markers). */
export function nearestIs(b: Box, markers: readonly Marker[], own: number): boolean {
  const gap = (m: Marker) => boxDistance(b, m.x, m.y) - m.r;
  const mine = gap(markers[own]);
  return markers.every((m, i) => i === own || gap(m) >= mine - 0.5);
}

/** The spots around a marker at `distance` from its edge, in order of preference. */
function spots(m: Marker, w: number, h: number, distance: number): Box[] {
  const d = m.r + distance;
  const diagonal = m.r * Math.SQRT1_2 + distance;
  return [
    { x: m.x + d, y: m.y - h / 2, w, h },  // right
    { x: m.x - d - w, y: m.y - h / 2, w, h },  // left
    { x: m.x - w / 2, y: m.y - d - h, w, h },  // above
    { x: m.x - w / 2, y: m.y + d, w, h },  // below
    { x: m.x + diagonal, y: m.y - diagonal - h, w, h },  // upper right
    { x: m.x + diagonal, y: m.y + diagonal, w, h },  // lower right
    { x: m.x - diagonal - w, y: m.y - diagonal - h, w, h },  // upper left
    { x: m.x - diagonal - w, y: m.y + diagonal, w, h },  // lower left
  ];
}

const inside = (b: Box, bounds: Box): boolean => b.x >= bounds.x && b.y >= bounds.y && b.x + b.w <= bounds.x + bounds.w && b.y + b.h <= bounds.y + bounds.h;

/**
 * Places every label (in the order given: the most important first). `height` is a label's
 * height, `gap` the space between a marker's edge and its label.
 */
export function placeLabels(markers: readonly Marker[], labels: readonly LabelRequest[], bounds: Box,
  measure: (text: string) => number, height: number, gap: number): Placement[] {
  const placed: Placement[] = [];
  const free = (b: Box) => inside(b, bounds) && placed.every((p) => !overlaps(p.box, b)) && markers.every((m) => !hitsMarker(b, m));
  for (const label of labels) {
    const m = markers[label.marker];
    const forms = [{ text: label.text, numbered: false }, ...(label.short !== label.text ? [{ text: label.short, numbered: true }] : [])];
    let spot: Placement | null = null;
    // Beside the marker; then a little further out, with a line to it.
    search: for (const [ring, distance] of [gap, gap + height, gap + 2.5 * height].entries()) {
      for (const form of forms) {
        const w = measure(form.text);
        const box = spots(m, w, height, distance).find((b) => free(b) && nearestIs(b, markers, label.marker));
        if (box) {
          spot = { marker: label.marker, text: form.text, box, numbered: form.numbered, leader: ring > 0 };
          break search;
        }
      }
    }
    spot ??= lastResort(m, label, bounds, measure(label.short), height, free);
    placed.push(spot);
  }
  return placed;
}

/** The short form at the free spot nearest the marker anywhere in the plot (a line joins
 *  them); if the plot is full, beside the marker regardless. */
function lastResort(m: Marker, label: LabelRequest, bounds: Box, w: number, h: number, free: (b: Box) => boolean): Placement {
  let best: Box | null = null;
  let distance = Infinity;
  const step = Math.max(2, h / 2);
  for (let y = bounds.y; y + h <= bounds.y + bounds.h; y += step) {
    for (let x = bounds.x; x + w <= bounds.x + bounds.w; x += step) {
      const box = { x, y, w, h };
      const d = boxDistance(box, m.x, m.y);
      if (d < distance && free(box)) {
        best = box;
        distance = d;
      }
    }
  }
  const short = label.short !== label.text;
  if (best) return { marker: label.marker, text: label.short, box: best, numbered: short, leader: true };
  return { marker: label.marker, text: label.short, box: { x: m.x + m.r, y: m.y - h / 2, w, h }, numbered: short, leader: false };
}
