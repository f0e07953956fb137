/**
 * The record of a watched run, built from the events the worker streams. The runner keeps one, so
 * that a run stopped or killed at its time limit still gives everything measured until then.
 */
import type { BackendName } from '../types';
import type { BatchRecord, CallEnd, EpochRecord, LayerSample, TrainingCall, TrainingEvent, TrainingRecord } from './types';

interface CallState {
  readonly start: Extract<TrainingEvent, { type: 'call-start' }>['call'];
  readonly epochs: EpochRecord[];
  readonly batches: BatchRecord[];
  readonly layerSamples: LayerSample[];
  end: CallEnd;
  error?: string;
}

export class TrainingRecordBuilder {
  private readonly calls: CallState[] = [];

  constructor(private readonly file: string) {}

  apply(event: TrainingEvent): void {
    if (event.type === 'call-start') {
      this.calls[event.call.index] = { start: event.call, epochs: [], batches: [], layerSamples: [], end: 'running' };
      return;
    }
    const call = this.calls[event.call];
    // Events of a call whose start was not seen cannot be placed: they are left out.
    if (!call) return;
    switch (event.type) {
      case 'epoch':
        call.epochs.push(event.record);
        break;
      case 'batch':
        call.batches.push(event.record);
        break;
      case 'layers':
        call.layerSamples.push(event.sample);
        break;
      case 'call-end':
        call.end = event.end;
        if (event.error !== undefined) call.error = event.error;
        break;
    }
  }

  /** Whether any training call started. */
  get trained(): boolean {
    return this.calls.some(Boolean);
  }

  /**
   * The record as it stands. Calls still running end with the run: a `fit` or `fitDataset` cut short
   * by a stop, the time limit or the script's failure ends as the run did. A loop (`trainOnBatch`
   * calls, a custom loop) has no end of its own and runs until the script ends: it is stopped with
   * the run, and finished when the script finished or threw outside its steps (a step that throws
   * ends its loop with a `call-end` of its own).
   */
  build(end: TrainingRecord['end'], backend: BackendName, ms: number, error?: string): TrainingRecord {
    const calls: TrainingCall[] = this.calls.filter(Boolean).map((call) => {
      const running = call.end === 'running';
      const loop = call.start.kind === 'trainOnBatch' || call.start.kind === 'custom';
      const callEnd = !running ? call.end : loop && end === 'threw' ? 'finished' : end;
      const callError = running && callEnd === 'threw' ? error : call.error;
      return {
        ...call.start,
        epochs: [...call.epochs],
        batches: [...call.batches],
        layerSamples: [...call.layerSamples],
        end: callEnd,
        ...(callError !== undefined ? { error: callError } : {}),
      };
    });
    return { file: this.file, backend, calls, ms, end, ...(error !== undefined ? { error } : {}) };
  }
}
