/**
 * Tensors made again and again and never freed (the `leakedTensor` events of the graph), for the
 * rules that report them: tensor-leak-in-loop (the passes of a loop) and tensor-leak-per-call (the
 * calls of a function the platform or tfjs calls again and again).
 */
import type { GraphEvent, ProgramGraph, Repetition } from './graph';
import type { TextEdit } from './rule';

export type LeakedTensor = Extract<GraphEvent, { kind: 'leakedTensor' }>;

/** A leak of the given kind of repetition. */
export type LeakIn<K extends Repetition['kind']> = LeakedTensor & { readonly repeats: Extract<Repetition, { kind: K }> };

/** The leaks of one kind of repetition, in the order they happened. */
export function leakedTensors<K extends Repetition['kind']>(graph: ProgramGraph, repeats: K): LeakIn<K>[] {
  return graph.events.filter((event): event is LeakIn<K> => event.kind === 'leakedTensor' && event.repeats.kind === repeats);
}

/** The whitespace before the statement at `start`, when the statement begins its line. */
function indentationAt(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/**
 * `name.dispose();` on a line of its own where the leak's block ends (before or after the statement
 * the interpreter chose), or undefined when the leak has no such place or the statement does not
 * begin its line.
 */
export function disposeEdit(leak: LeakedTensor, text: (file: string) => string): TextEdit | undefined {
  const { name, dispose } = leak;
  if (name === undefined || !dispose) return undefined;
  const statement = dispose.statement;
  const indent = indentationAt(text(statement.file), statement.start);
  if (indent === undefined) return undefined;
  const call = `${name}.dispose();`;
  return dispose.before
    ? { span: { file: statement.file, start: statement.start, end: statement.start }, text: `${call}\n${indent}` }
    : { span: { file: statement.file, start: statement.end, end: statement.end }, text: `\n${indent}${call}` };
}
