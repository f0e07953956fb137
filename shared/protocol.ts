/**
 * Names, settings and requests the extension client and the language server agree on. Both sides
 * bundle this file: it holds data, types and request types only.
 */
import { RequestType, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { TrainingFix } from '../overfit/src/training/types';
import type { Cause, ModelLocation, ModelTarget, OverfitRequest, StepCall, TrainingStepPlace } from '../overfit/src/types';

/** `source` of every diagnostic, and the suffix of the fix-all code action kind. */
export const SOURCE = 'tfjs-doctor';

/** The configuration section read from the editor's settings. */
export const SETTINGS_SECTION = 'tfjsDoctor';

export const FIX_ALL_KIND = `source.fixAll.${SOURCE}`;

/** The editor languages of modules: the files the overfit check runs. */
export const SCRIPT_LANGUAGE_IDS: readonly string[] = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

/** The editor languages the extension checks: modules, and HTML pages for their inline scripts. */
export const LANGUAGE_IDS: readonly string[] = [...SCRIPT_LANGUAGE_IDS, 'html'];

export const COMMANDS = {
  restartServer: 'tfjsDoctor.restartServer',
  showOutput: 'tfjsDoctor.showOutputChannel',
  showRuleDocumentation: 'tfjsDoctor.showRuleDocumentation',
  runOverfitCheck: 'tfjsDoctor.runOverfitCheck',
  cancelOverfitCheck: 'tfjsDoctor.cancelOverfitCheck',
  showOverfitResults: 'tfjsDoctor.showOverfitResults',
  openExample: 'tfjsDoctor.openExample',
  runTraining: 'tfjsDoctor.runTraining',
  stopTraining: 'tfjsDoctor.stopTraining',
  showTrainingResults: 'tfjsDoctor.showTrainingResults',
  setScriptArguments: 'tfjsDoctor.setScriptArguments',
} as const;

export interface OverfitTargetsParams {
  /** A document open in the editor, or a file inside the workspace folders. */
  readonly uri: string;
}

/**
 * The model argument of the "Run overfit check" lens: which model, by where it is created (the
 * file as the server names it, the 1-based line), and its name for titles.
 */
export interface OverfitLensModel extends ModelLocation {
  readonly name: string;
}

export interface OverfitTargetsResult {
  /** The models of the file, as the overfit check rebuilds them. */
  readonly targets: readonly ModelTarget[];
  /** Per target, keyed by `locationKey` of its place: causes from static findings, which may explain a failed check. */
  readonly causes: Readonly<Record<string, readonly Cause[]>>;
  /** The file path the targets belong to. */
  readonly file: string;
  /** The file's custom training steps that train no model it knows (variables of their own). */
  readonly trainingSteps?: readonly TrainingStepPlace[];
  /** Exported functions that train on the data they are given and that nothing calls, with stand-ins for it (execute mode). */
  readonly stepCalls?: readonly StepCall[];
  /** The linter's errors inside the file's custom training steps. */
  readonly stepCauses?: readonly Cause[];
  /** Models the file loads at run time, by their line, and whether the code trains them: why it has none to check. */
  readonly loadedModels?: OverfitRequest['loadedModels'];
  /** Models the files the file imports make, when it makes none: where to run the check instead. */
  readonly modelsElsewhere?: OverfitRequest['modelsElsewhere'];
}

/**
 * Request from the client: the models of a document, as the overfit check needs them, with the
 * static findings that may explain a failure of each.
 */
// Pure: a bundle that uses only the plain names of this file (the analysis) leaves the library out.
export const OVERFIT_TARGETS_REQUEST = /* @__PURE__ */ new RequestType<OverfitTargetsParams, OverfitTargetsResult, void>('tfjsDoctor/overfitTargets');

export interface LearningRateEditParams {
  /** The file the model is created in (a document open in the editor, or a file inside the workspace folders). */
  readonly uri: string;
  /** The 1-based line the model is created on. */
  readonly line: number;
  readonly learningRate: number;
}

/** A text edit in LSP's terms: 0-based lines and characters. */
export interface LearningRateTextEdit {
  readonly uri: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
  readonly newText: string;
}

/** The edits that set the model's learning rate and what they do, or why the rate cannot be placed. */
export type LearningRateEditResult = { readonly edits: readonly LearningRateTextEdit[]; readonly description: string } | { readonly reason: string };

/**
 * Request from the client: the edit that writes a learning rate into the optimizer of the model
 * created at a place (the overfit panel's "Use <rate>").
 */
export const LEARNING_RATE_EDIT_REQUEST = /* @__PURE__ */ new RequestType<LearningRateEditParams, LearningRateEditResult, void>('tfjsDoctor/learningRateEdit');

export interface TrainingFixParams {
  /** The fix of a doctor's finding; `at.file` is a file open in the editor or inside the workspace folders. */
  readonly fix: TrainingFix;
}

/**
 * The fix as an edit of the file's current text: a workspace edit that names the version of the
 * document it was computed for (the editor refuses it if the text has changed since), or why the fix
 * cannot be placed in the code as it is now.
 */
export type TrainingFixResult = { readonly kind: 'edit'; readonly title: string; readonly edit: WorkspaceEdit } | { readonly kind: 'unplaced'; readonly reason: string };

/** Request from the client: the code edit of a learning-curve doctor's fix, for the training panel's Fix button. */
export const TRAINING_FIX_REQUEST = /* @__PURE__ */ new RequestType<TrainingFixParams, TrainingFixResult, void>('tfjsDoctor/trainingFix');

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
