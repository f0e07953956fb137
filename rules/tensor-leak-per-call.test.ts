import { RuleTester } from './core/rule-tester';
import rule from './tensor-leak-per-call';

const header = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], activation: 'softmax' })] });
const video = document.querySelector('video')!;
`;

new RuleTester().run(rule, {
  valid: [
    // ---- frame callbacks ----
    {
      name: 'a requestAnimationFrame loop whose body runs inside tf.tidy',
      code: `${header}function loop() {\n  tf.tidy(() => {\n    const scores = model.predict(tf.browser.fromPixels(video).expandDims(0)) as tf.Tensor;\n    console.log(scores.dataSync());\n  });\n  requestAnimationFrame(loop);\n}\nloop();`,
    },
    {
      name: 'a requestAnimationFrame loop that disposes what it makes',
      code: `${header}function loop() {\n  const frame = tf.browser.fromPixels(video);\n  const scores = model.predict(frame.expandDims(0).toFloat()) as tf.Tensor;\n  console.log(scores.dataSync());\n  tf.dispose([frame, scores]);\n  requestAnimationFrame(loop);\n}\nloop();`,
    },
    {
      name: 'requestAnimationFrame once: a function that does not schedule itself again runs once',
      code: `${header}function drawOnce() {\n  const frame = tf.browser.fromPixels(video);\n  console.log(frame.shape);\n}\nrequestAnimationFrame(drawOnce);`,
    },
    {
      // Near miss: the function schedules another one, not itself.
      name: 'a function that schedules a different function',
      code: `${header}function draw() {}\nfunction prepare() {\n  const frame = tf.browser.fromPixels(video);\n  console.log(frame.shape);\n  requestAnimationFrame(draw);\n}\nprepare();`,
    },
    {
      name: 'a frame drawn with tf.browser.toPixels and then disposed',
      code: `${header}const canvas = document.querySelector('canvas')!;\nasync function stylize() {\n  const styled = tf.browser.fromPixels(video);\n  await tf.browser.toPixels(styled, canvas);\n  styled.dispose();\n  requestAnimationFrame(stylize);\n}\nstylize();`,
    },
    {
      name: 'a video frame callback that disposes its frame',
      code: `${header}function onFrame() {\n  const frame = tf.browser.fromPixels(video);\n  console.log(frame.shape);\n  frame.dispose();\n  video.requestVideoFrameCallback(onFrame);\n}\nvideo.requestVideoFrameCallback(onFrame);`,
    },
    {
      // Near miss: waiting for the next frame is not a loop without a call of itself.
      name: 'an async function that awaits tf.nextFrame once and does not call itself',
      code: `${header}export async function warmUp() {\n  await tf.nextFrame();\n  const input = tf.zeros([1, 3]);\n  console.log((model.predict(input) as tf.Tensor).shape);\n}`,
    },
    // ---- timers ----
    {
      name: 'a plain setTimeout runs its callback once',
      code: `${header}setTimeout(() => {\n  const input = tf.zeros([1, 3]);\n  console.log(input.dataSync());\n}, 1000);`,
    },
    {
      // A retry until the model is ready: the code after the check runs once.
      name: 'setTimeout rescheduling only on an early exit',
      code: `${header}let ready = false;\nexport function predictWhenReady() {\n  if (!ready) {\n    setTimeout(predictWhenReady, 500);\n    return;\n  }\n  const input = tf.zeros([1, 3]);\n  console.log((model.predict(input) as tf.Tensor).shape);\n}`,
    },
    {
      name: 'a setInterval callback that frees its tensors with tf.dispose',
      code: `${header}setInterval(() => {\n  const input = tf.randomNormal([1, 3]);\n  const output = model.predict(input) as tf.Tensor;\n  console.log(output.dataSync());\n  tf.dispose([input, output]);\n}, 100);`,
    },
    {
      name: 'a setInterval callback that disposes in finally',
      code: `${header}setInterval(async () => {\n  const output = model.predict(tf.zeros([1, 3])) as tf.Tensor;\n  try {\n    console.log(await output.data());\n  } finally {\n    output.dispose();\n  }\n}, 100);`,
    },
    {
      name: 'a tf.tidy result that is disposed after reading',
      code: `${header}setInterval(() => {\n  const best = tf.tidy(() => (model.predict(tf.zeros([1, 3])) as tf.Tensor).argMax(-1));\n  console.log(best.dataSync());\n  best.dispose();\n}, 100);`,
    },
    {
      name: 'a tensor kept in outer state that outlives the call',
      code: `${header}let latest: tf.Tensor | undefined;\nconst state: { scores?: tf.Tensor } = {};\nsetInterval(() => {\n  const scores = model.predict(tf.zeros([1, 3])) as tf.Tensor;\n  latest?.dispose();\n  latest = scores;\n  const copy = scores.clone();\n  state.scores = copy;\n}, 100);`,
    },
    {
      name: 'a tensor handed to a function that may dispose it',
      code: `${header}declare function show(t: tf.Tensor): void;\nsetInterval(() => {\n  const scores = model.predict(tf.zeros([1, 3])) as tf.Tensor;\n  show(scores);\n}, 100);`,
    },
    {
      name: 'a tensor a helper returns to the callback, which disposes it',
      code: `${header}function capture(): tf.Tensor {\n  const frame = tf.browser.fromPixels(video);\n  return frame;\n}\nsetInterval(() => {\n  const frame = capture();\n  console.log(frame.shape);\n  frame.dispose();\n}, 100);`,
    },
    {
      name: 'a loop inside a callback (the loop rule reports it)',
      code: `${header}setInterval(() => {\n  for (let i = 0; i < 3; i++) {\n    const noise = tf.randomNormal([1, 3]);\n    console.log(noise.dataSync());\n  }\n}, 100);`,
    },
    {
      name: 'tensors of a loss function in a timer are freed by tfjs',
      code: `${header}const optimizer = tf.train.adam();\nconst xs = tf.zeros([4, 3]);\nconst ys = tf.zeros([4, 2]);\nsetInterval(() => {\n  optimizer.minimize(() => {\n    const predictions = model.predict(xs) as tf.Tensor;\n    return tf.losses.softmaxCrossEntropy(ys, predictions) as tf.Scalar;\n  });\n}, 100);`,
    },
    // ---- events ----
    {
      name: 'a load handler runs once',
      code: `${header}window.addEventListener('load', () => {\n  const warmUp = tf.zeros([1, 3]);\n  console.log((model.predict(warmUp) as tf.Tensor).shape);\n});\nwindow.onload = () => {\n  const again = tf.zeros([1, 3]);\n  console.log(again.shape);\n};`,
    },
    {
      name: 'a listener registered with { once: true }',
      code: `${header}document.addEventListener('mousemove', () => {\n  const point = tf.zeros([1, 3]);\n  console.log(point.dataSync());\n}, { once: true });`,
    },
    {
      name: 'a mousemove handler that makes its tensors inside tf.tidy',
      code: `${header}document.addEventListener('mousemove', (event: MouseEvent) => {\n  const x = tf.tidy(() => (model.predict(tf.tensor2d([[event.clientX, event.clientY, 0]])) as tf.Tensor).dataSync());\n  console.log(x);\n});`,
    },
    {
      name: 'an event of a name that is not a repeated event',
      code: `${header}declare const emitter: { on(type: string, listener: () => void): void };\nemitter.on('ready', () => {\n  const input = tf.zeros([1, 3]);\n  console.log(input.dataSync());\n});`,
    },
    // ---- training callbacks ----
    {
      name: 'onTrainBegin and onTrainEnd run once per fit',
      code: `${header}const xs = tf.zeros([4, 3]);\nconst ys = tf.zeros([4, 2]);\nexport async function train() {\n  await model.fit(xs, ys, {\n    callbacks: {\n      onTrainBegin: () => {\n        const first = model.predict(xs) as tf.Tensor;\n        console.log(first.dataSync());\n      },\n      onTrainEnd: () => {\n        const last = model.predict(xs) as tf.Tensor;\n        console.log(last.dataSync());\n      },\n    },\n  });\n}`,
    },
    {
      name: 'an onEpochEnd callback that computes inside tf.tidy',
      code: `${header}const xs = tf.zeros([4, 3]);\nconst ys = tf.zeros([4, 2]);\nexport async function train() {\n  await model.fit(xs, ys, {\n    epochs: 10,\n    callbacks: { onEpochEnd: () => console.log(tf.tidy(() => (model.predict(xs) as tf.Tensor).max().dataSync())) },\n  });\n}`,
    },
    {
      // Near miss: hook names in an object nothing trains with.
      name: 'an object with hook names that is never given to fit',
      code: `${header}export const hooks = {\n  onBatchEnd() {\n    const probe = tf.zeros([1, 3]);\n    console.log(probe.dataSync());\n  },\n};`,
    },
    {
      // Near miss: a class with hook names that does not extend tf.Callback.
      name: 'a class with an onEpochEnd method that is not a tf.Callback',
      code: `${header}export class Reporter {\n  onEpochEnd() {\n    const probe = tf.zeros([1, 3]);\n    console.log(probe.dataSync());\n  }\n}`,
    },
  ],
  invalid: [
    // ---- frame callbacks ----
    {
      name: 'a requestAnimationFrame loop that leaks the frame it reads',
      code: `${header}function renderLoop() {\n  const frame = tf.browser.fromPixels(video);\n  console.log(frame.shape);\n  requestAnimationFrame(renderLoop);\n}\nrenderLoop();`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.browser.fromPixels(video)',
          severity: 'warning',
          message: /^'frame' leaks a tensor each time this requestAnimationFrame callback runs\. It holds a new tensor, and nothing disposes it\. It runs on every animation frame,/,
          suggestions: [
            {
              messageId: 'disposeAfterUse',
              output: `${header}function renderLoop() {\n  const frame = tf.browser.fromPixels(video);\n  console.log(frame.shape);\n  requestAnimationFrame(renderLoop);\n  frame.dispose();\n}\nrenderLoop();`,
            },
          ],
        },
      ],
    },
    {
      // toPixels reads the tensor it draws; it neither keeps nor frees it.
      name: 'a frame drawn on a canvas with tf.browser.toPixels',
      code: `${header}const canvas = document.querySelector('canvas')!;\nasync function stylize() {\n  const styled = tf.browser.fromPixels(video).toFloat().div(255);\n  await tf.browser.toPixels(styled as tf.Tensor3D, canvas);\n  requestAnimationFrame(stylize);\n}\nstylize();`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.browser.fromPixels(video).toFloat().div(255)',
          suggestions: [
            {
              messageId: 'disposeAfterUse',
              output: `${header}const canvas = document.querySelector('canvas')!;\nasync function stylize() {\n  const styled = tf.browser.fromPixels(video).toFloat().div(255);\n  await tf.browser.toPixels(styled as tf.Tensor3D, canvas);\n  requestAnimationFrame(stylize);\n  styled.dispose();\n}\nstylize();`,
            },
          ],
        },
      ],
    },
    {
      name: 'an arrow function that schedules itself through another arrow',
      code: `${header}const tick = () => {\n  console.log((model.predict(tf.zeros([1, 3])) as tf.Tensor).dataSync());\n  requestAnimationFrame(() => tick());\n};\nrequestAnimationFrame(tick);`,
      errors: [{ messageId: 'readTemporary', text: '(model.predict(tf.zeros([1, 3])) as tf.Tensor)', message: /read with dataSync\(\)/, suggestions: [] }],
    },
    {
      name: 'a method that schedules itself with this',
      code: `${header}export class Renderer {\n  running = true;\n  draw() {\n    const frame = tf.browser.fromPixels(video).toFloat();\n    console.log(frame.shape);\n    if (this.running) requestAnimationFrame(() => this.draw());\n  }\n}`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.browser.fromPixels(video).toFloat()',
          suggestions: [
            {
              messageId: 'disposeAfterUse',
              output: `${header}export class Renderer {\n  running = true;\n  draw() {\n    const frame = tf.browser.fromPixels(video).toFloat();\n    console.log(frame.shape);\n    if (this.running) requestAnimationFrame(() => this.draw());\n    frame.dispose();\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a video frame callback that schedules itself again',
      code: `${header}function onFrame() {\n  console.log(tf.browser.fromPixels(video).mean().dataSync());\n  video.requestVideoFrameCallback(onFrame);\n}\nvideo.requestVideoFrameCallback(onFrame);`,
      errors: [{ messageId: 'readTemporary', text: 'tf.browser.fromPixels(video).mean()', message: /requestVideoFrameCallback callback runs\. .* on every video frame/, suggestions: [] }],
    },
    {
      name: 'an async function that calls itself after tf.nextFrame',
      code: `${header}async function classifyLoop(): Promise<void> {\n  const scores = model.predict(tf.browser.fromPixels(video).expandDims(0).toFloat()) as tf.Tensor;\n  console.log(await scores.data());\n  await tf.nextFrame();\n  classifyLoop();\n}\nclassifyLoop();`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'model.predict(tf.browser.fromPixels(video).expandDims(0).toFloat()) as tf.Tensor',
          message: /tf\.nextFrame loop runs/,
          suggestions: [
            {
              messageId: 'disposeAfterUse',
              output: `${header}async function classifyLoop(): Promise<void> {\n  const scores = model.predict(tf.browser.fromPixels(video).expandDims(0).toFloat()) as tf.Tensor;\n  console.log(await scores.data());\n  await tf.nextFrame();\n  classifyLoop();\n  scores.dispose();\n}\nclassifyLoop();`,
            },
          ],
        },
      ],
    },
    // ---- timers ----
    {
      name: 'a setInterval callback',
      code: `${header}setInterval(() => {\n  const output = model.predict(tf.randomNormal([1, 3])) as tf.Tensor;\n  output.print();\n}, 100);`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'model.predict(tf.randomNormal([1, 3])) as tf.Tensor',
          message: /setInterval callback runs.* every time the interval elapses/,
          suggestions: [{ messageId: 'disposeAfterUse', output: `${header}setInterval(() => {\n  const output = model.predict(tf.randomNormal([1, 3])) as tf.Tensor;\n  output.print();\n  output.dispose();\n}, 100);` }],
        },
      ],
    },
    {
      name: 'a function that reschedules itself with setTimeout',
      code: `${header}function poll() {\n  const sample = tf.randomUniform([1, 3]);\n  console.log(sample.arraySync());\n  setTimeout(poll, 1000);\n}\npoll();`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.randomUniform([1, 3])',
          message: /setTimeout loop runs.* every time it schedules itself again/,
          suggestions: [{ messageId: 'disposeAfterUse', output: `${header}function poll() {\n  const sample = tf.randomUniform([1, 3]);\n  console.log(sample.arraySync());\n  setTimeout(poll, 1000);\n  sample.dispose();\n}\npoll();` }],
        },
      ],
    },
    {
      // A chain whose intermediates all leak is one place to fix.
      name: 'a chain read back at once: one finding',
      code: `${header}const a = tf.ones([3]);\nconst b = tf.ones([3]);\nsetInterval(() => {\n  console.log(a.add(b).mul(2).sum().dataSync());\n}, 100);`,
      errors: [{ messageId: 'readTemporary', text: 'a.add(b).mul(2).sum()', suggestions: [] }],
    },
    {
      // A dispose before the return would free the tensor before it is read.
      name: 'a tensor read in the final return gets no edit',
      code: `${header}setInterval(function read() {\n  const output = model.predict(tf.zeros([1, 3])) as tf.Tensor;\n  return output.dataSync();\n}, 100);`,
      errors: [{ messageId: 'storedTensor', text: 'model.predict(tf.zeros([1, 3])) as tf.Tensor', suggestions: [] }],
    },
    {
      name: 'the result of tf.tidy, never disposed',
      code: `${header}setInterval(() => {\n  const best = tf.tidy(() => (model.predict(tf.zeros([1, 3])) as tf.Tensor).argMax(-1));\n  console.log(best.dataSync());\n}, 100);`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.tidy(() => (model.predict(tf.zeros([1, 3])) as tf.Tensor).argMax(-1))',
          suggestions: [{ messageId: 'disposeAfterUse', output: `${header}setInterval(() => {\n  const best = tf.tidy(() => (model.predict(tf.zeros([1, 3])) as tf.Tensor).argMax(-1));\n  console.log(best.dataSync());\n  best.dispose();\n}, 100);` }],
        },
      ],
    },
    // ---- events ----
    {
      name: 'a mousemove listener',
      code: `${header}document.addEventListener('mousemove', (event: MouseEvent) => {\n  const point = tf.tensor2d([[event.clientX, event.clientY, 0]]);\n  console.log((model.predict(point) as tf.Tensor).dataSync());\n  point.dispose();\n});`,
      errors: [{ messageId: 'readTemporary', text: '(model.predict(point) as tf.Tensor)', severity: 'warning', message: /'mousemove' handler runs.* on every 'mousemove' event/, suggestions: [] }],
    },
    {
      name: 'a listener with the capture flag still runs on every event',
      code: `${header}window.addEventListener('resize', () => {\n  const blank = tf.zeros([1, 3]);\n  console.log(blank.shape);\n}, true);`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.zeros([1, 3])',
          suggestions: [{ messageId: 'disposeAfterUse', output: `${header}window.addEventListener('resize', () => {\n  const blank = tf.zeros([1, 3]);\n  console.log(blank.shape);\n  blank.dispose();\n}, true);` }],
        },
      ],
    },
    {
      // A click comes at the pace of the user: memory grows, slowly.
      name: 'a click handler is information',
      code: `${header}document.getElementById('predict')!.addEventListener('click', () => {\n  const input = tf.randomNormal([1, 3]);\n  console.log((model.predict(input) as tf.Tensor).arraySync());\n  input.dispose();\n});`,
      errors: [{ messageId: 'readTemporary', text: '(model.predict(input) as tf.Tensor)', severity: 'info', suggestions: [] }],
    },
    {
      // Registered for clicks, and called after every epoch: the epochs set the pace on that path.
      name: 'a click handler that a training callback also calls leaks after every epoch',
      code: `${header}function showPrediction() {\n  console.log((model.predict(tf.ones([1, 3])) as tf.Tensor).dataSync());\n}\ndocument.getElementById('predict')!.addEventListener('click', showPrediction);\ndocument.getElementById('train')!.addEventListener('click', async () => {\n  await model.fit(tf.zeros([4, 3]), tf.zeros([4, 2]), { epochs: 10, callbacks: { onEpochEnd: () => showPrediction() } });\n});`,
      errors: [
        { messageId: 'readTemporary', text: '(model.predict(tf.ones([1, 3])) as tf.Tensor)', severity: 'warning', message: /onEpochEnd callback calls it\) runs.*after every epoch of training/, suggestions: [] },
      ],
    },
    {
      name: 'an event-handler property',
      code: `${header}const canvas = document.getElementById('canvas')!;\ncanvas.onpointermove = (event: PointerEvent) => {\n  console.log(tf.tensor1d([event.clientX, event.clientY]).norm().dataSync());\n};`,
      errors: [{ messageId: 'readTemporary', text: 'tf.tensor1d([event.clientX, event.clientY]).norm()', severity: 'warning', message: /'pointermove' handler/, suggestions: [] }],
    },
    {
      // In a worker a message may be a frame to label or a single command: information.
      name: 'onmessage in a worker',
      filename: 'worker.js',
      code: `import * as tf from '@tensorflow/tfjs';\nonmessage = (event) => {\n  const pixels = tf.tensor3d(event.data.pixels, [2, 2, 3]);\n  postMessage(pixels.mean().dataSync());\n};`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.tensor3d(event.data.pixels, [2, 2, 3])',
          severity: 'info',
          message: /'message' handler/,
          suggestions: [{ messageId: 'disposeAfterUse', output: `import * as tf from '@tensorflow/tfjs';\nonmessage = (event) => {\n  const pixels = tf.tensor3d(event.data.pixels, [2, 2, 3]);\n  postMessage(pixels.mean().dataSync());\n  pixels.dispose();\n};` }],
        },
        { messageId: 'readTemporary', text: 'pixels.mean()', severity: 'info', suggestions: [] },
      ],
    },
    {
      name: 'a React onMouseMove prop',
      filename: 'Pad.tsx',
      code: `${header}export function Pad() {\n  const onMove = (event: { clientX: number; clientY: number }) => {\n    const point = tf.tensor2d([[event.clientX, event.clientY, 1]]);\n    console.log(point.max().dataSync());\n    point.dispose();\n  };\n  return <div onMouseMove={onMove} />;\n}`,
      errors: [{ messageId: 'readTemporary', text: 'point.max()', severity: 'warning', message: /'mousemove' handler/, suggestions: [] }],
    },
    {
      name: 'a function a handler calls leaks on every event too',
      code: `${header}function describe(input: tf.Tensor) {\n  const total = input.sum();\n  console.log(total.dataSync());\n}\nwindow.addEventListener('scroll', () => {\n  const offset = tf.scalar(window.scrollY);\n  describe(offset);\n});`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'input.sum()',
          message: /^'total' leaks a tensor each time this function \(a 'scroll' handler calls it\) runs/,
          suggestions: [{ messageId: 'disposeAfterUse', output: `${header}function describe(input: tf.Tensor) {\n  const total = input.sum();\n  console.log(total.dataSync());\n  total.dispose();\n}\nwindow.addEventListener('scroll', () => {\n  const offset = tf.scalar(window.scrollY);\n  describe(offset);\n});` }],
        },
      ],
    },
    // ---- training callbacks ----
    {
      name: 'a probe in onBatchEnd',
      code: `${header}const xs = tf.zeros([4, 3]);\nconst ys = tf.zeros([4, 2]);\nexport async function train() {\n  await model.fit(xs, ys, {\n    epochs: 10,\n    callbacks: {\n      onBatchEnd: async () => {\n        const probe = model.predict(xs) as tf.Tensor;\n        console.log(await probe.data());\n      },\n    },\n  });\n}`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'model.predict(xs) as tf.Tensor',
          severity: 'warning',
          message: /onBatchEnd callback runs.* after every batch of training/,
          suggestions: [
            {
              messageId: 'disposeAfterUse',
              output: `${header}const xs = tf.zeros([4, 3]);\nconst ys = tf.zeros([4, 2]);\nexport async function train() {\n  await model.fit(xs, ys, {\n    epochs: 10,\n    callbacks: {\n      onBatchEnd: async () => {\n        const probe = model.predict(xs) as tf.Tensor;\n        console.log(await probe.data());\n        probe.dispose();\n      },\n    },\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'onEpochEnd of fitDataset on a model passed in, in a list of callbacks',
      code: `import * as tf from '@tensorflow/tfjs';\nexport async function train(net: tf.LayersModel, data: tf.data.Dataset<tf.TensorContainer>, probe: tf.Tensor) {\n  await net.fitDataset(data, {\n    epochs: 10,\n    callbacks: [{ onEpochEnd: async () => console.log(await (net.predict(probe) as tf.Tensor).argMax(-1).data()) }],\n  });\n}`,
      errors: [{ messageId: 'readTemporary', text: '(net.predict(probe) as tf.Tensor).argMax(-1)', message: /onEpochEnd callback runs.* after every epoch of training/, suggestions: [] }],
    },
    {
      name: 'a hook of a tf.Callback subclass',
      code: `${header}export class Logger extends tf.Callback {\n  override async onEpochEnd(epoch: number) {\n    const weights = tf.abs(model.getWeights()[0]!).mean();\n    console.log(epoch, await weights.data());\n  }\n}`,
      errors: [
        {
          messageId: 'storedTensor',
          text: 'tf.abs(model.getWeights()[0]!).mean()',
          suggestions: [
            {
              messageId: 'disposeAfterUse',
              output: `${header}export class Logger extends tf.Callback {\n  override async onEpochEnd(epoch: number) {\n    const weights = tf.abs(model.getWeights()[0]!).mean();\n    console.log(epoch, await weights.data());\n    weights.dispose();\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a hook given to tf.CustomCallback',
      code: `${header}export const logger = new tf.CustomCallback({\n  onYield: () => console.log(tf.memory().numTensors, tf.zeros([1]).dataSync()),\n});`,
      errors: [{ messageId: 'readTemporary', text: 'tf.zeros([1])', message: /onYield callback runs.* every time fit yields to the browser/, suggestions: [] }],
    },
    {
      // A test runs once and ends; its leaks cannot exhaust memory.
      name: 'a leak in a test file is information',
      filename: 'loop.test.ts',
      code: `${header}function loop() {\n  console.log(tf.browser.fromPixels(video).shape, tf.zeros([1]).dataSync());\n  requestAnimationFrame(loop);\n}\nloop();`,
      errors: [{ messageId: 'readTemporary', text: 'tf.zeros([1])', severity: 'info', suggestions: [] }],
    },
  ],
});
