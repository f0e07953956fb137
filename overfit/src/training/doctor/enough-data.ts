/**
 * How much of a run the doctor needs before its silence means something. Below this, only a NaN or
 * infinite loss can be concluded; the plateau, trend, overfitting and validation checks all need at
 * least this many epochs (or, for the plateau, this many batch losses), as each check's page says.
 */
import type { TrainingRecord } from '../types';

/** The fewest epochs any check of the curve's shape reads (the plateau's window of 5). */
export const JUDGED_EPOCHS = 5;
/** Or the fewest batch losses (the plateau's window of steps). */
export const JUDGED_STEPS = 50;

/** Whether no call of the run went on long enough for the checks of the curves' shape. */
export function tooShortToJudge(record: Pick<TrainingRecord, 'calls'>): boolean {
  return record.calls.every((call) => call.epochs.length < JUDGED_EPOCHS && call.batches.length < JUDGED_STEPS);
}

/** What the doctor's silence means for a run too short to judge, in one sentence. */
export function tooShortSentence(record: Pick<TrainingRecord, 'calls'>): string {
  const epochs = Math.max(0, ...record.calls.map((call) => call.epochs.length));
  return `Too short to judge the learning curves: ${epochs === 1 ? 'one epoch was' : `${epochs} epochs were`} recorded, and their shape needs at least ${JUDGED_EPOCHS} (or ${JUDGED_STEPS} batches); only a NaN or infinite loss would have shown.`;
}
