/**
 * The record of a watched run, built from the events the worker streams. The runner keeps one, so
 * that a run stopped or killed at its time limit still gives everything measured until then.
 */
import type { BackendName } from '../types';
import type { BatchRecord, CallEnd, EpochRecord, LayerSample, TrainingCall, TrainingEvent, TrainingRecord } from './types';

/** A training call while it is recorded: its lists grow as events arrive. */
interface LiveCall extends Omit<TrainingCall, 'epochs' | 'batches' | 'layerSamples' | 'end' | 'error'> {
  epochs: EpochRecord[];
  batches: BatchRecord[];
  layerSamples: LayerSample[];
  end: CallEnd;
  error?: string;
}

/**
 * The calls with one more event: a new call, or a record added to the call it names (in place: a
 * long run streams thousands of batches). Events of a call whose start was not seen cannot be
 * placed: they are left out.
 */
export function applyTrainingEvent(calls: TrainingCall[], event: TrainingEvent): void {
  if (event.type === 'call-start') {
    calls[event.call.index] = { ...event.call, epochs: [], batches: [], layerSamples: [], end: 'running' } satisfies LiveCall;
    return;
  }
  const call = calls[event.call] as LiveCall | undefined;
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

export class TrainingRecordBuilder {
  private readonly calls: TrainingCall[] = [];

  constructor(private readonly file: string) {}

  apply(event: TrainingEvent): void {
    applyTrainingEvent(this.calls, event);
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
    const calls: TrainingCall[] = this.calls.filter(Boolean).map(({ epochs, batches, layerSamples, end: ended, error: callError, ...start }) => {
      const running = ended === 'running';
      const loop = start.kind === 'trainOnBatch' || start.kind === 'custom';
      const callEnd = !running ? ended : loop && end === 'threw' ? 'finished' : end;
      const endError = running && callEnd === 'threw' ? error : callError;
      return {
        ...start,
        epochs: [...epochs],
        batches: [...batches],
        layerSamples: [...layerSamples],
        end: callEnd,
        ...(endError !== undefined ? { error: endError } : {}),
      };
    });
    return { file: this.file, backend, calls, ms, end, ...(error !== undefined ? { error } : {}) };
  }
}
