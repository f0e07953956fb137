import { PACED_EVENTS, TRAINING_HOOKS } from './core/callbacks';
import type { RepeatedCallback } from './core/graph';
import { defineRule, formatMessage } from './core/rule';
import { disposeEdit, leakedTensors } from './core/tensor-leaks';

type MessageId = 'storedTensor' | 'readTemporary' | 'disposeAfterUse' | 'repeatsHere' | 'calledHere';

/** The callback, for messages: "requestAnimationFrame callback", "'mousemove' handler". */
function callbackName(callback: RepeatedCallback): string {
  switch (callback.kind) {
    case 'frame':
      if (callback.trigger === 'tf.nextFrame') return 'tf.nextFrame loop';
      return `${callback.trigger} callback`;
    case 'timer':
      return callback.trigger === 'setTimeout' ? 'setTimeout loop' : `${callback.trigger} callback`;
    case 'event':
      return `'${callback.trigger}' handler`;
    case 'training':
      return `${callback.trigger} callback`;
  }
}

/** How often it runs: "on every animation frame", "after every batch". */
function frequency(callback: RepeatedCallback): string {
  switch (callback.kind) {
    case 'frame':
      return callback.trigger === 'requestVideoFrameCallback' ? 'on every video frame' : 'on every animation frame';
    case 'timer':
      return callback.trigger === 'setTimeout' ? 'every time it schedules itself again' : 'every time the interval elapses';
    case 'event':
      return `on every '${callback.trigger}' event`;
    case 'training': {
      const unit = Object.hasOwn(TRAINING_HOOKS, callback.trigger) ? TRAINING_HOOKS[callback.trigger] : undefined;
      if (unit === 'yield') return 'every time fit yields to the browser';
      return `${callback.trigger.endsWith('Begin') ? 'before' : 'after'} every ${unit ?? 'batch'} of training`;
    }
  }
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'tensor-leak-per-call',
    category: 'tfjs-api',
    severity: 'warning',
    description: 'A tensor made on every call of a frame, event or training callback and never disposed',
    messages: {
      storedTensor:
        "'{{name}}' leaks a tensor each time {{callee}} runs. It holds a new tensor, and nothing disposes it. It runs {{often}}, and JavaScript's garbage collector never frees tensor memory, so memory grows with each call until the backend runs out (on WebGL, GPU memory), which slows and then crashes the page or the training. Dispose it once the function is done with it, or make it inside tf.tidy.",
      readTemporary:
        'This tensor leaks each time {{callee}} runs. It is made only to be read with {{method}}(), and is never disposed. It runs {{often}}, so the memory of every one of them stays allocated until the backend runs out (on WebGL, GPU memory). Store it and dispose it after reading, or read it inside tf.tidy.',
      disposeAfterUse: "Dispose '{{name}}' after its last use",
      repeatsHere: 'this makes it run {{often}}',
      calledHere: 'called here, {{often}}',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const leak of leakedTensors(context.graph, 'callback')) {
      const callback = leak.repeats.callback;
      const often = frequency(callback);
      const name = callbackName(callback);
      const callee = callback.via ? `this function (${/^'?[aeiou]/i.test(name) ? 'an' : 'a'} ${name} calls it)` : `this ${name}`;
      const edit = disposeEdit(leak, context.text);
      context.report({
        messageId: leak.name === undefined ? 'readTemporary' : 'storedTensor',
        data: leak.name === undefined ? { callee, often, method: leak.readback ?? 'data' } : { callee, often, name: leak.name },
        span: leak.span,
        // Test code runs once and ends. A click, a key press or a message from another thread comes at
        // a pace set by someone else, maybe a few times in all: memory grows, but it may never run out.
        ...(leak.testCode || (callback.kind === 'event' && PACED_EVENTS.has(callback.trigger)) ? { severity: 'info' as const } : {}),
        related: [
          ...(callback.via ? [{ span: callback.via, message: formatMessage(rule.meta.messages.calledHere, { often }) }] : []),
          { span: callback.registration, message: formatMessage(rule.meta.messages.repeatsHere, { often }) },
        ],
        suggestions: edit && leak.name !== undefined ? [{ messageId: 'disposeAfterUse', data: { name: leak.name }, edits: [edit] }] : [],
      });
    }
  },
});

export default rule;
