/** What the oracles report, and how failures of the same cause are told apart from different ones. */

/** crash: a process died, exited with an error or logged an internal error; hang: no answer in time; invalid: a wrong answer. */
export type FailureKind = 'crash' | 'hang' | 'invalid';

export interface Failure {
  readonly kind: FailureKind;
  /** What failed; 'harness' is the fuzzer itself. */
  readonly target: 'cli' | 'lsp' | 'processes' | 'memory' | 'harness';
  /** The check that failed, as a short id (`exit-code`, `edit-out-of-bounds`, ...). */
  readonly check: string;
  /** One line: what went wrong. */
  readonly message: string;
  /** More text to look at: the command, an excerpt of stderr, the offending output. */
  readonly detail?: string;
  /** The file a wrong output is about, when it is about one: it names the input without narrowing a batch down. */
  readonly file?: string;
}

/** More resident memory than this, for inputs of a few files, is a failure. */
export const MEMORY_LIMIT_MB = 1024;

const STACK_FRAME = /^\s+at .+(?:\(.+:\d+:\d+\)|:\d+:\d+)\s*$/m;

export function hasStackTrace(text: string): boolean {
  return STACK_FRAME.test(text);
}

/**
 * The error a stack trace shows, reduced to what identifies its cause: the error's first line and
 * the innermost frame of tfjs-doctor's own code (a stack overflow gets no frame: where it overflows
 * varies).
 */
export function describeError(text: string): string {
  const lines = text.split('\n');
  const errorLine = lines.find((line) => /\b[A-Za-z]*Error\b.*:|^\w+: /.test(line))?.replace(/^tfjs-doctor: /, '').trim() ?? lines.find((line) => line.trim().length > 0)?.trim() ?? '';
  if (/Maximum call stack size exceeded/.test(errorLine)) return errorLine;
  const frames = lines.filter((line) => /^\s+at /.test(line));
  // tfjs-doctor's bundles first, then anything but the compiler and Node's internals.
  const own = frames.find((frame) => /[\\/]dist[\\/](cli|server|server-analysis)\.js:/.test(frame)) ?? frames.find((frame) => !/typescript\.js|node:|node_modules/.test(frame)) ?? frames[0];
  const name = own ? /^\s+at (?:new )?([^\s(]+)/.exec(own)?.[1] : undefined;
  return name ? `${errorLine} [in ${name}]` : errorLine;
}

/**
 * A key that is the same for failures of the same cause: where it happened (a final parenthesis:
 * the rule, the file, the request) is dropped, and numbers, paths and quoted text are blanked out.
 */
export function signature(failure: Failure): string {
  const message = failure.message
    .replace(/\s*\([^()]*\)$/, '')
    .replace(/(^|[\s(:'"])\/[^\s'"`)]+/g, '$1<path>')
    .replace(/(['"`]).*?\1/g, '<text>')
    .replace(/\d+(\.\d+)?/g, 'N');
  return `${failure.target} ${failure.kind} ${failure.check}: ${message}`;
}

export function oneLine(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}...` : line;
}
