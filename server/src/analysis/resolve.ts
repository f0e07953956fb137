import * as path from 'node:path';
import { SOURCE_EXTENSIONS } from './source';
import { isTfjsModuleUrl } from '../../../rules/core/tfjs-urls';

/** Packages whose exports are the TensorFlow.js API (layers, models, ops, training). */
const TFJS_PACKAGE = /^@tensorflow\/tfjs(-node|-node-gpu|-layers|-core)?$/;

/** Whether a module specifier names tfjs: one of its packages, or (in a browser) their URL on a CDN. */
export function isTfjsPackage(specifier: string): boolean {
  return TFJS_PACKAGE.test(specifier) || isTfjsModuleUrl(specifier);
}

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/**
 * Resolves a relative import the way bundlers and TypeScript do: the exact file, the file with a
 * source extension, a `.js` specifier naming a `.ts` file, or the folder's index file.
 */
export function resolveRelative(fromFile: string, specifier: string, exists: (file: string) => boolean): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates: string[] = [];
  const ext = path.extname(base);
  if (SOURCE_EXTENSIONS.includes(ext)) {
    candidates.push(base);
    const stem = base.slice(0, -ext.length);
    if (ext === '.js' || ext === '.jsx') candidates.push(`${stem}.ts`, `${stem}.tsx`);
    if (ext === '.mjs') candidates.push(`${stem}.mts`);
    if (ext === '.cjs') candidates.push(`${stem}.cts`);
  } else {
    for (const extension of SOURCE_EXTENSIONS) candidates.push(base + extension);
    for (const extension of SOURCE_EXTENSIONS) candidates.push(path.join(base, `index${extension}`));
  }
  return candidates.find(exists);
}

const TFJS_MENTION = /@tensorflow\/tfjs|\btf\s*\.\s*(?:sequential|model|layers|input|train|losses|tidy|loadLayersModel)\b/;
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"\n]*|\.{1,2})['"]/g;

/** Whether the text mentions TensorFlow.js (cheap: no parse). */
export function mentionsTfjs(text: string): boolean {
  return TFJS_MENTION.test(text);
}

/** The relative module specifiers a file imports or requires (cheap: no parse). */
export function relativeImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(RELATIVE_IMPORT)) found.push(match[1]!);
  return found;
}
