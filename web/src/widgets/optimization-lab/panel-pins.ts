// A panel's pinned runs on screen: "Pin this run", and one chip per pin (its settings in the
// learner's words, a swatch showing how its lines are drawn, a button removing it). What a pin
// holds and how it is saved is state/pins.ts; the panel reruns a restored pin from its settings.
import { t } from '../widget-i18n.ts';
import { inSentence } from '../model/words.ts';
import { h } from '../../dom.ts';
import type { PinRecord } from '../../state/pins.ts';
import { type ControlValue, formatValue } from '../controls/control-view.ts';
import type { ExperimentResult } from './panel-view.ts';

/** A pin as the panel shows it: its settings, their words, and the results of its run. */
export interface PinnedRun {
  record: PinRecord;
  /** "Pinned: dropout rate 0.3, patience 20". */
  label: string;
  /** The settings alone: "dropout rate 0.3, patience 20". */
  settings: string;
  /** The results of the experiments the controls change, once computed. */
  results: Record<string, ExperimentResult | undefined>;
}

/** Line dashes of pins 1, 2, ... (drawn faint, under the live run's solid lines). */
export const PIN_DASHES = [[7, 4], [2, 3], [12, 4, 2, 4], [1, 5]];
export const PIN_ALPHA = 0.45;

/** A control's name in a sentence: its label without the parenthesis, lower-case first
 *  ("Patience (epochs)" → "patience"). */
export function shortLabel(label: string): string {
  return inSentence(label.replace(/\s*\([^)]*\)\s*/g, ' ').trim());
}

interface NamedControl { label: string; option: string; fileValue: ControlValue }

/**
 * A pin's settings in learner words: its first control always, then every other control the
 * pin sets away from the widget file's value ("Pinned: dropout rate 0.3, patience 20").
 */
export function pinSettings(controls: NamedControl[], record: PinRecord): string {
  const parts = controls.filter((c, i) => i === 0 || record.values[c.option] !== undefined).map((c) => {
    const value = record.values[c.option] ?? c.fileValue;
    return `${shortLabel(c.label)} ${formatValue(value)}`;
  });
  if (record.seed !== undefined) parts.push(t('widgets.pins.seed', { seed: record.seed }));
  return parts.join(', ') || t('widgets.pins.fileSettings');
}

/** "Pinned: dropout rate 0.3, patience 20" (the pin's name on charts and table columns). */
export function pinLabel(settings: string): string {
  return t('widgets.pins.label', { settings });
}

export interface PinBarHandlers {
  pin(): void;
  remove(index: number): void;
}

export class PinBar {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly list = h('ul', { class: 'pin-list', 'aria-label': t('widgets.pins.list') });
  private readonly status = h('span', { class: 'pin-status', role: 'status' });

  constructor(private readonly handlers: PinBarHandlers) {
    this.button = h('button', {
      type: 'button', class: 'secondary pin-run', disabled: true,
      title: t('widgets.pins.pinHelp'),
      onclick: () => this.handlers.pin(),
    }, t('widgets.pins.pin'));
    this.element = h('div', { class: 'pins' }, this.button, this.list, this.status);
  }

  /** Shows the pins; `canPin`: a finished run is on screen and not pinned yet. */
  render(pins: PinnedRun[], canPin: boolean): void {
    this.button.disabled = !canPin;
    this.list.hidden = pins.length === 0;
    this.list.replaceChildren(...pins.map((pin, i) => h('li', { class: 'pin', 'data-pin': String(i + 1) },
      h('span', { class: `pin-swatch pin-swatch-${i + 1}`, 'aria-hidden': 'true' }),
      h('span', { class: 'pin-label' }, pin.label),
      Object.values(pin.results).some((r) => r) ? null : h('span', { class: 'muted pin-pending' }, ` ${t('widgets.pins.computing')}`),
      h('button', {
        type: 'button', class: 'link-button pin-remove', 'aria-label': t('widgets.pins.removeLabel', { settings: pin.settings }),
        onclick: () => this.handlers.remove(i),
      }, t('widgets.pins.remove')))));
  }

  /** Says what happened (to screen readers). */
  announce(text: string): void {
    this.status.textContent = text;
  }
}
