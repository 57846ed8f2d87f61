// A widget's settings (the learner's control values, the open panel, the seed, ...): saved in
// the learner state (per widget file) and mirrored into the page URL so a shared link
// reproduces the run. A link's settings win over saved ones, and alone define the run: a link
// must mean the same thing for whoever opens it. Only values that differ from the widget
// file's own are kept, so links stay short. Pinned runs (state/pins.ts) go the same ways: in
// the learner store's pins table and, per panel, as one `pins.<panel>` parameter of the link.
import { sharedLearnerStore } from '../state/learner-store.ts';
import { type PinRecord, decodePins, encodePins } from '../state/pins.ts';
import { type SettingValue, type Settings, formatSetting, readSettings, writeSettings } from '../state/url-state.ts';

const SAVE_DELAY_MS = 250;

/** The same settings in one order of keys (to compare them as text). */
const sorted = (settings: Settings): Settings => Object.fromEntries(Object.keys(settings).sort().map((k) => [k, settings[k]]));

export class WidgetSettings {
  private values: Settings = {};
  /** Raw values from the URL (typed by the widget through `take`), when the link had any, or
   *  the host's given settings as text. */
  readonly fromUrl: Record<string, string> | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Each panel's pins, and its control options (the pins' URL names are made from them). */
  private readonly pinned: Record<string, PinRecord[]> = {};
  private readonly pinOptions: Record<string, readonly string[]> = {};
  /** Pins were read (a widget that never asks for them must not erase the saved ones). */
  private pinsRead = false;

  /** Called with the settings as a link holds them (linkSettings) when they change (at the
   *  debounced save): the element's lab-settings-change event. */
  onChange: ((settings: Settings) => void) | null = null;
  private told = '';

  /** `given`: settings the host page set (the element's applySettings, an anywidget model's
   *  `settings`): they count as a link's, so they win over saved ones and define the run. */
  constructor(private readonly storeKey: string, private readonly urlKey: string, private readonly useUrl: boolean, given: Settings | null = null) {
    this.fromUrl = given ? Object.fromEntries(Object.entries(given).map(([k, v]) => [k, formatSetting(v)]))
      : useUrl ? readSettings(location.search, urlKey) : null;
    if (!this.fromUrl) {
      for (const [name, value] of Object.entries(sharedLearnerStore().widgetSettings(storeKey))) {
        if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') this.values[name] = value;
      }
    }
    this.told = JSON.stringify(sorted(given ?? this.values));
  }

  /**
   * The starting value of a setting: from the link (parsed by `parse`, rejected values noted in
   * `rejected`), else saved, else undefined (the widget file's value).
   */
  take<T extends SettingValue>(name: string, parse: (text: string) => T | undefined, rejected: string[]): T | undefined {
    if (this.fromUrl) {
      const text = this.fromUrl[name];
      if (text === undefined) return undefined;
      const value = parse(text);
      if (value === undefined) rejected.push(name);
      else this.values[name] = value;
      return value;
    }
    const saved = this.values[name];
    if (saved === undefined) return undefined;
    const value = parse(String(saved));
    if (value === undefined) delete this.values[name];
    return value;
  }

  /**
   * A panel's pins to start from: the link's (values as text, for the panel to type and check
   * against its controls; unreadable ones counted in `rejected`), else the saved ones.
   */
  takePins(panel: string, options: readonly string[]): { pins: { values: Record<string, string>; seed?: number }[]; rejected: number } {
    this.pinOptions[panel] = options;
    this.pinsRead = true;
    if (this.fromUrl) {
      const text = this.fromUrl[`pins.${panel}`];
      return text ? decodePins(text, options) : { pins: [], rejected: 0 };
    }
    const saved = sharedLearnerStore().widgetPins(this.storeKey)[panel] ?? [];
    return { pins: saved.map((p) => ({ ...p, values: Object.fromEntries(Object.entries(p.values).map(([k, v]) => [k, String(v)])) })), rejected: 0 };
  }

  /** Sets a panel's pins (saved and put in the link like every setting). */
  setPins(panel: string, pins: PinRecord[]): void {
    if (pins.length) this.pinned[panel] = pins.map((p) => ({ ...p, values: { ...p.values } }));
    else delete this.pinned[panel];
    this.scheduleSave();
  }

  get(name: string): SettingValue | undefined {
    return this.values[name];
  }

  /** Sets a value; `fileValue` is the widget file's own (not stored when equal). */
  set(name: string, value: SettingValue, fileValue?: SettingValue): void {
    if (fileValue !== undefined && value === fileValue) delete this.values[name];
    else this.values[name] = value;
    this.scheduleSave();
  }

  delete(name: string): void {
    delete this.values[name];
    this.scheduleSave();
  }

  all(): Settings {
    return { ...this.values };
  }

  /** A link to this page with these settings. */
  shareUrl(): string {
    const url = new URL(location.href);
    url.search = writeSettings(url.search, this.urlKey, this.linkSettings());
    return url.href;
  }

  /** Writes now (the debounced save). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    sharedLearnerStore().setWidgetSettings(this.storeKey, this.values);
    if (this.pinsRead) sharedLearnerStore().setWidgetPins(this.storeKey, this.pinned);
    if (this.useUrl) {
      const search = writeSettings(location.search, this.urlKey, this.linkSettings());
      if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }
    const now = JSON.stringify(sorted(this.linkSettings()));
    if (now !== this.told && this.onChange) {
      this.told = now;
      this.onChange(this.linkSettings());
    }
  }

  /** Forgets a pending save (the widget is gone; flush first to keep its last change). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.onChange = null;
  }

  /** The settings and each panel's pins, as a link's parameters name them (without the widget's key). */
  linkSettings(): Settings {
    const out: Settings = { ...this.values };
    for (const [panel, pins] of Object.entries(this.pinned)) out[`pins.${panel}`] = encodePins(pins, this.pinOptions[panel] ?? []);
    return out;
  }

  private scheduleSave(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }
}
