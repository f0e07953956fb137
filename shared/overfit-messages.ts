/** Messages between the overfit panel's webview and the extension that hosts it. */
import type { BackendName, Mode, OverfitResult } from '../overfit/src/types';
import type { FailureReport } from './overfit-failure';

/** What the panel shows; the host keeps the latest and replays it when the panel is shown again. */
export interface PanelState {
  readonly status: 'running' | 'done' | 'failed' | 'cancelled';
  readonly title: string;
  /** Why the check runs as it does (restricted mode, ...). */
  readonly notice?: string;
  readonly started?: { readonly model: string; readonly backend: BackendName; readonly mode: Mode; readonly steps: number };
  /**
   * What the running check does now: `starting`, `capturing` (running the script up to its first
   * training call), `building` (the model from the code), `training`, or a control run's name.
   */
  readonly phase?: string;
  /** When the run started, in the host's clock (ms since the epoch). */
  readonly startedAt?: number;
  /** Losses of the main run so far, while it runs. */
  readonly losses: readonly number[];
  readonly result?: OverfitResult;
  readonly error?: string;
  /** The error as the panel says it: headline, reason, next step. */
  readonly failure?: FailureReport;
}

/** `now` is the host's clock when the state was sent: the page measures the elapsed time against it. */
export type HostMessage = { readonly type: 'state'; readonly state: PanelState; readonly now: number } | { readonly type: 'progress'; readonly phase: string; readonly step: number; readonly loss: number };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'rerun' }
  | { readonly type: 'cancel' }
  | { readonly type: 'goto'; readonly file: string; readonly line: number }
  | { readonly type: 'fix'; readonly file: string; readonly line: number; readonly ruleId: string }
  /** Runs the check again with the learning-rate range test. */
  | { readonly type: 'find-rate' }
  /** Writes the range test's proposed rate into the optimizer in the code. */
  | { readonly type: 'use-rate'; readonly learningRate: number }
  /** Asks for the command-line arguments of the checked script, then runs the check again with them. */
  | { readonly type: 'set-arguments' };

/** The highest rate the range test tries: a proposal is never above it. */
const HIGHEST_RATE = 10;

/**
 * A message from the webview, checked: the host opens files and edits code on its behalf, so it
 * acts on nothing it did not expect. Undefined for anything else.
 */
export function readWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'rerun':
    case 'cancel':
    case 'find-rate':
    case 'set-arguments':
      return { type: value.type };
    case 'use-rate': {
      const rate = 'learningRate' in value ? value.learningRate : undefined;
      return typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && rate <= HIGHEST_RATE ? { type: 'use-rate', learningRate: rate } : undefined;
    }
    case 'goto':
    case 'fix': {
      const file = 'file' in value && typeof value.file === 'string' && value.file.length > 0 ? value.file : undefined;
      const line = 'line' in value && Number.isSafeInteger(value.line) && Number(value.line) >= 1 ? Number(value.line) : undefined;
      if (file === undefined || line === undefined) return undefined;
      if (value.type === 'goto') return { type: 'goto', file, line };
      const ruleId = 'ruleId' in value && typeof value.ruleId === 'string' && /^[a-z0-9-]+$/.test(value.ruleId) ? value.ruleId : undefined;
      return ruleId === undefined ? undefined : { type: 'fix', file, line, ruleId };
    }
    default:
      return undefined;
  }
}
