// A widget's settings (the learner's control values, the open panel, the seed, ...): saved in
// the learner state (per widget file) and mirrored into the page URL so a shared link
// reproduces the run. A link's settings win over saved ones, and alone define the run: a link
// must mean the same thing for whoever opens it. Only values that differ from the widget
// file's own are kept, so links stay short.
import { sharedLearnerStore } from '../state/learner-store.ts';
import { type SettingValue, type Settings, readSettings, writeSettings } from '../state/url-state.ts';

const SAVE_DELAY_MS = 250;

export class WidgetSettings {
  private values: Settings = {};
  /** Raw values from the URL (typed by the widget through `take`), when the link had any. */
  readonly fromUrl: Record<string, string> | null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly storeKey: string, private readonly urlKey: string, private readonly useUrl: boolean) {
    this.fromUrl = useUrl ? readSettings(location.search, urlKey) : null;
    if (!this.fromUrl) {
      for (const [name, value] of Object.entries(sharedLearnerStore().widgetSettings(storeKey))) {
        if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') this.values[name] = value;
      }
    }
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
    url.search = writeSettings(url.search, this.urlKey, this.values);
    return url.href;
  }

  /** Writes now (the debounced save). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    sharedLearnerStore().setWidgetSettings(this.storeKey, this.values);
    if (this.useUrl) {
      const search = writeSettings(location.search, this.urlKey, this.values);
      if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }
  }

  private scheduleSave(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }
}
