/**
 * Why a script could not run here when nothing is wrong with its model: the server it downloads
 * its data from cannot be reached, a data file is missing, it needs command-line arguments. Such a
 * failure says nothing about the model, so the check says what it was in one plain sentence and
 * falls back to the static build.
 */
import * as path from 'node:path';
import { OverfitError } from './types';

export type ScriptProblemKind = 'network' | 'missing-file' | 'missing-package' | 'arguments' | 'browser';

export interface ScriptProblem {
  readonly kind: ScriptProblemKind;
  /** One sentence, without a final period: "the script reads data.csv, which does not exist". */
  readonly message: string;
}

/** A failure of the script's surroundings rather than of its code. */
export class ScriptEnvironmentError extends OverfitError {
  constructor(
    readonly problem: ScriptProblem,
    /** The script's own error, for the details. */
    readonly scriptError: string,
  ) {
    super(problem.message);
  }
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'CERT_HAS_EXPIRED', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT']);

interface ErrorFields {
  readonly code?: unknown;
  readonly hostname?: unknown;
  readonly host?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly path?: unknown;
  readonly syscall?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

/** The error and the errors it wraps (`cause`, an AggregateError's `errors`), outermost first. */
function errorChain(error: unknown): ErrorFields[] {
  const chain: ErrorFields[] = [];
  const visit = (value: unknown, depth: number) => {
    if (value === null || typeof value !== 'object' || depth > 5 || chain.includes(value as ErrorFields)) return;
    chain.push(value as ErrorFields);
    const fields = value as ErrorFields;
    visit(fields.cause, depth + 1);
    if (Array.isArray(fields.errors)) for (const each of fields.errors) visit(each, depth + 1);
  };
  visit(error, 0);
  if (chain.length === 0 && typeof error === 'string') chain.push({ message: error });
  return chain;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The server a network error names, if it names one. */
function hostOf(chain: readonly ErrorFields[]): string | undefined {
  for (const fields of chain) {
    const host = text(fields.hostname) ?? text(fields.host);
    if (host) return host;
    const address = text(fields.address);
    if (address) return typeof fields.port === 'number' ? `${address}:${fields.port}` : address;
  }
  for (const fields of chain) {
    const message = text(fields.message) ?? '';
    const named = /\b(?:getaddrinfo|connect|read|write)\s+[A-Z_]+\s+(\S+)/.exec(message) ?? /\b(?:https?|wss?):\/\/([^/\s'"`]+)/.exec(message);
    if (named) return named[1]!;
  }
  return undefined;
}

function isNetworkFailure(chain: readonly ErrorFields[]): boolean {
  return chain.some((fields) => {
    const code = text(fields.code);
    const message = text(fields.message) ?? '';
    return (code !== undefined && NETWORK_CODES.has(code)) || /\bfetch failed\b|\bFailed to fetch\b|\b(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.test(message);
  });
}

/** The module a require the bundle could not resolve names, when that require was reached. */
function missingModule(chain: readonly ErrorFields[]): string | undefined {
  for (const fields of chain) {
    const specifier = (fields as { requireSpecifier?: unknown }).requireSpecifier;
    if (text(fields.code) === 'MODULE_NOT_FOUND' && typeof specifier === 'string') return specifier;
  }
  return undefined;
}

/**
 * The installed package whose compiled addon (a `.node` file) Node could not find: one installed
 * without running its install script, which builds or downloads that file.
 */
function unbuiltNativePackage(chain: readonly ErrorFields[]): string | undefined {
  for (const fields of chain) {
    const message = text(fields.message) ?? '';
    if (text(fields.code) !== 'MODULE_NOT_FOUND' || !/^Cannot find module '[^']*\.node'/.test(message)) continue;
    const stack = /Require stack:\n- ([^\n]+)/.exec(message)?.[1] ?? '';
    // The package the requiring file is in: the part after the last node_modules folder.
    const parts = stack.split(/[\\/]node_modules[\\/]/);
    if (parts.length < 2) continue;
    const segments = parts.at(-1)!.split(/[\\/]/);
    return segments[0]!.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0]!;
  }
  return undefined;
}

/** The missing file a "no such file" error names, if it is one. */
function missingFile(chain: readonly ErrorFields[]): string | undefined {
  for (const fields of chain) {
    if (text(fields.code) === 'ENOENT' && text(fields.path)) return fields.path as string;
    const named = /\bENOENT\b[^']*'([^']+)'/.exec(text(fields.message) ?? '');
    if (named) return named[1]!;
  }
  return undefined;
}

export interface ScriptFailureContext {
  /** The folder the script runs in: paths inside it are shown relative to it. */
  readonly folder: string;
  /** Whether the script looked for command-line arguments it was not given. */
  readonly readMissingArguments: boolean;
  /** How many arguments the script was given (`-- <arguments>`). */
  readonly givenArguments?: number;
  /** Where in the script the failure happened (`train.js:12`), when that is known. */
  readonly place?: string;
  /** Whether the package a specifier names is installed where the script looks for it. */
  readonly installed?: (specifier: string) => boolean;
}

/** Globals of a web page that Node does not have: a script that reads one is written for a browser. */
const BROWSER_GLOBAL = /^(document|window|navigator|location|localStorage|sessionStorage|requestAnimationFrame|cancelAnimationFrame|alert|HTMLElement|HTMLCanvasElement|HTMLImageElement|HTMLVideoElement|Image|ImageData|FileReader|self|tfvis)\b is not defined$/;

/** The scheme of the address of a module a browser page imports (`https:`), when Node refused to load one. */
function urlImport(chain: readonly ErrorFields[]): string | undefined {
  for (const fields of chain) {
    const scheme = /Received protocol '([a-z]+:)'/.exec(text(fields.message) ?? '');
    if (fields.code === 'ERR_UNSUPPORTED_ESM_URL_SCHEME' || scheme) return scheme?.[1] ?? 'https:';
  }
  return undefined;
}

/** The browser global a ReferenceError names, if it names one. */
function browserGlobal(chain: readonly ErrorFields[]): string | undefined {
  for (const fields of chain) {
    const named = BROWSER_GLOBAL.exec(text(fields.message) ?? '');
    if (named) return named[1]!;
  }
  return undefined;
}

/**
 * Why the check runs no code of a file, when it is an HTML page: its inline scripts run in a
 * browser, so the check rebuilds the page's models from its code. Undefined for a script file.
 */
export function pageReason(file: string): string | undefined {
  if (!/\.html?$/i.test(file)) return undefined;
  return `${path.basename(file)} is an HTML page: its inline scripts run in a browser, which the check does not run`;
}

/** What went wrong around the script, if its failure is one of the known kinds. */
export function scriptProblem(error: unknown, context: ScriptFailureContext): ScriptProblem | undefined {
  const chain = errorChain(error);
  const global = browserGlobal(chain);
  if (global !== undefined) return { kind: 'browser', message: `the script is written for a browser: it uses \`${global}\`, which Node, where the check runs it, does not have` };
  const url = urlImport(chain);
  if (url !== undefined) return { kind: 'browser', message: `the script is written for a browser: it imports a module from a web address (${url}), which Node, where the check runs it, does not load` };
  if (isNetworkFailure(chain)) {
    const host = hostOf(chain);
    return { kind: 'network', message: host ? `the script downloads its data from ${host}, which could not be reached` : 'the script downloads its data from a server that could not be reached' };
  }
  const unbuilt = unbuiltNativePackage(chain);
  if (unbuilt !== undefined) return { kind: 'missing-package', message: `the package "${unbuilt}" the script uses has no built native code: its install script did not run (npm rebuild ${unbuilt}, or npm install with install scripts allowed, builds it)` };
  const module = missingModule(chain);
  if (module !== undefined) {
    if (/^\.{1,2}(\/|$)/.test(module)) return { kind: 'missing-file', message: `the script requires ${module}, which does not exist` };
    // A path inside a package that is installed is a wrong require, the script's own error.
    if (context.installed?.(module)) return undefined;
    return { kind: 'missing-package', message: missingPackageMessage(module, context.place) };
  }
  const file = missingFile(chain);
  if (file !== undefined) {
    const absolute = path.resolve(context.folder, file);
    const relative = path.relative(context.folder, absolute);
    const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
    return { kind: 'missing-file', message: `the script reads ${shown}, which does not exist` };
  }
  if (context.readMissingArguments) return { kind: 'arguments', message: missingArgumentsMessage(context.givenArguments ?? 0) };
  return undefined;
}

/** A package the script imports that is not installed, and where (`train.js:12`) when that is known. */
export function missingPackageMessage(name: string, place: string | undefined): string {
  return `the package "${name}" the script imports${place ? ` (${place})` : ''} is not installed: install the project's dependencies (npm install) and run the check again`;
}

/** What a script that looked for more command-line arguments than it was given needs. */
export function missingArgumentsMessage(given: number): string {
  return given > 0 ? `the script expects other command-line arguments than the ${given} it was given` : 'the script expects command-line arguments';
}

/** Array methods a script uses to read its arguments, past the program and the file (`argv.slice(2)`). */
const READS_FROM_START = new Set(['slice', 'splice', 'at']);

export interface ArgumentWatch {
  /** Whether the script read an argument it was not given, or how many arguments it has. */
  readMissingArguments(): boolean;
  restore(): void;
}

/**
 * Gives the script the command line `node <file> <given>` and notes when it looks for arguments:
 * an index past those given, `length`, `slice(2)` (a count it checks may be more than it was given).
 * Scripts and argument parsers read them so; a look at a single flag (`includes('--verbose')`) is
 * not counted. Whether the look is why the script failed is the failure's to say.
 */
export function watchArguments(file: string, given: readonly string[] = []): ArgumentWatch {
  const original = process.argv;
  let read = false;
  const argv = [original[0] ?? process.execPath, file, ...given];
  const past = argv.length;
  process.argv = new Proxy(argv, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return value;
      if (/^\d+$/.test(key) && Number(key) >= past) read = true;
      else if (key === 'length') read = true;
      else if (typeof value === 'function') {
        // Methods run on the array itself, so that what they read inside is not counted; only
        // where they start reading is.
        const method = value as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          if (READS_FROM_START.has(key) && typeof args[0] === 'number' && args[0] >= 2) read = true;
          return method.apply(target, args);
        };
      }
      return value;
    },
  });
  return {
    readMissingArguments: () => read,
    restore: () => {
      process.argv = original;
    },
  };
}
