import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Realistic tfjs source files for the benchmarks: model factories, constants, data preparation,
 * training loops and callbacks, in the styles the extractor has to follow.
 */

const ACTIVATIONS = ['relu', 'tanh', 'elu', 'selu'];

function block(seed: number, index: number): string {
  const units = 16 * (((seed + index) % 4) + 1);
  const activation = ACTIVATIONS[(seed + index) % ACTIVATIONS.length];
  return `  model.add(tf.layers.dense({ units: ${units}, activation: '${activation}', kernelInitializer: 'heNormal' }));
  model.add(tf.layers.dropout({ rate: ${((index % 3) + 1) / 10} }));`;
}

/** One model file of about `lines` lines (JavaScript when `js`, else TypeScript). */
export function modelFile(seed: number, lines: number, js = false): string {
  const type = (t: string): string => (js ? '' : `: ${t}`);
  const parts: string[] = [
    js ? "const tf = require('@tensorflow/tfjs');" : "import * as tf from '@tensorflow/tfjs';",
    '',
    `const FEATURES = ${8 + (seed % 16)};`,
    `const CLASSES = ${2 + (seed % 8)};`,
    `const LEARNING_RATE = ${(0.001 * ((seed % 5) + 1)).toFixed(4)};`,
    `const HIDDEN = [${[64, 32, 16].slice(0, (seed % 3) + 1).join(', ')}];`,
    '',
  ];
  let factory = 0;
  while (parts.length < lines - 40) {
    parts.push(
      `function createModel${factory}(inputs${type('number')}, outputs${type('number')}) {`,
      '  const model = tf.sequential();',
      `  model.add(tf.layers.dense({ units: 64, inputShape: [inputs], activation: 'relu' }));`,
      ...[0, 1, 2].map((index) => block(seed + factory, index)),
      '  for (const units of HIDDEN) {',
      "    model.add(tf.layers.dense({ units, activation: 'relu' }));",
      '  }',
      `  model.add(tf.layers.dense({ units: outputs, activation: '${factory % 2 === 0 ? 'softmax' : 'sigmoid'}' }));`,
      '  return model;',
      '}',
      '',
      `function normalise${factory}(values${type('number[][]')}) {`,
      '  const tensor = tf.tensor2d(values);',
      '  const { mean, variance } = tf.moments(tensor, 0);',
      '  return tensor.sub(mean).div(variance.sqrt().add(1e-7));',
      '}',
      '',
      `async function train${factory}(xs${type('number[][]')}, labels${type('number[]')}) {`,
      `  const model = createModel${factory}(FEATURES, CLASSES);`,
      `  model.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: '${factory % 2 === 0 ? 'categoricalCrossentropy' : 'binaryCrossentropy'}', metrics: ['accuracy'] });`,
      `  const inputs = normalise${factory}(xs);`,
      `  const targets = tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES);`,
      '  const history = await model.fit(inputs, targets, {',
      '    epochs: 20,',
      '    batchSize: 32,',
      '    validationSplit: 0.1,',
      '    callbacks: { onEpochEnd: (epoch, logs) => console.log(epoch, logs && logs.loss) },',
      '  });',
      '  tf.dispose([inputs, targets]);',
      '  return history;',
      '}',
      '',
    );
    factory++;
  }
  while (parts.length < lines) parts.push(`// padding line ${parts.length}`);
  return `${parts.join('\n')}\n`;
}

/** Writes `count` files of about `lines` lines into `dir`; returns the total number of lines. */
export function writeCorpus(dir: string, count: number, lines: number, js = false): number {
  fs.mkdirSync(dir, { recursive: true });
  let total = 0;
  for (let i = 0; i < count; i++) {
    const text = modelFile(i, lines, js);
    total += text.split('\n').length - 1;
    fs.writeFileSync(path.join(dir, `model-${String(i).padStart(3, '0')}.${js ? 'js' : 'ts'}`), text);
  }
  return total;
}
