import type { Connection } from 'vscode-languageserver';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../../../rules/core/rule';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type Settings } from '../../../shared/protocol';

/** Reads `tfjsDoctor.*` per document, caching until the configuration changes. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Equal rule settings share one object, so analysis caches keyed on it keep working. */
  private readonly canonical = new Map<string, Settings>();
  private supported = false;

  constructor(private readonly connection: Connection) {}

  setClientSupport(supported: boolean): void {
    this.supported = supported;
  }

  clear(): void {
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The settings of an open document, cached until it closes (`forget`) or they change. */
  get(uri: string): Promise<Settings> {
    let settings = this.cache.get(uri);
    if (!settings) this.cache.set(uri, (settings = this.read(uri)));
    return settings;
  }

  /** The settings of any resource, asked of the editor every time. */
  read(uri: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    return this.connection.workspace
      .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
      .then((raw: unknown) => this.normalise(raw), () => DEFAULT_SETTINGS);
  }

  /** Keeps the known settings with valid values; anything else falls back to the defaults. */
  private normalise(raw: unknown): Settings {
    const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const rules: Record<string, SeveritySetting> = {};
    if (typeof value['rules'] === 'object' && value['rules'] !== null) {
      for (const [id, severity] of Object.entries(value['rules'] as Record<string, unknown>)) {
        const normalised = severity === 'warn' ? 'warning' : severity;
        if (typeof normalised === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(normalised)) rules[id] = normalised as SeveritySetting;
      }
    }
    const settings: Settings = {
      enable: value['enable'] !== false,
      run: value['run'] === 'onSave' ? 'onSave' : 'onType',
      rules: Object.fromEntries(Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))),
      codeLens: (value['overfit'] as Record<string, unknown> | undefined)?.['codeLens'] !== false,
    };
    const key = JSON.stringify(settings);
    const existing = this.canonical.get(key);
    if (existing) return existing;
    this.canonical.set(key, settings);
    return settings;
  }
}
