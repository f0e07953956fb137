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
   * The record as it stands. Calls still running take the end of the run: a loop of `trainOnBatch`
   * calls or a custom loop runs until the script ends, and a `fit` cut short by a stop, the time
   * limit or the script's failure ends with it.
   */
  build(end: TrainingRecord['end'], backend: BackendName, ms: number, error?: string): TrainingRecord {
    const calls: TrainingCall[] = this.calls.filter(Boolean).map((call) => {
      const running = call.end === 'running';
      const callError = running && end === 'threw' ? error : call.error;
      return {
        ...call.start,
        epochs: [...call.epochs],
        batches: [...call.batches],
        layerSamples: [...call.layerSamples],
        end: running ? end : call.end,
        ...(callError !== undefined ? { error: callError } : {}),
      };
    });
    return { file: this.file, backend, calls, ms, end, ...(error !== undefined ? { error } : {}) };
  }
}
