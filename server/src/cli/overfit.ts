/** `tfjs-doctor overfit`: finds the file's models, runs the check in a child process, prints the verdict. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatOverfitText, type TextStyle } from '../../../overfit/src/format-text';
import { chooseTarget } from '../../../overfit/src/check';
import { parseLocation } from '../../../overfit/src/model-location';
import { projectFolders, runWorker } from '../../../overfit/src/runner';
import type { OverfitRequest, OverfitResult } from '../../../overfit/src/types';
import { rules } from '../../../rules/index';
import { LineMap } from '../analysis/positions';
import { Workspace } from '../analysis/workspace';
import { fileModels, staticCauses, withStaticCauses } from '../overfit-request';
import { saveCodeCache } from '../typescript-loader';
import type { OverfitOptions } from './args';

const ANSI: TextStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  red: (text) => `\u001b[31m${text}\u001b[39m`,
  yellow: (text) => `\u001b[33m${text}\u001b[39m`,
  green: (text) => `\u001b[32m${text}\u001b[39m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
};

/** Signals that stop the command line, and with it the check. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

export async function runOverfit(options: OverfitOptions, cwd: string, out: (text: string) => void, err: (text: string) => void, colour: boolean): Promise<number> {
  const file = path.resolve(cwd, options.file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    err(`tfjs-doctor: ${options.file} is not a file\n`);
    return 2;
  }
  const workspace = new Workspace({});
  const { targets, findings } = fileModels(workspace, file, rules, {});
  saveCodeCache();
  // `--model :12` or `--model lib/cnn.js:12` names the model by where it is created.
  const at = options.model !== undefined ? parseLocation(options.model, file, cwd) : undefined;
  const request: OverfitRequest = {
    file,
    mode: options.mode,
    targets,
    steps: options.steps,
    batchSize: options.batchSize,
    // Static mode runs none of the project's code, and that includes a tfjs-node installed in it.
    searchPaths: options.mode === 'execute' ? projectFolders(file) : [],
    ...(at ? { at } : options.model !== undefined ? { model: options.model } : {}),
    ...(options.backend ? { backend: options.backend } : {}),
  };
  const interactive = colour && options.format === 'text';
  // The check runs in a process group of its own, out of reach of the terminal's Ctrl+C: a signal to
  // the command line cancels it, which ends the check's process and everything the script started.
  const cancel = new AbortController();
  const onSignal = (): void => cancel.abort();
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  const outcome = await runWorker(request, {
    workerPath: path.join(__dirname, 'overfit-worker.js'),
    timeLimitMs: options.timeLimitSeconds * 1000,
    memoryLimitMb: options.memoryLimitMb,
    cwd: path.dirname(file),
    signal: cancel.signal,
    onMessage: (message) => {
      if (interactive && message.type === 'progress') err(`\r\u001b[2K${message.phase}: step ${message.step + 1}, loss ${message.loss.toPrecision(4)}`);
    },
  }).finally(() => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  });
  if (interactive) err('\r\u001b[2K');
  if (outcome.kind !== 'result') {
    err(outcome.kind === 'failed' ? `tfjs-doctor: the overfit check could not run: ${outcome.message}\n` : 'tfjs-doctor: the overfit check was cancelled\n');
    return 2;
  }
  const lineMaps = new Map<string, LineMap>();
  const lineOf = (span: { file: string; start: number }) => {
    let map = lineMaps.get(span.file);
    if (!map) lineMaps.set(span.file, (map = new LineMap(workspace.read(span.file) ?? '')));
    return map.position(span.start).line + 1;
  };
  const target = chooseTarget(targets, at ? undefined : options.model, at) ?? (targets.length === 1 ? targets[0] : undefined);
  const result: OverfitResult = withStaticCauses(outcome.result, staticCauses(target, findings, lineOf));
  if (options.format === 'json') out(`${JSON.stringify(result, null, 2)}\n`);
  else out(formatOverfitText(result, (name) => path.relative(cwd, name) || name, colour ? ANSI : undefined));
  return result.verdict === 'pass' ? 0 : 1;
}
