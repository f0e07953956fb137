/**
 * How the overfit panel words a run: its progress, the batch and its classes. Plain functions of
 * the data, shared by the panel's page and the tests.
 */

/** `1`, `2 and 3`, `1, 2 and 3`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The classes of a batch in a few words: each count when there are a few classes, else the range
 * of counts, and how many classes have no sample at all.
 */
export function classSummary(counts: readonly number[]): string {
  if (counts.length === 0) return '';
  if (counts.length === 1) return 'one class';
  const present = counts.filter((count) => count > 0);
  const empty = counts.length - present.length;
  const emptyNote = empty > 0 ? `, ${empty === counts.length ? 'all' : plural(empty, 'class', 'classes')} without samples` : '';
  if (counts.length <= 4) return `${counts.length} classes (${list(counts.map(String))} samples)`;
  const low = Math.min(...present);
  const high = Math.max(...present);
  const each = present.length === 0 ? '' : low === high ? `, ${plural(low, 'sample')} each` : `, ${low} to ${high} samples each`;
  return `${counts.length} classes${each}${emptyNote}`;
}

/** Where the batch came from, for the run's summary. */
export function batchSource(source: string): string {
  if (source === 'captured') return 'taken from the script';
  if (source === 'synthetic') return 'made up to fit the model';
  if (source === 'code') return 'written in the code';
  return source;
}

/** Elapsed time: `4 s`, `1 min 05 s`. */
export function elapsedText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * What the running check does, in words: the phase, and for training the step out of the budget
 * (`step` is 0-based, as the worker counts). Control runs retrain from the start with one thing
 * changed; their phase is the change.
 */
export function phaseText(phase: string | undefined, step?: number, budget?: number): string {
  switch (phase) {
    case undefined:
    case 'starting':
      return 'Starting';
    case 'capturing':
      return 'Running the script up to its first training call';
    case 'building':
      return 'Rebuilding the model from the code';
    case 'training':
      if (step === undefined) return 'Training';
      // The budget stretches while the loss still falls: past it, the step stands alone.
      return budget !== undefined && step + 1 <= budget ? `Training step ${step + 1}/${budget}` : `Training step ${step + 1}`;
    case 'learning-rate range test':
      return step === undefined ? 'Learning-rate range test' : `Learning-rate range test, step ${step + 1}/100`;
    default:
      return `Control run (${phase})${step !== undefined ? `, step ${step + 1}` : ''}`;
  }
}
