// One control for one engine option: a slider (linear or log) for numbers, a switch for
// true/false, a select for choices. Native inputs, so keyboard and screen readers work as
// usual; each has a <label>, and sliders announce the value itself (aria-valuetext), not the
// slider position. `input` fires while dragging, `change` when the learner lets go.
import { h, nextId } from '../../dom.ts';
import { t } from '../widget-i18n.ts';
import { scientific, significant } from '../model/locale-number.ts';
import { type ControlModel, fitValue } from '../model/options.ts';

export type ControlValue = number | boolean | string;

export interface ControlHandlers {
  input?(value: ControlValue): void;
  change(value: ControlValue): void;
}

export interface ControlView {
  readonly model: ControlModel;
  readonly element: HTMLElement;
  value(): ControlValue;
  set(value: ControlValue): void;
  /** Narrows a slider to [min, max] (the λ slider to the path the engine computed); the value
   *  is kept, or moved to the nearest end. Returns the value. Sliders only. */
  setRange?(min: number, max: number): ControlValue;
}

/** Numbers for people, in the page's locale: 0.0003 → "3e-4", 0.12345 → "0.1235" ("0,1235"),
 *  200 → "200". */
export function formatValue(v: unknown): string {
  if (typeof v === 'boolean') return t(v ? 'widgets.control.on' : 'widgets.control.off');
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 0.001 || Math.abs(v) >= 1e5)) return scientific(v, 2, undefined, true);
  return significant(v, 4);
}

/** Slider positions of a log control: about 24 per decade. */
function logPositions(model: ControlModel): number {
  return Math.max(48, Math.round(Math.log10(model.max / model.min) * 24));
}

function slider(declared: ControlModel, start: number, handlers: ControlHandlers): ControlView {
  const id = nextId('control');
  const model = { ...declared };  // its range can narrow (setRange)
  const log = model.scale === 'log';
  let positions = log ? logPositions(model) : 0;
  const input = h('input', { type: 'range', id, class: 'slider' });
  const output = h('output', { for: id, class: 'control-value' });
  const toValue = (raw: number): number => {
    if (!log) return fitValue(model, raw) as number;
    const lo = Math.log10(model.min), hi = Math.log10(model.max);
    return fitValue(model, 10 ** (lo + (raw / positions) * (hi - lo))) as number;
  };
  const toRaw = (value: number): number => {
    if (!log) return value;
    const lo = Math.log10(model.min), hi = Math.log10(model.max);
    return Math.round(((Math.log10(value) - lo) / (hi - lo)) * positions);
  };
  const format = model.format ?? formatValue;
  const range = h('span', { class: 'control-range muted', 'aria-hidden': 'true' });
  const setBounds = () => {
    if (log) {
      positions = logPositions(model);
      Object.assign(input, { min: '0', max: String(positions), step: '1' });
    } else {
      Object.assign(input, { min: String(model.min), max: String(model.max), step: model.step ? String(model.step) : String((model.max - model.min) / 100) });
    }
    range.textContent = t(log ? 'widgets.control.rangeLog' : 'widgets.control.range', { min: format(model.min), max: format(model.max) });
  };
  setBounds();
  let current = start;
  const show = (value: number) => {
    current = value;
    output.textContent = format(value);
    input.setAttribute('aria-valuetext', format(value));
  };
  const set = (value: number) => {
    input.value = String(toRaw(value));
    show(value);
  };
  input.addEventListener('input', () => {
    show(toValue(Number(input.value)));
    handlers.input?.(current);
  });
  input.addEventListener('change', () => handlers.change(current));
  set(start);
  const setRange = (min: number, max: number): number => {
    if (!(min > 0 || !log) || !(max > min) || (min === model.min && max === model.max)) return current;
    Object.assign(model, { min, max });
    setBounds();
    set(Math.min(max, Math.max(min, current)));
    return current;
  };
  const element = h('div', { class: 'control', 'data-option': model.option },
    h('label', { for: id, title: model.help }, model.label), h('div', { class: 'slider-row' }, input, output), range);
  return { model, element, value: () => current, set: (v) => set(v as number), setRange };
}

function toggle(model: ControlModel, start: boolean, handlers: ControlHandlers): ControlView {
  const id = nextId('control');
  const input = h('input', { type: 'checkbox', id, role: 'switch' });
  input.checked = start;
  input.addEventListener('change', () => {
    handlers.input?.(input.checked);
    handlers.change(input.checked);
  });
  const element = h('div', { class: 'control control-switch', 'data-option': model.option },
    input, h('label', { for: id, title: model.help }, model.label));
  return { model, element, value: () => input.checked, set: (v) => { input.checked = Boolean(v); } };
}

function choice(model: ControlModel, start: string, handlers: ControlHandlers): ControlView {
  const id = nextId('control');
  const select = h('select', { id }, ...model.choices.map((c) => h('option', { value: c }, c)));
  select.value = start;
  select.addEventListener('change', () => {
    handlers.input?.(select.value);
    handlers.change(select.value);
  });
  const element = h('div', { class: 'control', 'data-option': model.option },
    h('label', { for: id, title: model.help }, model.label), select);
  return { model, element, value: () => select.value, set: (v) => { select.value = String(v); } };
}

export function createControl(model: ControlModel, start: ControlValue, handlers: ControlHandlers): ControlView {
  if (model.kind === 'boolean') return toggle(model, Boolean(start), handlers);
  if (model.kind === 'choice') return choice(model, String(start), handlers);
  return slider(model, Number(start), handlers);
}
