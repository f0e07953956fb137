/**
 * Names the extension client and the language server agree on. Plain data only: both sides bundle
 * this file.
 */

/** `source` of every diagnostic, and the suffix of the fix-all code action kind. */
export const SOURCE = 'tfjs-doctor';

/** The configuration section read from the editor's settings. */
export const SETTINGS_SECTION = 'tfjsDoctor';

export const FIX_ALL_KIND = `source.fixAll.${SOURCE}`;

export const COMMANDS = {
  restartServer: 'tfjsDoctor.restartServer',
  showOutput: 'tfjsDoctor.showOutputChannel',
  showRuleDocumentation: 'tfjsDoctor.showRuleDocumentation',
} as const;

export type SeveritySetting = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** The settings under `tfjsDoctor.*`, per resource. */
export interface Settings {
  readonly enable: boolean;
  readonly run: 'onType' | 'onSave';
  /** Severity per rule id; rules not listed keep their default. */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {} };
