/**
 * What "Run training with tfjs-doctor" asks of the worker, from the workspace's trust and the
 * settings. It does not import vscode, so that what an untrusted workspace can and cannot do is
 * tested in Node.
 */
import { projectFolders } from '../../overfit/src/runner';
import type { ModelTarget } from '../../overfit/src/types';
import { settingValue, type SettingScopes } from './overfit-request';

/** The settings under `tfjsDoctor.training`. */
export const TRAINING_SETTING_KEYS = ['timeLimit', 'memoryLimit'] as const;
export type TrainingSettingKey = (typeof TRAINING_SETTING_KEYS)[number];
export type TrainingSettingScopes = Partial<Record<TrainingSettingKey, SettingScopes | undefined>>;

export interface TrainingSettings {
  /** Seconds. */
  readonly timeLimit: number;
  /** Megabytes. */
  readonly memoryLimit: number;
}

/** The manifest's defaults and bounds (settings files are not held to a schema's minimum). */
export const TRAINING_SETTING_BOUNDS: Readonly<Record<TrainingSettingKey, { readonly fallback: number; readonly minimum: number }>> = {
  timeLimit: { fallback: 600, minimum: 5 },
  memoryLimit: { fallback: 4096, minimum: 256 },
};

/** The settings for the file: a workspace's own values count only when it is trusted (package.json restricts them too). */
export function resolveTrainingSettings(scopes: TrainingSettingScopes, trusted: boolean): TrainingSettings {
  const bounded = (key: TrainingSettingKey): number => {
    const value = settingValue(scopes[key], trusted);
    const bounds = TRAINING_SETTING_BOUNDS[key];
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(Math.floor(value), bounds.minimum) : bounds.fallback;
  };
  return { timeLimit: bounded('timeLimit'), memoryLimit: bounded('memoryLimit') };
}

export interface TrainingRequestInput {
  readonly file: string;
  readonly trusted: boolean;
  /** The models of the file, as the language server finds them: the run names a model it trains after its variable. */
  readonly targets: readonly ModelTarget[];
  /** The editor's text of the file when it has unsaved changes. */
  readonly unsavedText?: string;
  /** The command-line arguments the settings give the script (`tfjsDoctor.scriptArguments`). */
  readonly scriptArguments?: readonly string[];
}

/** The run the worker is asked for: the script, its unsaved text, where its tfjs-node may be, the models by place. */
export interface TrainingRunRequest {
  readonly file: string;
  readonly fileContents?: string;
  readonly scriptArguments?: readonly string[];
  readonly searchPaths: readonly string[];
  readonly targets: readonly Pick<ModelTarget, 'name' | 'file' | 'line' | 'endLine'>[];
}

/**
 * The request for a training run, or the reason there is none: a training run runs the workspace's
 * code, which only a trusted workspace may have run.
 */
export function buildTrainingRequest(input: TrainingRequestInput): TrainingRunRequest | { readonly refused: string } {
  if (!input.trusted) return { refused: 'A training run runs the workspace\'s code: trust the workspace to run it (the overfit check still works in Restricted Mode, without running code).' };
  return {
    file: input.file,
    ...(input.unsavedText !== undefined ? { fileContents: input.unsavedText } : {}),
    ...(input.scriptArguments && input.scriptArguments.length > 0 ? { scriptArguments: input.scriptArguments } : {}),
    searchPaths: projectFolders(input.file),
    targets: input.targets.map((target) => ({ name: target.name, file: target.file, line: target.line, ...(target.endLine !== undefined ? { endLine: target.endLine } : {}) })),
  };
}
