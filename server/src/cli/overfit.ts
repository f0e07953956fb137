/** `tfjs-doctor overfit`: finds the file's models, runs the check in a child process, prints the verdict. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatOverfitText, type TextStyle } from '../../../overfit/src/format-text';
import { chooseTarget } from '../../../overfit/src/check';
import { withCodeCauses } from '../../../overfit/src/diagnose';
import { parseLocation } from '../../../overfit/src/model-location';
import { projectFolders, runWorker } from '../../../overfit/src/runner';
import { checkTrainingFunctions } from '../../../overfit/src/training-functions';
import type { ModelTarget, OverfitRequest, OverfitResult } from '../../../overfit/src/types';
import { notCheckableReason } from '../analysis/source';
import { rules } from '../../../rules/index';
import { collectSourceFiles, pagesAbove, Workspace } from '../analysis/workspace';
import { fileModels } from '../overfit-request';
import { saveCodeCache } from '../typescript-loader';
import type { OverfitOptions } from './args';
import { untilStopped } from './stop-signals';

const ANSI: TextStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  red: (text) => `\u001b[31m${text}\u001b[39m`,
  yellow: (text) => `\u001b[33m${text}\u001b[39m`,
  green: (text) => `\u001b[32m${text}\u001b[39m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
};

/** The nearest folder above the file with a package.json, else the file's own folder. */
function projectRoot(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.dirname(file);
  }
}


/**
 * Exit codes of `tfjs-doctor overfit`, after lint's: 0 and 1 are the answer, 2 means no answer (a
 * usage error, a file or model that is not there, a check that could not run).
 */
export const OVERFIT_EXIT = { pass: 0, fail: 1, error: 2, inconclusive: 3 } as const;

/**
 * Says why the check gives no verdict: one line on stderr, and with `--format json` an object on
 * stdout too, so that a program reading it always gets one.
 */
export function reportOverfitError(message: string, format: 'text' | 'json', out: (text: string) => void, err: (text: string) => void): number {
  err(`tfjs-doctor: ${message}\n`);
  if (format === 'json') out(`${JSON.stringify({ verdict: 'error', error: message }, null, 2)}\n`);
  return OVERFIT_EXIT.error;
}

/** Why `--model` names no model of the file, if it does not. */
function unknownModel(wanted: string, targets: readonly ModelTarget[], text: string): string | undefined {
  const listing = targets.length > 0 ? ` (models: ${targets.map((target, index) => `${index + 1} ${target.name} at line ${target.line}`).join(', ')})` : '';
  if (/^\d+$/.test(wanted)) {
    const index = Number(wanted);
    return index >= 1 && index <= targets.length ? undefined : `--model ${wanted}: the file has ${targets.length === 1 ? 'one model' : `${targets.length} models`}${listing}`;
  }
  if (targets.some((target) => target.name === wanted)) return undefined;
  // An export the analysis does not see as a model may still return one when run: only a name the
  // file does not hold at all is surely wrong.
  const escaped = wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$])${escaped}($|[^\\w$])`).test(text) ? undefined : `the file has no model named ${wanted}${listing}`;
}

export async function runOverfit(options: OverfitOptions, cwd: string, out: (text: string) => void, err: (text: string) => void, colour: boolean): Promise<number> {
  const file = path.resolve(cwd, options.file);
  const error = (message: string) => reportOverfitError(message, options.format, out, err);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return error(`${options.file} is not a file`);
  const notCheckable = notCheckableReason(file, options.file);
  if (notCheckable !== undefined) return error(notCheckable);
  const workspace = new Workspace({});
  // The project's files, so that the files importing this one are known: their calls give its factories their arguments.
  workspace.addKnownFiles(collectSourceFiles(projectRoot(file)));
  // The pages a script may run in, up to the folder the command runs in (`overfit js/app.js` beside index.html).
  workspace.addKnownFiles(pagesAbove(file, cwd));
  workspace.indexPending();
  const { targets, trainingSteps, stepCalls, stepCauses, loadedModels, modelsElsewhere } = fileModels(workspace, file, rules, {});
  saveCodeCache();
  // `--model :12` or `--model lib/cnn.js:12` names the model by where it is created.
  const at = options.model !== undefined ? parseLocation(options.model, file, cwd) : undefined;
  const unknown = options.model === undefined || at ? undefined : unknownModel(options.model, targets, workspace.read(file) ?? '');
  if (unknown) return error(unknown);
  const request: OverfitRequest = {
    file,
    mode: options.mode,
    ...(options.scriptArguments.length > 0 ? { scriptArguments: options.scriptArguments } : {}),
    targets,
    ...(trainingSteps.length > 0 ? { trainingSteps } : {}),
    ...(loadedModels.length > 0 ? { loadedModels } : {}),
    ...(modelsElsewhere.length > 0 ? { modelsElsewhere } : {}),
    ...(stepCalls.length > 0 ? { stepCalls } : {}),
    ...(stepCauses.length > 0 ? { stepCauses } : {}),
    ...(options.steps !== undefined ? { steps: options.steps } : {}),
    batchSize: options.batchSize,
    seed: options.seed,
    ...(options.lrRange ? { lrRange: true } : {}),
    // Static mode runs none of the project's code, and that includes a tfjs-node installed in it.
    searchPaths: options.mode === 'execute' ? projectFolders(file) : [],
    ...(at ? { at } : options.model !== undefined ? { model: options.model } : {}),
    ...(options.backend ? { backend: options.backend } : {}),
  };
  const interactive = colour && options.format === 'text';
  // A signal to the command line cancels the check, which ends its process and everything the script started.
  const outcome = await untilStopped((signal) => checkTrainingFunctions(request, options.timeLimitSeconds * 1000, (each, timeLimitMs) => runWorker(each, {
    workerPath: path.join(__dirname, 'overfit-worker.js'),
    timeLimitMs,
    memoryLimitMb: options.memoryLimitMb,
    cwd: path.dirname(file),
    signal,
    onMessage: (message) => {
      if (interactive && message.type === 'progress') err(`\r\u001b[2K${message.phase}: step ${message.step + 1}, loss ${message.loss.toPrecision(4)}`);
    },
  })));
  if (interactive) err('\r\u001b[2K');
  if (outcome.kind !== 'result') return error(outcome.kind === 'failed' ? `the overfit check could not run: ${outcome.message}` : 'the overfit check was cancelled');
  // The findings of the model that was checked: the result says where it was created.
  const checked = outcome.result.file !== undefined && outcome.result.line !== undefined ? { file: outcome.result.file, line: outcome.result.line } : at;
  const target = (checked ? chooseTarget(targets, undefined, checked) : chooseTarget(targets, options.model, undefined)) ?? (targets.length === 1 ? targets[0] : undefined);
  const result: OverfitResult = withCodeCauses(outcome.result, target?.codeCauses ?? []);
  if (options.format === 'json') out(`${JSON.stringify(result, null, 2)}\n`);
  else out(formatOverfitText(result, (name) => path.relative(cwd, name) || name, colour ? ANSI : undefined));
  return OVERFIT_EXIT[result.verdict];
}
