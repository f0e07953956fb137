/**
 * A generated import graph for tests and benchmarks of analysis cost: `count` CommonJS files named
 * m0.js ..., each requiring the next (and, for a cycle, the last the first). Every file exports a
 * constant built from its import and a model factory; m0.js also trains a model with a one-unit
 * softmax under binaryCrossentropy, a mistake that must be found at every size.
 */
export function importGraphFiles(count: number, shape: 'chain' | 'cycle'): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    const next = index + 1 < count ? index + 1 : shape === 'cycle' ? 0 : undefined;
    const lines = ["const tf = require('@tensorflow/tfjs');"];
    if (next !== undefined) lines.push(`const { width${next} } = require('./m${next}');`);
    lines.push(
      `const width${index} = ${next !== undefined && next > index ? `(width${next} % 64) + 1` : '8'};`,
      `function createModel${index}(inputs) {`,
      '  const model = tf.sequential();',
      `  model.add(tf.layers.dense({ units: width${index}, inputShape: [inputs], activation: 'relu' }));`,
      "  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));",
      '  return model;',
      '}',
      `module.exports = { width${index}, createModel${index} };`,
    );
    if (index === 0) {
      lines.push(
        'const model = tf.sequential();',
        "model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));",
        "model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));",
        "model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });",
      );
    }
    files[`m${index}.js`] = `${lines.join('\n')}\n`;
  }
  return files;
}
