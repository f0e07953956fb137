import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule } from './rule';
import { checkInvalid } from './rule-tester';

/** Reports every `tf.layers.dropout` call, with a suggestion and, when asked, a safe fix. */
function dropoutRule(fix: 'safe' | 'suggestion') {
  return defineRule<'found' | 'remove'>({
    meta: {
      id: 'test-dropout',
      category: 'architecture',
      severity: 'warning',
      description: 'A dropout layer',
      messages: { found: 'A dropout layer.', remove: 'Use rate 0' },
      fix,
    },
    check(context) {
      for (const layer of context.graph.layers) {
        if (layer.factory !== 'dropout') continue;
        context.report({ messageId: 'found', span: layer.span, fix: { messageId: 'remove', edits: [{ span: layer.span, text: 'tf.layers.dropout({ rate: 0 })' }] } });
      }
    },
  });
}

const code = "import * as tf from '@tensorflow/tfjs';\nexport const layer = tf.layers.dropout({ rate: 0.5 });";
const fixed = "import * as tf from '@tensorflow/tfjs';\nexport const layer = tf.layers.dropout({ rate: 0 });";

describe('rule tester', () => {
  it('fails a case that does not assert the suggestions its finding offers', () => {
    assert.throws(() => checkInvalid(dropoutRule('suggestion'), { code, errors: [{ messageId: 'found' }] }), /suggestions the test does not assert/);
    checkInvalid(dropoutRule('suggestion'), { code, errors: [{ messageId: 'found', suggestions: [{ messageId: 'remove', output: fixed }] }] });
  });

  it('fails a case that does not assert the safe fix', () => {
    assert.throws(() => checkInvalid(dropoutRule('safe'), { code, errors: [{ messageId: 'found' }] }), /safe fix the test does not assert/);
    checkInvalid(dropoutRule('safe'), { code, errors: [{ messageId: 'found' }], output: fixed });
  });
});
