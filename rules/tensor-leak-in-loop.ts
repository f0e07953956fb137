import { defineRule, type FixProposal, type TextEdit } from './core/rule';
import { spanKey } from './core/span';
import { disposeEdit, leakedTensors, type LeakIn } from './core/tensor-leaks';

type MessageId = 'storedTensor' | 'readTemporary' | 'storedTensorBounded' | 'readTemporaryBounded' | 'disposeAtEnd' | 'alsoLeaks';

type LoopTensor = LeakIn<'loop'>;

/** Inserts at the same place become one, in order, so that they keep their order when applied. */
function mergeInserts(edits: readonly TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const index = merged.findIndex((other) => spanKey(other.span) === spanKey(edit.span));
    if (index < 0) merged.push(edit);
    else merged[index] = { span: edit.span, text: merged[index]!.text + edit.text };
  }
  return merged;
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
        'This tensor leaks on every pass of the loop. It is made only to be read with {{method}}(), and is never disposed: the memory of every one of them stays allocated, which exhausts the memory of the backend (on WebGL, GPU memory) on long runs. Store it and dispose it after reading, or read it inside tf.tidy.',
      storedTensorBounded:
        "'{{name}}' leaks a tensor on every pass of this loop, a bounded number of times. The loop runs a counted number of times in code that runs once, so the memory stays taken until the program ends rather than growing without end; dispose it when the loop body is done with it, or wrap the body in tf.tidy.",
      readTemporaryBounded:
        'This tensor leaks on every pass of the loop, a bounded number of times. It is made only to be read with {{method}}() and never disposed; the loop runs a counted number of times in code that runs once, so the memory stays taken until the program ends rather than growing without end. Store it and dispose it after reading, or read it inside tf.tidy.',
      disposeAtEnd: 'Dispose {{name}} at the end of the loop body',
      alsoLeaks: 'this loop also leaks the tensor made here',
    },
    fix: 'suggestion',
  },
  check(context) {
    const trainingLoops = new Set(context.graph.events.filter((event) => event.kind === 'trainingLoop').map((event) => spanKey(event.span)));
    /** A leak of counted loops in code that runs once, none of which trains. */
    const isBounded = (event: LoopTensor): boolean =>
      event.repeats.bounded !== undefined && event.repeats.bounded.every((loop) => !trainingLoops.has(spanKey(loop)));
    // The tensors stored in one loop body that can all be disposed at its end are one finding with
    // one suggestion that disposes them all: a chain such as a slice and the argMax of it is one
    // mistake with one fix. Any other leak is a finding of its own.
    const byLoop = new Map<string, LoopTensor[]>();
    // Grouped by loop (the graph holds each leaked tensor once): a finding lists its loop's tensors and disposes each once.
    for (const event of leakedTensors(context.graph, 'loop')) {
      const key = spanKey(event.repeats.loop);
      byLoop.set(key, [...(byLoop.get(key) ?? []), event]);
    }
    for (const events of byLoop.values()) {
      const disposable: { event: LoopTensor & { name: string }; edit: TextEdit }[] = [];
      for (const event of events.sort((a, b) => a.span.start - b.span.start)) {
        const edit = disposeEdit(event, context.text);
        if (edit && event.name !== undefined) disposable.push({ event: event as LoopTensor & { name: string }, edit });
        else report(event, [], []);
      }
      const [first, ...others] = disposable;
      if (!first) continue;
      const names = disposable.map(({ event }) => `'${event.name}'`).join(', ');
      report(first.event, others.map(({ event }) => event), [{ messageId: 'disposeAtEnd', data: { name: names }, edits: mergeInserts(disposable.map(({ edit }) => edit)) }]);
    }

    function report(event: LoopTensor, others: readonly LoopTensor[], suggestions: FixProposal<MessageId>[]): void {
      const all = [event, ...others];
      const bounded = all.every(isBounded);
      context.report({
        messageId: event.name === undefined ? (bounded ? 'readTemporaryBounded' : 'readTemporary') : bounded ? 'storedTensorBounded' : 'storedTensor',
        data: event.name === undefined ? { method: event.readback ?? 'data' } : { name: event.name },
        span: event.span,
        // Test code runs once and ends, and a counted loop in code that runs once leaks a bounded
        // amount: neither can exhaust memory during training or a long session.
        ...(bounded || all.every((one) => one.testCode) ? { severity: 'info' as const } : {}),
        related: others.map((other) => ({ span: other.span, message: rule.meta.messages.alsoLeaks })),
        suggestions,
      });
    }
  },
});

export default rule;
