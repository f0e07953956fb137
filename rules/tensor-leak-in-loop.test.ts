import { RuleTester } from './core/rule-tester';
import rule from './tensor-leak-in-loop';

const header = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], activation: 'softmax' })] });
const samples = [[1, 2, 3], [4, 5, 6]];
`;

new RuleTester().run(rule, {
  valid: [
    {
      name: 'the tensor is disposed in the loop',
      code: `${header}export function classify() {\n  for (const sample of samples) {\n    const input = tf.tensor2d([sample]);\n    console.log(model.predict(input));\n    input.dispose();\n  }\n}`,
    },
    {
      name: 'tf.dispose frees it',
      code: `${header}export async function classify() {\n  for (const sample of samples) {\n    const input = tf.tensor2d([sample]);\n    const output = model.predict(input) as tf.Tensor;\n    console.log(await output.data());\n    tf.dispose([input, output]);\n  }\n}`,
    },
    {
      name: 'the loop body runs inside tf.tidy',
      code: `${header}export function classify() {\n  for (const sample of samples) {\n    tf.tidy(() => {\n      const output = model.predict(tf.tensor2d([sample])) as tf.Tensor;\n      console.log(output.dataSync());\n    });\n  }\n}`,
    },
    {
      name: 'the whole loop runs inside tf.tidy',
      code: `${header}export const scores = tf.tidy(() => {\n  const all: number[] = [];\n  for (const sample of samples) {\n    const output = model.predict(tf.tensor2d([sample])) as tf.Tensor;\n    all.push(output.dataSync()[0]!);\n  }\n  return all;\n});`,
    },
    {
      name: 'the tensor is kept in an array the caller owns',
      code: `${header}export function predictAll() {\n  const outputs: tf.Tensor[] = [];\n  for (const sample of samples) {\n    const output = model.predict(tf.tensor2d([sample])) as tf.Tensor;\n    outputs.push(output);\n  }\n  return outputs;\n}`,
    },
    {
      name: 'a tensor made before the loop',
      code: `${header}const input = tf.tensor2d(samples);\nexport function repeat() {\n  for (let i = 0; i < 3; i++) {\n    const same = input;\n    console.log(same.dataSync());\n  }\n}`,
    },
    {
      name: 'a tensor made inside a loss function (tfjs frees those)',
      code: `${header}const optimizer = tf.train.adam();\nconst xs = tf.tensor2d(samples);\nconst ys = tf.tensor2d([[1, 0], [0, 1]]);\nexport function train() {\n  for (let step = 0; step < 10; step++) {\n    optimizer.minimize(() => {\n      const predictions = model.predict(xs) as tf.Tensor;\n      return tf.losses.softmaxCrossEntropy(ys, predictions) as tf.Scalar;\n    });\n  }\n}`,
    },
    {
      name: 'the tensor is handed to a function that may dispose it',
      code: `${header}declare function consume(t: tf.Tensor): void;\nexport function run() {\n  for (const sample of samples) {\n    const input = tf.tensor2d([sample]);\n    consume(input);\n  }\n}`,
    },
    {
      name: 'a tensor reassigned in the loop (its owner is unclear)',
      code: `${header}export function run() {\n  for (const sample of samples) {\n    let input = tf.tensor2d([sample]);\n    input = input.div(10);\n    console.log(input.dataSync());\n  }\n}`,
    },
    {
      name: 'a tensor read by a closure',
      code: `${header}export function run() {\n  for (const sample of samples) {\n    const input = tf.tensor2d([sample]);\n    setTimeout(() => input.dispose(), 0);\n  }\n}`,
    },
    {
      name: 'a tensor made outside any loop',
      code: `${header}export function once() {\n  const input = tf.tensor2d(samples);\n  console.log((model.predict(input) as tf.Tensor).dataSync());\n}`,
    },
    {
      name: 'a stored tensor read back and then disposed',
      code: `${header}export function run() {\n  for (const sample of samples) {\n    const output = model.predict(tf.tensor2d([sample])) as tf.Tensor;\n    const values = output.dataSync();\n    output.dispose();\n    console.log(values);\n  }\n}`,
    },
  ],
  invalid: [
    {
      name: 'a prediction stored and read in a loop',
      code: `${header}export async function classify() {\n  for (const sample of samples) {\n    const output = model.predict(tf.tensor2d([sample])) as tf.Tensor;\n    console.log(await output.data());\n  }\n}`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'model.predict(tf.tensor2d([sample])) as tf.Tensor',
          severity: 'warning',
          suggestions: [
            {
              messageId: 'disposeAtEnd',
              output: `${header}export async function classify() {\n  for (const sample of samples) {\n    const output = model.predict(tf.tensor2d([sample])) as tf.Tensor;\n    console.log(await output.data());\n    output.dispose();\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an input tensor built on each epoch, disposed before continue',
      code: `${header}export async function train(epochs: number) {\n  for (let epoch = 0; epoch < epochs; epoch++) {\n    const xs = tf.tensor2d(samples);\n    await model.fit(xs, tf.oneHot(tf.tensor1d([0, 1], 'int32'), 2), { epochs: 1 });\n    continue;\n  }\n}`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.tensor2d(samples)',
          suggestions: [
            {
              messageId: 'disposeAtEnd',
              output: `${header}export async function train(epochs: number) {\n  for (let epoch = 0; epoch < epochs; epoch++) {\n    const xs = tf.tensor2d(samples);\n    await model.fit(xs, tf.oneHot(tf.tensor1d([0, 1], 'int32'), 2), { epochs: 1 });\n    xs.dispose();\n    continue;\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a prediction read back at once in a while loop',
      code: `${header}const input = tf.tensor2d(samples);\nexport function poll() {\n  let rounds = 0;\n  while (rounds < 100) {\n    const scores = (model.predict(input) as tf.Tensor).dataSync();\n    if (scores[0]! > 0.9) break;\n    rounds++;\n  }\n}`,
      errors: [{ messageId: 'readTemporary', text: '(model.predict(input) as tf.Tensor)', suggestions: [] }],
    },
    {
      name: 'an unused tensor in a loop',
      code: `${header}export function warmUp() {\n  for (let i = 0; i < 5; i++) {\n    const noise = tf.randomNormal([32, 3]);\n  }\n}`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.randomNormal([32, 3])',
          suggestions: [{ messageId: 'disposeAtEnd', output: `${header}export function warmUp() {\n  for (let i = 0; i < 5; i++) {\n    const noise = tf.randomNormal([32, 3]);\n    noise.dispose();\n  }\n}` }],
        },
      ],
    },
    {
      // tfjs-examples translation: a slice and the argMax of it, one leak of the loop body.
      name: 'two tensors of one loop body: one finding',
      code: `${header}export async function decode(data: tf.Tensor2D, count: number) {\n  for (let i = 0; i < count; i++) {\n    const row = tf.slice(data, [i, 0], [1, -1]);\n    const best = row.argMax(-1);\n    console.log(await best.array());\n  }\n}`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.slice(data, [i, 0], [1, -1])',
          suggestions: [
            {
              messageId: 'disposeAtEnd',
              output: `${header}export async function decode(data: tf.Tensor2D, count: number) {\n  for (let i = 0; i < count; i++) {\n    const row = tf.slice(data, [i, 0], [1, -1]);\n    const best = row.argMax(-1);\n    console.log(await best.array());\n    row.dispose();\n    best.dispose();\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // toPixels reads the tensor it draws; it neither keeps nor frees it.
      name: 'a tensor drawn on a canvas in a loop',
      code: `${header}export async function show(canvas: HTMLCanvasElement) {\n  for (const sample of samples) {\n    const row = tf.tensor2d([sample]).div(10);\n    await tf.browser.toPixels(row as tf.Tensor2D, canvas);\n  }\n}`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.tensor2d([sample]).div(10)',
          suggestions: [
            {
              messageId: 'disposeAtEnd',
              output: `${header}export async function show(canvas: HTMLCanvasElement) {\n  for (const sample of samples) {\n    const row = tf.tensor2d([sample]).div(10);\n    await tf.browser.toPixels(row as tf.Tensor2D, canvas);\n    row.dispose();\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // A dispose before the return would free the tensor before it is read.
      name: 'a tensor read in the final return of the loop body gets no edit',
      code: `${header}export function firstConfident() {\n  for (const sample of samples) {\n    const output = model.predict(tf.tensor2d([sample])) as tf.Tensor;\n    if (sample[0]! < 0) continue;\n    return output.dataSync();\n  }\n  return undefined;\n}`,
      errors: [{ messageId: 'storedTensor', text: 'model.predict(tf.tensor2d([sample])) as tf.Tensor', suggestions: [] }],
    },
    {
      // A test runs once and ends; its leaks cannot exhaust memory during training.
      name: 'a leak in a test file is information',
      filename: 'model.test.ts',
      code: `${header}export function check(weights: number[][]) {\n  for (const row of weights) {\n    console.log(tf.tensor1d(row).abs().max().arraySync());\n  }\n}`,
      errors: [{ messageId: 'readTemporary', text: 'tf.tensor1d(row).abs().max()', severity: 'info' }],
    },
    {
      // The loop runs once per call, and the script calls it once: it leaks two tensors, not more and more.
      name: 'a counted loop in code that runs once leaks a bounded amount: information',
      code: `${header}function showAll() {\n  for (let i = 0; i < samples.length; i++) {\n    const input = tf.tensor2d([samples[i]!]);\n    console.log(input.shape);\n  }\n}\nshowAll();`,
      errors: [
        {
          messageId: 'storedTensorBounded',
          text: 'tf.tensor2d([samples[i]!])',
          severity: 'info',
          suggestions: [{ messageId: 'disposeAtEnd', output: `${header}function showAll() {\n  for (let i = 0; i < samples.length; i++) {\n    const input = tf.tensor2d([samples[i]!]);\n    console.log(input.shape);\n    input.dispose();\n  }\n}\nshowAll();` }],
        },
      ],
    },
    {
      name: 'a decoding loop that stops at a maximum length, called from a counted loop of code that runs once: information',
      code: `${header}function decode(seed: number[]) {\n  let text = '';\n  let done = false;\n  while (!done) {\n    const token = (model.predict(tf.tensor2d([seed])) as tf.Tensor).argMax(-1).dataSync()[0];\n    text += String(token);\n    if (token === 0 || text.length > 20) done = true;\n  }\n  return text;\n}\nfor (const sample of samples) console.log(decode(sample));`,
      errors: [{ messageId: 'readTemporaryBounded', text: '(model.predict(tf.tensor2d([seed])) as tf.Tensor).argMax(-1)', severity: 'info' }],
    },
    {
      name: 'the same decoding loop run by a click handler leaks on every click: a warning',
      code: `${header}function decode(seed: number[]) {\n  let text = '';\n  let done = false;\n  while (!done) {\n    const token = (model.predict(tf.tensor2d([seed])) as tf.Tensor).argMax(-1).dataSync()[0];\n    text += String(token);\n    if (token === 0 || text.length > 20) done = true;\n  }\n  return text;\n}\ndocument.getElementById('go')!.addEventListener('click', () => console.log(decode(samples[0]!)));`,
      errors: [{ messageId: 'readTemporary', text: '(model.predict(tf.tensor2d([seed])) as tf.Tensor).argMax(-1)', severity: 'warning' }],
    },
    {
      name: 'a loop that runs until something else stops it, in code that runs once: a warning',
      code: `${header}let running = true;\nasync function watch() {\n  while (running) {\n    console.log((model.predict(tf.tensor2d(samples)) as tf.Tensor).dataSync());\n    await tf.nextFrame();\n  }\n}\nwatch();`,
      errors: [{ messageId: 'readTemporary', text: '(model.predict(tf.tensor2d(samples)) as tf.Tensor)', severity: 'warning' }],
    },
    {
      name: 'a counted loop that trains leaks on every step: a warning',
      code: `${header}model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });\nconst ys = tf.tensor2d([[1, 0], [0, 1]]);\nasync function train() {\n  for (let step = 0; step < 1000; step++) {\n    const xs = tf.tensor2d(samples);\n    await model.trainOnBatch(xs, ys);\n  }\n}\ntrain();`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.tensor2d(samples)',
          severity: 'warning',
          suggestions: [
            {
              messageId: 'disposeAtEnd',
              output: `${header}model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });\nconst ys = tf.tensor2d([[1, 0], [0, 1]]);\nasync function train() {\n  for (let step = 0; step < 1000; step++) {\n    const xs = tf.tensor2d(samples);\n    await model.trainOnBatch(xs, ys);\n    xs.dispose();\n  }\n}\ntrain();`,
            },
          ],
        },
      ],
    },
    {
      name: 'a counted loop in a function a library calls back, as often as it likes: a warning',
      code: `${header}declare function onReady(callback: () => void): void;\nonReady(() => {\n  for (const sample of samples) {\n    console.log((model.predict(tf.tensor2d([sample])) as tf.Tensor).dataSync());\n  }\n});`,
      errors: [{ messageId: 'readTemporary', text: '(model.predict(tf.tensor2d([sample])) as tf.Tensor)', severity: 'warning' }],
    },
  ],
});
