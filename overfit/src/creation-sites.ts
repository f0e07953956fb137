/**
 * Where the script creates its models. Execute mode hands the script a tf whose `sequential` and
 * `model` note the line of the code that called them (the worker runs with source maps, so stack
 * frames name the user's files), so that a model the script trains can be told apart from another
 * of the same name, and matched to the model the code lens stands above.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tf } from './tf';
import type { ModelLocation, ModelTarget } from './types';

export interface CreationSites {
  /** The tf to give the script. */
  readonly tf: Tf;
  /** Where the script created the model, when it was created by `tf.sequential` or `tf.model` from a file. */
  siteOf(model: object): ModelLocation | undefined;
}

/** A frame's file and line: `at f (/a/b.js:3:5)`, `at /a/b.js:3:5`, `at file:///a/b.js:3:5`. */
const FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?[^()]+?):(\d+):\d+\)?$/;

/** The place of the frame that called the function which took this stack (frame 0 is the function itself). */
export function callerSite(stack: string | undefined): ModelLocation | undefined {
  const frames = (stack ?? '').split('\n').filter((line) => /^\s*at /.test(line));
  const match = frames[1] !== undefined ? FRAME.exec(frames[1]) : null;
  if (!match) return undefined;
  const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
  if (!path.isAbsolute(file)) return undefined;
  return { file, line: Number(match[2]) };
}

export function trackCreationSites(tf: Tf): CreationSites {
  const sites = new WeakMap<object, ModelLocation>();
  const noted = <A extends unknown[], M>(create: (...args: A) => M) =>
    function (this: unknown, ...args: A): M {
      const model = create.apply(this, args);
      const site = callerSite(new Error().stack);
      if (site && typeof model === 'object' && model !== null) sites.set(model, site);
      return model;
    };
  // A copy of the namespace: the engine's own tf stays as it is.
  const scriptTf = { ...tf, sequential: noted(tf.sequential), model: noted(tf.model) } as Tf;
  return { tf: scriptTf, siteOf: (model) => sites.get(model) };
}

function realFile(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.normalize(file);
  }
}

/** Whether a model created at `site` is the target: in its file, on a line of its creation. */
export function createdAt(site: ModelLocation, target: ModelTarget): boolean {
  return site.line >= target.line && site.line <= (target.endLine ?? target.line) && realFile(site.file) === realFile(target.file);
}

/** The target a model created at `site` is, if any. */
export function targetCreatedAt(targets: readonly ModelTarget[], site: ModelLocation): ModelTarget | undefined {
  return targets.find((target) => createdAt(site, target));
}
