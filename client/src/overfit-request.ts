/**
 * What "Run overfit check" asks of the worker, from the workspace's trust and the settings. It does
 * not import vscode, so that what an untrusted workspace can and cannot decide is tested in Node.
 */
import { projectFolders } from '../../overfit/src/runner';
import type { Cause, Mode, ModelLocation, ModelTarget, OverfitRequest, StepCall, TrainingStepPlace } from '../../overfit/src/types';

/** The settings under `tfjsDoctor.overfit` that shape a run. */
export const OVERFIT_SETTING_KEYS = ['mode', 'steps', 'batchSize', 'timeLimit', 'memoryLimit'] as const;
export type OverfitSettingKey = (typeof OVERFIT_SETTING_KEYS)[number];

/**
 * The settings an untrusted workspace cannot set: whether its code runs, and how long and how large
 * the check's process may get. package.json lists them as restricted configurations, so VS Code
 * ignores the workspace's values in `get()`; `resolveOverfitSettings` ignores them itself too,
 * because it reads every scope from `inspect()`, which does not.
 */
export const RESTRICTED_OVERFIT_SETTINGS: readonly OverfitSettingKey[] = OVERFIT_SETTING_KEYS;

/** A setting's value in each scope, as `WorkspaceConfiguration.inspect` returns it. */
export interface SettingScopes {
  readonly defaultValue?: unknown;
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

export type OverfitSettingScopes = Partial<Record<OverfitSettingKey, SettingScopes | undefined>>;

export interface OverfitSettings {
  /** Always static in an untrusted workspace. */
  readonly mode: Mode;
  /** Absent when no settings file sets it: the check then gives the model's optimizer the steps it needs. */
  readonly steps?: number;
  readonly batchSize: number;
  /** Seconds. */
  readonly timeLimit: number;
  /** Megabytes. */
  readonly memoryLimit: number;
}

type NumericKey = Exclude<OverfitSettingKey, 'mode'>;

/**
 * The manifest's defaults and bounds. VS Code does not hold settings files to a schema's minimum
 * and maximum, so a value outside them is brought inside here.
 */
export const OVERFIT_SETTING_BOUNDS: Readonly<Record<NumericKey, { readonly fallback: number; readonly minimum: number; readonly maximum?: number }>> = {
  steps: { fallback: 300, minimum: 10, maximum: 100_000 },
  batchSize: { fallback: 32, minimum: 1, maximum: 1024 },
  timeLimit: { fallback: 120, minimum: 5 },
  memoryLimit: { fallback: 4096, minimum: 256 },
};

/** The value of a setting for the file: the nearest scope that sets it, and never the workspace's when it is not trusted. */
export function settingValue(scopes: SettingScopes | undefined, trusted: boolean): unknown {
  if (!scopes) return undefined;
  if (!trusted) return scopes.globalValue ?? scopes.defaultValue;
  return scopes.workspaceFolderValue ?? scopes.workspaceValue ?? scopes.globalValue ?? scopes.defaultValue;
}

function boundedInteger(value: unknown, bounds: (typeof OVERFIT_SETTING_BOUNDS)[NumericKey]): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return bounds.fallback;
  return Math.min(Math.max(Math.floor(value), bounds.minimum), bounds.maximum ?? Number.MAX_SAFE_INTEGER);
}

export function resolveOverfitSettings(scopes: OverfitSettingScopes, trusted: boolean): OverfitSettings {
  const numeric = (key: NumericKey): number => boundedInteger(settingValue(scopes[key], trusted), OVERFIT_SETTING_BOUNDS[key]);
  return {
    // Execute mode runs the workspace's code, which only a trusted workspace may have run.
    mode: trusted && settingValue(scopes.mode, trusted) !== 'static' ? 'execute' : 'static',
    ...(settingValue({ ...scopes.steps, defaultValue: undefined }, trusted) !== undefined ? { steps: numeric('steps') } : {}),
    batchSize: numeric('batchSize'),
    timeLimit: numeric('timeLimit'),
    memoryLimit: numeric('memoryLimit'),
  };
}

export interface OverfitRequestInput {
  readonly file: string;
  readonly trusted: boolean;
  readonly settings: OverfitSettings;
  readonly targets: readonly ModelTarget[];
  readonly trainingSteps?: readonly TrainingStepPlace[];
  readonly stepCalls?: readonly StepCall[];
  readonly stepCauses?: readonly Cause[];
  readonly loadedModels?: OverfitRequest['loadedModels'];
  readonly modelsElsewhere?: OverfitRequest['modelsElsewhere'];
  /** The model the user picked, by name (a command's argument). */
  readonly model?: string;
  /** The model the user picked by its place (the code lens's): wins over the name. */
  readonly at?: ModelLocation;
  /** The editor's text of the file when it has unsaved changes. */
  readonly unsavedText?: string;
  /** The command-line arguments the settings give the script (`tfjsDoctor.scriptArguments`). */
  readonly scriptArguments?: readonly string[];
}

export function buildOverfitRequest(input: OverfitRequestInput): OverfitRequest {
  // Settings resolved for a trusted workspace must not run code after the trust is gone.
  const execute = input.trusted && input.settings.mode === 'execute';
  return {
    file: input.file,
    mode: execute ? 'execute' : 'static',
    targets: input.targets,
    ...(input.trainingSteps && input.trainingSteps.length > 0 ? { trainingSteps: input.trainingSteps } : {}),
    // What the analysis found: execute mode calls the functions with them, static mode only reports their findings.
    ...(input.stepCalls && input.stepCalls.length > 0 ? { stepCalls: input.stepCalls } : {}),
    ...(input.stepCauses && input.stepCauses.length > 0 ? { stepCauses: input.stepCauses } : {}),
    // Why a file has no model of its own to check: the message says where its models are.
    ...(input.loadedModels && input.loadedModels.length > 0 ? { loadedModels: input.loadedModels } : {}),
    ...(input.modelsElsewhere && input.modelsElsewhere.length > 0 ? { modelsElsewhere: input.modelsElsewhere } : {}),
    ...(input.settings.steps !== undefined ? { steps: input.settings.steps } : {}),
    batchSize: input.settings.batchSize,
    // A tfjs-node installed in the workspace is the workspace's code: loaded only where that runs.
    searchPaths: execute ? projectFolders(input.file) : [],
    ...(input.at !== undefined ? { at: input.at } : input.model !== undefined ? { model: input.model } : {}),
    ...(execute && input.unsavedText !== undefined ? { fileContents: input.unsavedText } : {}),
    ...(execute && input.scriptArguments && input.scriptArguments.length > 0 ? { scriptArguments: input.scriptArguments } : {}),
  };
}

/** Which model a "Run overfit check" command asks for: by name, or by place and name. */
export interface ModelChoice {
  readonly name?: string;
  readonly at?: ModelLocation;
}

/**
 * The model argument of the command: a name (typed, or from a key binding), or the lens's
 * `{ name, file, line }`. Anything else asks for no model in particular.
 */
export function readModelArgument(argument: unknown): ModelChoice {
  if (typeof argument === 'string') return argument.length > 0 ? { name: argument } : {};
  if (typeof argument !== 'object' || argument === null) return {};
  const { name, file, line } = argument as { name?: unknown; file?: unknown; line?: unknown };
  const named = typeof name === 'string' && name.length > 0 ? { name } : {};
  if (typeof file === 'string' && file.length > 0 && typeof line === 'number' && Number.isSafeInteger(line) && line >= 1) return { ...named, at: { file, line } };
  return named;
}
