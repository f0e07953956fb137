/**
 * Names the extension client and the language server agree on. Plain data only: both sides bundle
 * this file.
 */

/** `source` of every diagnostic, and the suffix of the fix-all code action kind. */
export const SOURCE = 'tfjs-doctor';

/** The configuration section read from the editor's settings. */
export const SETTINGS_SECTION = 'tfjsDoctor';

export const FIX_ALL_KIND = `source.fixAll.${SOURCE}`;

/** The editor languages the extension checks. */
export const LANGUAGE_IDS: readonly string[] = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

export const COMMANDS = {
  restartServer: 'tfjsDoctor.restartServer',
  showOutput: 'tfjsDoctor.showOutputChannel',
  showRuleDocumentation: 'tfjsDoctor.showRuleDocumentation',
  runOverfitCheck: 'tfjsDoctor.runOverfitCheck',
  cancelOverfitCheck: 'tfjsDoctor.cancelOverfitCheck',
  showOverfitResults: 'tfjsDoctor.showOverfitResults',
  openExample: 'tfjsDoctor.openExample',
} as const;

/**
 * Request from the client: the models of a document, as the overfit check needs them, with the
 * static findings that may explain a failure of each.
 */
export const OVERFIT_TARGETS_REQUEST = 'tfjsDoctor/overfitTargets';

export interface OverfitTargetsParams {
  readonly uri: string;
}

export interface OverfitTargetsResult {
  /** `ModelTarget`s of the overfit check (kept as plain data here). */
  readonly targets: readonly OverfitTargetData[];
  /** Per target name: causes from static findings (`Cause` of the overfit check). */
  readonly causes: Readonly<Record<string, readonly unknown[]>>;
  /** The file path the targets belong to. */
  readonly file: string;
}

export interface OverfitTargetData {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly [key: string]: unknown;
}

export type SeveritySetting = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** The settings under `tfjsDoctor.*`, per resource. */
export interface Settings {
  readonly enable: boolean;
  readonly run: 'onType' | 'onSave';
  /** Severity per rule id; rules not listed keep their default. */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** Show "Run overfit check" above each model. */
  readonly codeLens: boolean;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {}, codeLens: true };
