/**
 * Training calls that are one training in pieces: a loop that calls `fit` on the same model, at the
 * same place, again and again (`for (...) await model.fit(xs, ys, { epochs: 1 })`). Each call alone
 * is too short to read a curve from; joined, their epochs make the curve the user sees.
 */
import type { TrainingCall, TrainingFinding } from '../types';

/** A joined call: the calls it stands for, and the call the checks read. */
export interface JoinedCall {
  readonly call: TrainingCall;
  /** The indices of the calls joined, in order; one index when nothing was joined. */
  readonly parts: readonly number[];
}

function samePlace(a: TrainingCall, b: TrainingCall): boolean {
  return a.at !== undefined && b.at !== undefined && a.at.file === b.at.file && a.at.line === b.at.line;
}

function joinable(previous: TrainingCall, next: TrainingCall): boolean {
  return (
    (next.kind === 'fit' || next.kind === 'fitDataset') &&
    next.kind === previous.kind &&
    next.model === previous.model &&
    samePlace(previous, next) &&
    previous.end === 'finished' &&
    previous.epochs.length > 0 &&
    next.epochs.length > 0
  );
}

function join(parts: readonly TrainingCall[]): TrainingCall {
  const first = parts[0]!;
  const epochs: TrainingCall['epochs'][number][] = [];
  const batches: TrainingCall['batches'][number][] = [];
  const layerSamples: TrainingCall['layerSamples'][number][] = [];
  let stepOffset = 0;
  for (const part of parts) {
    const epochOffset = epochs.length;
    const renumber = new Map(part.epochs.map((record, i) => [record.epoch, epochOffset + i]));
    const epochOf = (epoch: number) => renumber.get(epoch) ?? epochOffset;
    part.epochs.forEach((record, i) => epochs.push({ ...record, epoch: epochOffset + i }));
    for (const record of part.batches) batches.push({ ...record, step: stepOffset + record.step, epoch: epochOf(record.epoch) });
    for (const sample of part.layerSamples) layerSamples.push({ ...sample, step: stepOffset + sample.step, epoch: epochOf(sample.epoch) });
    const lastStep = Math.max(-1, ...part.batches.map((record) => record.step), ...part.layerSamples.map((sample) => sample.step));
    stepOffset += lastStep + 1;
  }
  const last = parts[parts.length - 1]!;
  return {
    ...first,
    // The epochs of the whole loop, as far as it ran; the fit's own `epochs` is per call.
    config: { ...last.config, epochs: epochs.length },
    epochs,
    batches,
    layerSamples,
    end: last.end,
    ...(last.error !== undefined ? { error: last.error } : {}),
  };
}

/** The calls as the checks read them: runs of joinable calls become one. */
export function joinCalls(calls: readonly TrainingCall[]): JoinedCall[] {
  const joined: JoinedCall[] = [];
  let run: TrainingCall[] = [];
  const flush = () => {
    if (run.length === 1) joined.push({ call: run[0]!, parts: [run[0]!.index] });
    else if (run.length > 1) joined.push({ call: join(run), parts: run.map((call) => call.index) });
    run = [];
  };
  for (const call of calls) {
    if (run.length > 0 && !joinable(run[run.length - 1]!, call)) flush();
    run.push(call);
  }
  flush();
  return joined;
}

/**
 * A finding on a joined call, made right for the code: the loop, not the fit's `epochs`, decides how
 * long training runs, and callbacks such as early stopping start afresh with every call, so fixes
 * that edit those are dropped, and the message says the curve spans the loop's calls.
 */
export function forJoinedCall(finding: TrainingFinding, parts: readonly number[]): TrainingFinding {
  if (parts.length < 2) return finding;
  const { fix, ...rest } = finding;
  const keep = fix !== undefined && fix.kind !== 'set-epochs' && fix.kind !== 'add-early-stopping';
  return {
    ...rest,
    message: `${finding.message} (The curve joins the ${parts.length} calls that the loop makes at this fit, one after the other.)`,
    ...(keep ? { fix } : {}),
  };
}
