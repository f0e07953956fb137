/** Messages between the overfit panel's webview and the extension that hosts it. */
import type { BackendName, Mode, OverfitResult } from '../overfit/src/types';

/** What the panel shows; the host keeps the latest and replays it when the panel is shown again. */
export interface PanelState {
  readonly status: 'running' | 'done' | 'failed' | 'cancelled';
  readonly title: string;
  /** Why the check runs as it does (restricted mode, ...). */
  readonly notice?: string;
  readonly started?: { readonly model: string; readonly backend: BackendName; readonly mode: Mode; readonly steps: number };
  readonly phase?: string;
  /** Losses of the main run so far, while it runs. */
  readonly losses: readonly number[];
  readonly result?: OverfitResult;
  readonly error?: string;
}

export type HostMessage = { readonly type: 'state'; readonly state: PanelState } | { readonly type: 'progress'; readonly phase: string; readonly step: number; readonly loss: number };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'rerun' }
  | { readonly type: 'cancel' }
  | { readonly type: 'goto'; readonly file: string; readonly line: number }
  | { readonly type: 'fix'; readonly file: string; readonly line: number; readonly ruleId: string };
