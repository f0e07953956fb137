/**
 * Messages between the training panel's webview and the extension that hosts it, and the record of
 * the calls the panel draws, built from the events of a watched run as they arrive.
 */
import type { TrainingCall, TrainingEvent, TrainingFinding, TrainingFix, TrainingRecord } from '../overfit/src/training/types';
import type { BackendName } from '../overfit/src/types';
import { readCodePlace, readTrainingFix } from './training-fix';

/** The calls with one more event: the panel builds its calls as the runner builds its record. */
export { applyTrainingEvent } from '../overfit/src/training/record';

/** What the panel shows; the host keeps the latest and replays it when the panel is shown again. */
export interface TrainingPanelState {
  readonly status: 'running' | 'done' | 'stopped' | 'failed';
  readonly title: string;
  /** The script that runs. */
  readonly file: string;
  /** When the run started, in the host's clock (ms since the epoch). */
  readonly startedAt: number;
  readonly backend?: BackendName;
  /** How the run was set up (the backend it fell back to, ...). */
  readonly notes?: readonly string[];
  /** The training calls so far, in the order the script made them. */
  readonly calls: readonly TrainingCall[];
  /** After the run: how the script ended and its wall time, ms. */
  readonly end?: TrainingRecord['end'];
  readonly ms?: number;
  /** The learning-curve doctor's findings, once the run is over (also after a stop: on what was measured). */
  readonly findings?: readonly TrainingFinding[];
  /** Why the run could not happen, or how the script failed. */
  readonly error?: string;
  /** The script stopped for want of command-line arguments: the panel offers to set them. */
  readonly wantsArguments?: boolean;
}

/**
 * `now` is the host's clock when the state was sent: the page measures the elapsed time against it.
 * `events` come in batches, several a second at most, while the run goes.
 */
export type TrainingHostMessage =
  | { readonly type: 'state'; readonly state: TrainingPanelState; readonly now: number }
  | { readonly type: 'events'; readonly events: readonly TrainingEvent[] };

export type TrainingWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'rerun' }
  | { readonly type: 'stop' }
  | { readonly type: 'goto'; readonly file: string; readonly line: number }
  | { readonly type: 'fix'; readonly fix: TrainingFix }
  /** Asks for the script's command-line arguments, then runs it again with them. */
  | { readonly type: 'set-arguments' };

/**
 * A message from the training panel's webview, checked: the host opens files and edits code on its
 * behalf, so it acts on nothing it did not expect. Undefined for anything else.
 */
export function readTrainingWebviewMessage(value: unknown): TrainingWebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'rerun':
    case 'stop':
    case 'set-arguments':
      return { type: value.type };
    case 'goto': {
      const place = readCodePlace(value);
      return place ? { type: 'goto', ...place } : undefined;
    }
    case 'fix': {
      const fix = readTrainingFix('fix' in value ? value.fix : undefined);
      return fix ? { type: 'fix', fix } : undefined;
    }
    default:
      return undefined;
  }
}

/** The label of a fix's button: what it will change in the code. */
export function trainingFixLabel(fix: TrainingFix): string {
  switch (fix.kind) {
    case 'set-epochs':
      return `Set epochs to ${fix.epochs}`;
    case 'add-early-stopping':
      return `Add early stopping on ${fix.monitor} (patience ${fix.patience})`;
    case 'shuffle-before-split':
      return 'Shuffle the data before the validation split';
    case 'set-learning-rate':
      return `Set the learning rate to ${fix.learningRate}`;
  }
}

/** The names of a call's per-epoch series, loss curves first (`loss`, `val_loss`), then the metrics in the order tfjs logs them. */
export function epochSeries(call: TrainingCall): { readonly losses: readonly string[]; readonly metrics: readonly string[] } {
  const names: string[] = [];
  for (const epoch of call.epochs) for (const name of Object.keys(epoch.logs)) if (!names.includes(name)) names.push(name);
  const losses = ['loss', 'val_loss'].filter((name) => names.includes(name));
  return { losses, metrics: names.filter((name) => !losses.includes(name)) };
}
