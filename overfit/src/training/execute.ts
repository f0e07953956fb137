/**
 * The watched run inside the worker: the user's script, bundled with tfjs swapped as execute mode
 * does (capture.ts), runs to its end with every training call watched (watch.ts), and each event is
 * sent as it happens. Writes go to the overlay, `process.exit` ends the script and not the worker.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedTf } from '../backend';
import { bundle, describeScriptError, exposeScriptTf, ScriptExit, temporaryFolders, whenIdle } from '../capture';
import { createdAt, trackCreationSites } from '../creation-sites';
import { seedMathRandom } from '../random';
import { missingArgumentsMessage, watchArguments } from '../script-problems';
import type { LayersModel } from '../tf';
import { OverfitError, type ModelTarget } from '../types';
import { overlayWrites, projectRoot } from '../write-overlay';
import type { TrainingRequest, TrainingWorkerMessage } from './protocol';
import type { CodePlace, TrainingRecord } from './types';
import { watchTraining } from './watch';

export interface WatchedRunOptions {
  readonly send: (message: TrainingWorkerMessage) => void;
  readonly loadEsbuild: () => typeof import('esbuild');
  /** An empty folder for the bundle and the overlay of the script's writes, removed by whoever made it. */
  readonly scratchDir: string;
}

interface ScriptEnd {
  readonly end: TrainingRecord['end'];
  readonly error?: string;
}

/** How an error that ended the script is recorded: `process.exit(0)` is a script that finished. */
function endOf(error: unknown): ScriptEnd {
  if (error instanceof ScriptExit) return error.code === 0 || error.code === undefined || error.code === null || error.code === '0' ? { end: 'finished' } : { end: 'threw', error: error.message };
  return { end: 'threw', error: describeScriptError(error) };
}

/** Runs the script to its end, sending its training as events; the last message says how it ended. */
export async function runWatched(loaded: LoadedTf, request: TrainingRequest, options: WatchedRunOptions): Promise<void> {
  const { tf } = loaded;
  const bundled = path.join(options.scratchDir, 'training-entry.mjs');
  try {
    fs.writeFileSync(bundled, await bundle(options.loadEsbuild(), request.file, bundled, request.fileContents));
  } catch (error) {
    options.send({ type: 'training-failed', message: error instanceof OverfitError ? error.message : `the file could not be bundled: ${describeScriptError(error)}` });
    return;
  }
  const bundledUrl = pathToFileURL(bundled).href;
  const sites = trackCreationSites(tf);
  const targets = (request.targets ?? []) as readonly ModelTarget[];
  const started = performance.now();
  const now = () => Math.round(performance.now() - started);
  /** Whether the script has made a training call: one that trains did not stop for want of arguments. */
  let trained = false;
  const watch = watchTraining(tf, sites.tf, {
    emit: (event) => {
      if (event.type === 'call-start') trained = true;
      options.send({ type: 'training-event', event });
    },
    now,
    creationSite: (model) => sites.siteOf(model),
    modelName: (model: LayersModel, site: CodePlace | undefined) => (site && targets.find((target) => createdAt(site, target))?.name) ?? model.name,
    isScriptFile: (name) => name === bundledUrl || name === bundled,
  });
  exposeScriptTf(watch.scriptTf);
  // Seeded only when asked: a run otherwise draws its weights and shuffles as the script would alone.
  if (request.seed !== undefined) seedMathRandom(request.seed);
  process.exit = ((exitCode?: number | string | null) => {
    throw new ScriptExit(exitCode);
  }) as typeof process.exit;
  // For the rest of this process's life: the script's async work may write until the run ends.
  overlayWrites(path.join(options.scratchDir, 'writes'), temporaryFolders(), projectRoot(request.file));

  // The script's command line: `node <file> <arguments>`, as it would run alone.
  const given = request.scriptArguments ?? [];
  const argumentWatch = watchArguments(request.file, given);

  let settle!: (end: ScriptEnd) => void;
  const ended = new Promise<ScriptEnd>((resolve) => {
    settle = resolve;
  });
  // Errors that escape the script (a rejection nothing handles, a throw in a callback) end it, as they would in Node.
  const onEscaped = (error: unknown) => settle(endOf(error));
  process.on('uncaughtException', onEscaped);
  process.on('unhandledRejection', onEscaped);
  options.send({ type: 'training-started', backend: loaded.backend, notes: loaded.notes });
  void import(bundledUrl).then(
    // The module's top level is done; its async work may go on training until nothing is left to do.
    () => whenIdle(ended).then(() => settle({ end: 'finished' })),
    onEscaped,
  );
  const ending = await ended;
  // A script that ended before any training after looking for arguments it was not given most likely
  // ended for want of them (a usage message and exit(0) included); one that trained got what it needed.
  const wantedArguments = !trained && ending.end !== 'stopped' && ending.end !== 'time-limit' && argumentWatch.readMissingArguments();
  const { end, error } = wantedArguments ? { ...ending, error: `${ending.error ?? 'the script ran to its end without training a model'}; ${missingArgumentsMessage(given.length)}` } : ending;
  watch.flush();
  options.send({ type: 'training-done', end, ...(error !== undefined ? { error } : {}), ms: now(), ...(wantedArguments ? { wantedArguments } : {}) });
}
