// Axis tick labels with as few significant digits as tell the ticks apart: two digits read
// best, but a narrow range (accuracies 0.8105 and 0.8112) would print "0.81" twice, and a
// learner cannot tell which tick is which. Written in the page's locale (0,81 in German).
import { significant } from '../model/locale-number.ts';

/** Labels for `splits` (times `scale`): the shortest precision from 2 to 8 significant digits
 *  at which no two neighbouring ticks print the same; '' for a missing tick. */
export function distinctTickLabels(splits: ReadonlyArray<number | null>, scale = 1): string[] {
  let labels: string[] = [];
  for (let digits = 2; digits <= 8; digits++) {
    labels = splits.map((v) => (v === null || !Number.isFinite(v) ? '' : significant(v * scale, digits)));
    const shown = labels.filter((l) => l !== '');
    if (shown.every((l, i) => i === 0 || l !== shown[i - 1])) break;
  }
  return labels;
}
