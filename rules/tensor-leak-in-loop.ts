import { defineRule, type TextEdit } from './core/rule';
import { firstPerSpan, type Span } from './core/span';

type MessageId = 'storedTensor' | 'readTemporary' | 'disposeAtEnd';

/** The whitespace before the statement at `start`, when the statement begins its line. */
function indentationAt(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** `name.dispose();` on a line of its own, before or after the given statement. */
function disposeEdit(text: string, name: string, statement: Span, before: boolean): TextEdit | undefined {
  const indent = indentationAt(text, statement.start);
  if (indent === undefined) return undefined;
  const call = `${name}.dispose();`;
  return before
    ? { span: { file: statement.file, start: statement.start, end: statement.start }, text: `${call}\n${indent}` }
    : { span: { file: statement.file, start: statement.end, end: statement.end }, text: `\n${indent}${call}` };
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'tensor-leak-in-loop',
    category: 'tfjs-api',
    severity: 'warning',
    description: 'A tensor made on every pass of a loop and never disposed',
    messages: {
      storedTensor:
        "'{{name}}' holds a new tensor on every pass of this loop, and nothing disposes it. JavaScript's garbage collector never frees tensor memory, so memory grows with each iteration until the backend runs out (on WebGL, GPU memory), which slows and then crashes training or prediction. Dispose it when the loop body is done with it, or wrap the body in tf.tidy.",
      readTemporary:
        'This tensor is made on every pass of the loop only to be read with {{method}}(), and is never disposed: the memory of every one of them stays allocated, which exhausts the memory of the backend (on WebGL, GPU memory) on long runs. Store it and dispose it after reading, or read it inside tf.tidy.',
      disposeAtEnd: "Dispose '{{name}}' at the end of the loop body",
    },
    fix: 'suggestion',
    options: {},
  },
  check(context) {
    for (const event of firstPerSpan(context.graph.events.filter((event) => event.kind === 'loopTensor'))) {
      if (event.name === undefined) {
        context.report({ messageId: 'readTemporary', data: { method: event.readback ?? 'data' }, span: event.span });
        continue;
      }
      const edit = event.dispose && disposeEdit(context.text(event.dispose.statement.file), event.name, event.dispose.statement, event.dispose.before);
      context.report({
        messageId: 'storedTensor',
        data: { name: event.name },
        span: event.span,
        suggestions: edit ? [{ messageId: 'disposeAtEnd', data: { name: event.name }, edits: [edit] }] : [],
      });
    }
  },
});

export default rule;
