import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rules } from './index';

/**
 * Typical values of the placeholders, as the rules fill them in: a message is judged at the length
 * a user reads it. A placeholder not listed here counts as a 12-character value.
 */
const TYPICAL: Readonly<Record<string, string>> = {
  name: 'predictions',
  loss: 'categoricalCrossentropy',
  activation: 'sigmoid',
  method: 'fit',
  rate: '0.5',
  value: '3',
  units: '10',
  range: '[0, 1]',
  factory: 'dense',
  what: 'the softmax output',
  initializer: "'zeros'",
  optimizer: 'tf.train.adam',
  input: '[null, 28, 28, 1]',
  often: 'on every animation frame',
  classes: '10',
  callee: 'this requestAnimationFrame callback',
};

/** The longest first sentence: what the Problems panel shows on its one line. */
const MAX_FIRST_SENTENCE = 100;

function filled(message: string): string {
  return message.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => TYPICAL[key] ?? 'x'.repeat(12));
}

/** The text up to the first period that ends a sentence (followed by a space or the end). */
function firstSentence(text: string): string {
  return /^.*?\.(?=\s|$)/s.exec(text)?.[0] ?? text;
}

describe('rule messages', () => {
  it('make their point in a short first sentence, then explain', () => {
    const long: string[] = [];
    for (const [id, rule] of Object.entries(rules)) {
      for (const [messageId, message] of Object.entries(rule.meta.messages as Record<string, string>)) {
        const text = filled(message);
        // Fix titles and notes on related places are a short phrase, without a final period; a
        // finding's message is sentences.
        if (!text.endsWith('.')) {
          if (text.length > MAX_FIRST_SENTENCE) long.push(`${id}/${messageId}: a long message ends without a period`);
          continue;
        }
        const first = firstSentence(text);
        if (first.length > MAX_FIRST_SENTENCE) long.push(`${id}/${messageId} (${first.length}): ${first}`);
      }
    }
    assert.deepEqual(long, []);
  });

  it('finds the first sentence of a message', () => {
    assert.equal(firstSentence('The rate 0.5 is high. Lower it.'), 'The rate 0.5 is high.');
    assert.equal(firstSentence('tf.train.sgd(10) diverges.'), 'tf.train.sgd(10) diverges.');
    assert.equal(filled("'{{activation}}' with {{unlisted}}."), "'sigmoid' with xxxxxxxxxxxx.");
  });
});
