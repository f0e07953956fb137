/**
 * A file whose exported training functions nothing calls: a check that names no model goes through
 * one of them. The others may train the same model differently (another loss, a value read back in
 * one of them), so each is checked too, in a run of its own, and a failure of any one is the file's
 * verdict. Asked for one model or one function (a lens, `--model`), the check goes through that alone.
 */
import type { WorkerOutcome } from './runner';
import type { FunctionVerdict, ModelTarget, OverfitRequest, OverfitResult, StepCall } from './types';

/** How many more functions one check goes through; the others are named, for their lenses. */
export const MAX_OTHER_FUNCTIONS = 4;

/** Less time than this left of the check's limit, and no further function is checked. */
const MIN_RUN_MS = 3000;

/**
 * The functions a check that went as `result` says still has to go through: in execute mode every
 * other one when the check went through one (a script that trains by itself is checked as it runs);
 * in static mode only those whose step the build trains through (a loss it rebuilds for a model
 * the code never compiles, or for variables of the code's own) or knows to be cut off: the others
 * would train the model with a loss that is not theirs, as the first check did.
 */
export function otherFunctions(request: OverfitRequest, result: OverfitResult): StepCall[] {
  if (request.model !== undefined || request.at !== undefined) return [];
  const through = result.through;
  const others = (request.stepCalls ?? []).filter((call) => call.owner !== through?.name);
  if (result.mode === 'execute') return through ? others : [];
  return others.filter((call) => staticallyTrainedThrough(call, request.targets));
}

/**
 * Whether static mode trains through the function when asked for it: its step is known to be cut
 * off, or its loss is rebuilt for variables of the code's own or for a model the code never
 * compiles (a compiled model trains with its compile's loss, whatever function is asked for).
 */
export function staticallyTrainedThrough(call: StepCall, targets: readonly ModelTarget[]): boolean {
  if (call.detached !== undefined) return true;
  // A model trained before any compile: tfjs refuses the function's training, which the build says from the code.
  if (call.trains.length === 1 && targets[call.trains[0]!]?.cannotTrain?.why === 'not-compiled') return true;
  return call.loss !== undefined && (call.trains.length === 0 || (call.trains.length === 1 && targets[call.trains[0]!]?.spec?.compile.standIn === true));
}

/**
 * Runs the check, then through each other training function while none fails; the first failure is
 * the verdict. The runs share the check's time limit: `run` gets what is left of it.
 */
export async function checkTrainingFunctions(request: OverfitRequest, timeLimitMs: number, run: (request: OverfitRequest, timeLimitMs: number) => Promise<WorkerOutcome>): Promise<WorkerOutcome> {
  const started = Date.now();
  const first = await run(request, timeLimitMs);
  if (first.kind !== 'result' || first.result.verdict === 'fail') return first;
  const others = otherFunctions(request, first.result);
  if (others.length === 0) return first;
  const verdicts: FunctionVerdict[] = [];
  let failed: OverfitResult | undefined;
  let outOfTime = false;
  for (const call of others.slice(0, MAX_OTHER_FUNCTIONS)) {
    const left = timeLimitMs - (Date.now() - started);
    if (left < MIN_RUN_MS) {
      outOfTime = true;
      break;
    }
    const outcome = await run({ ...request, at: { file: request.file, line: call.line } }, left);
    if (outcome.kind === 'cancelled') return outcome;
    if (outcome.kind === 'failed') {
      verdicts.push({ name: call.owner, line: call.line, verdict: 'error', why: outcome.message });
      continue;
    }
    verdicts.push(verdictOf(call, outcome.result));
    if (outcome.result.verdict === 'fail') {
      failed = outcome.result;
      break;
    }
  }
  // The first check's model, trained with a loss of the check's own when it went through no function.
  const firstVerdict = verdictOf(first.result.through ? { owner: first.result.through.name, line: first.result.through.line } : { owner: first.result.model, line: first.result.line }, first.result);
  const unchecked = others.filter((call) => !verdicts.some((verdict) => verdict.name === call.owner));
  const shown = failed ?? first.result;
  const listed = failed ? [firstVerdict, ...verdicts.filter((verdict) => verdict.name !== failed!.through?.name)] : verdicts;
  const note = describeOthers(shown, listed, unchecked, outOfTime);
  return { kind: 'result', result: { ...shown, otherFunctions: listed, notes: [note, ...(shown.notes ?? [])] } };
}

function verdictOf(call: { readonly owner: string; readonly line: number | undefined }, result: OverfitResult): FunctionVerdict {
  const why = result.inconclusive?.message ?? (result.verdict === 'fail' ? result.causes.find((cause) => cause.severity === 'error')?.id : undefined);
  return { name: call.owner, ...(call.line !== undefined ? { line: call.line } : {}), verdict: result.verdict, ...(why ? { why } : {}) };
}

const VERDICT_WORDS: Record<FunctionVerdict['verdict'], string> = { pass: 'passes', fail: 'fails', inconclusive: 'is inconclusive', error: 'could not be checked' };

/** The note on the other functions: which were checked, what each gave, and which were left for their lenses. */
function describeOthers(shown: OverfitResult, listed: readonly FunctionVerdict[], unchecked: readonly StepCall[], outOfTime: boolean): string {
  const name = shown.through ? `${shown.through.name} (line ${shown.through.line})` : 'the model';
  const each = listed.map((verdict) => `${verdict.name}${verdict.line !== undefined ? ` (line ${verdict.line})` : ''} ${VERDICT_WORDS[verdict.verdict]}${verdict.verdict === 'error' && verdict.why ? ` (${verdict.why})` : ''}`);
  const why = shown.verdict === 'fail' ? 'after this failure' : outOfTime ? 'in the time limit' : 'to keep the check short';
  const rest = unchecked.length > 0 ? ` Not checked ${why}: ${unchecked.map((call) => `${call.owner} (line ${call.line})`).join(', ')}; run the check from ${unchecked.length > 1 ? 'their lenses' : 'its lens'}.` : '';
  const lead = shown.verdict === 'fail' && shown.through ? `The file has several training functions nothing calls, and the check went through them in turn; this result is ${name}'s, which fails.` : `The file has several training functions nothing calls; this result is ${name}'s.`;
  return `${lead}${each.length > 0 ? ` The others: ${each.join('; ')}.` : ''}${rest}`;
}
