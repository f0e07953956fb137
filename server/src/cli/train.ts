/**
 * `tfjs-doctor train`: runs the file's training to its end in the check's worker process, watching
 * every training call, then prints the record and what the learning-curve doctor finds in it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectFolders } from '../../../overfit/src/runner';
import { diagnoseTraining } from '../../../overfit/src/training/doctor/index';
import { formatTrainingText } from '../../../overfit/src/training/format-text';
import type { TrainingRequest } from '../../../overfit/src/training/protocol';
import { runTraining } from '../../../overfit/src/training/run';
import type { TrainingCall, TrainingEvent, TrainingFinding, TrainingRecord } from '../../../overfit/src/training/types';
import type { TextStyle } from '../../../overfit/src/format-text';
import { notScriptReason } from '../analysis/source';
import { collectSourceFiles, Workspace } from '../analysis/workspace';
import { fileModels } from '../overfit-request';
import { saveCodeCache } from '../typescript-loader';
import type { TrainOptions } from './args';
import { untilStopped } from './stop-signals';

const ANSI: TextStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  red: (text) => `\u001b[31m${text}\u001b[39m`,
  yellow: (text) => `\u001b[33m${text}\u001b[39m`,
  green: (text) => `\u001b[32m${text}\u001b[39m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
};


/** Exit codes of `tfjs-doctor train`, after lint's: 0 and 1 are the answer, 2 means the run could not happen. */
export const TRAIN_EXIT = { healthy: 0, problem: 1, error: 2 } as const;

/** The JSON `tfjs-doctor train --format json` prints. */
export interface TrainJson {
  readonly record: TrainingRecord | null;
  readonly findings: readonly TrainingFinding[];
  /** Why the run could not happen, or says nothing about training. */
  readonly error?: string;
}

/** Says why the run could not happen: one line on stderr, and with `--format json` an object on stdout too. */
export function reportTrainError(message: string, format: 'text' | 'json', out: (text: string) => void, err: (text: string) => void, record?: TrainingRecord): number {
  err(`tfjs-doctor: ${message}\n`);
  if (format === 'json') out(`${JSON.stringify({ record: record ?? null, findings: [], error: message } satisfies TrainJson, null, 2)}\n`);
  return TRAIN_EXIT.error;
}

/** The nearest folder above the file with a package.json, else the file's own folder. */
function projectRoot(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.dirname(file);
  }
}

/** The models the analysis finds in the file, to name the models the run trains after their variables. */
function modelTargets(file: string): TrainingRequest['targets'] {
  try {
    const workspace = new Workspace({});
    workspace.addKnownFiles(collectSourceFiles(projectRoot(file)));
    workspace.indexPending();
    const { targets } = fileModels(workspace, file, {}, {});
    saveCodeCache();
    return targets.map(({ name, file: where, line, endLine }) => ({ name, file: where, line, ...(endLine !== undefined ? { endLine } : {}) }));
  } catch {
    // Names are a nicety: the run names models by their tfjs names without them.
    return [];
  }
}

/** How often the live progress line changes at most, ms. */
const PROGRESS_MS = 100;

/** A line of live progress for a terminal: each epoch's logs as it ends, and the batch losses between. */
function progressLine(calls: ReadonlyMap<number, TrainingCall['kind']>, event: TrainingEvent): string | undefined {
  if (event.type === 'call-start') return undefined;
  const what = `${event.call + 1}. ${calls.get(event.call) ?? 'training'}`;
  if (event.type === 'batch') return `${what}: epoch ${event.record.epoch + 1}, step ${event.record.step + 1}, loss ${Number(event.record.loss.toPrecision(4))}`;
  if (event.type !== 'epoch') return undefined;
  const values = Object.entries(event.record.logs)
    .slice(0, 4)
    .map(([name, value]) => `${name} ${Number(value.toPrecision(4))}`)
    .join(', ');
  return `${what}: epoch ${event.record.epoch + 1}${values ? `, ${values}` : ''}`;
}

export async function runTrain(options: TrainOptions, cwd: string, out: (text: string) => void, err: (text: string) => void, colour: boolean): Promise<number> {
  const file = path.resolve(cwd, options.file);
  const error = (message: string, record?: TrainingRecord) => reportTrainError(message, options.format, out, err, record);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return error(`${options.file} is not a file`);
  const notScript = notScriptReason(file, options.file);
  if (notScript !== undefined) return error(notScript);
  const request: TrainingRequest = {
    file,
    searchPaths: projectFolders(file),
    targets: modelTargets(file),
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.scriptArguments.length > 0 ? { scriptArguments: options.scriptArguments } : {}),
  };
  const interactive = colour && options.format === 'text';
  // A signal to the command line stops the run, and the record keeps what it measured.
  const kinds = new Map<number, TrainingCall['kind']>();
  let shownAt = 0;
  const outcome = await untilStopped((signal) => runTraining(request, {
    workerPath: path.join(__dirname, 'overfit-worker.js'),
    timeLimitMs: options.timeLimitSeconds * 1000,
    memoryLimitMb: options.memoryLimitMb,
    cwd: path.dirname(file),
    signal,
    onEvent: (event) => {
      if (event.type === 'call-start') kinds.set(event.call.index, event.call.kind);
      const line = interactive ? progressLine(kinds, event) : undefined;
      // Batches come fast: the line follows them a few times a second, and every epoch's end.
      if (!line || (event.type === 'batch' && performance.now() - shownAt < PROGRESS_MS)) return;
      shownAt = performance.now();
      err(`\r\u001b[2K${line}`);
    },
  }));
  if (interactive) err('\r\u001b[2K');
  if (outcome.kind === 'failed') return error(`the training run could not happen: ${outcome.message}`);
  const { record } = outcome;
  if (outcome.wantedArguments) err('tfjs-doctor: give the script its arguments after --: tfjs-doctor train <file> -- <arguments>\n');
  if (record.calls.length === 0) {
    const why = record.end === 'finished' ? 'the script ran to its end without training a model' : record.end === 'threw' ? `the script threw before training a model: ${record.error ?? ''}` : `the script was ${record.end === 'stopped' ? 'stopped' : 'stopped at the time limit'} before training a model`;
    return error(why, record);
  }
  let findings: TrainingFinding[];
  try {
    findings = diagnoseTraining(record);
  } catch (failure) {
    // The record is still worth having: it goes out with the reason there are no findings.
    return error(`the learning-curve doctor failed on this run: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`, record);
  }
  if (options.format === 'json') out(`${JSON.stringify({ record, findings } satisfies TrainJson, null, 2)}\n`);
  else out(formatTrainingText(record, findings, (name) => path.relative(cwd, name) || name, colour ? ANSI : undefined, outcome.notes));
  return trainExitCode(record, findings);
}

/**
 * The exit code of a run that trained: 1 when the doctor finds an error-level problem or the script
 * threw while training (a nightly job should fail on either), else 0. A run stopped or cut at its
 * time limit is judged on what it measured.
 */
export function trainExitCode(record: TrainingRecord, findings: readonly TrainingFinding[]): number {
  return record.end === 'threw' || findings.some((finding) => finding.severity === 'error') ? TRAIN_EXIT.problem : TRAIN_EXIT.healthy;
}
