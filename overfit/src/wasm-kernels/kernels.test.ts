/**
 * The kernels written for the wasm backend give the cpu backend's results, over a grid of shapes,
 * strides, paddings, layouts and depth multipliers. Dilated depthwise gradients, which the cpu
 * kernels ignore, are checked against sums of forward convolutions instead.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Random } from '../random';
import type { Tf } from '../tf';
import { registerWasmTrainingKernels, wasmTrainingKernels } from './index';

type Tensor = import('@tensorflow/tfjs').Tensor;
type Rank4 = import('@tensorflow/tfjs').Tensor4D;
type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number;
type Attrs = Record<string, unknown>;

let tf: Tf;

before(async () => {
  const bundle = require('../tfjs-bundle') as typeof import('../tfjs-bundle');
  tf = bundle.tf;
  tf.enableProdMode();
  bundle.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep);
  assert.ok(await tf.setBackend('wasm'), 'the wasm backend starts');
  registerWasmTrainingKernels(tf);
});

const random = new Random(7);

/** Uniform in [-1, 1), with about a fifth of the values exactly zero, as after a ReLU. */
function values(shape: readonly number[]): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: size }, () => (random.next() < 0.2 ? 0 : random.next() * 2 - 1));
}

/** The kernel's output on the given backend, as plain numbers. */
async function run(backend: 'wasm' | 'cpu', kernel: string, inputs: Record<string, { shape: number[]; data: Float32Array | Int32Array; dtype?: 'int32' }>, attrs: Attrs): Promise<{ shape: number[]; data: Float32Array }> {
  await tf.setBackend(backend);
  const tensors: Record<string, Tensor> = {};
  for (const [name, input] of Object.entries(inputs)) tensors[name] = tf.tensor(input.data, input.shape, input.dtype ?? 'float32');
  const output = tf.engine().runKernel(kernel, tensors as never, attrs as never) as Tensor;
  const result = { shape: output.shape, data: Float32Array.from(output.dataSync()) };
  tf.dispose([output, ...Object.values(tensors)]);
  await tf.setBackend('wasm');
  return result;
}

function assertClose(actual: { shape: number[]; data: Float32Array }, expected: { shape: number[]; data: Float32Array }, label: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${label}: shape`);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < expected.data.length; i++) {
    worst = Math.max(worst, Math.abs(actual.data[i]! - expected.data[i]!));
    scale = Math.max(scale, Math.abs(expected.data[i]!));
  }
  assert.ok(worst <= 1e-5 * Math.max(1, scale), `${label}: largest difference ${worst} (values up to ${scale})`);
}

/** Sizes of the output of a convolution, as tfjs works them out. */
function outShape(xShape: Shape4, filterShape: Shape4, strides: number | [number, number], pad: Pad, depthwise: boolean, dilations = 1, channelsLast = true): Shape4 {
  return tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations, pad, 'floor', depthwise, channelsLast ? 'channelsLast' : 'channelsFirst').outShape as Shape4;
}

interface ConvCase {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly filter: [number, number];
  readonly strides: number | [number, number];
  readonly pad: Pad;
}

/** Odd and even sizes, batch and channels above 1, non-square filters and strides, every kind of padding. */
function convCases(): ConvCase[] {
  const cases: ConvCase[] = [];
  const sizes: [number, number, number, number][] = [
    [1, 5, 5, 1],
    [2, 7, 6, 3],
    [3, 8, 9, 2],
  ];
  const filters: [number, number][] = [
    [3, 3],
    [2, 3],
    [1, 1],
  ];
  for (const [batch, height, width, channels] of sizes) {
    for (const filter of filters) {
      for (const strides of [1, 2, [2, 1]] as (number | [number, number])[]) {
        for (const pad of ['same', 'valid', 1] as Pad[]) cases.push({ batch, height, width, channels, filter, strides, pad });
      }
    }
  }
  return cases;
}

/**
 * The shapes of a plain conv2d over every case of `convCases`, with 1 and 4 filters, in both data
 * formats: what the filter and input gradients are both checked on.
 */
function* conv2dShapes(): Generator<{ xShape: Shape4; filterShape: Shape4; dyShape: Shape4; c: ConvCase; dataFormat: 'NHWC' | 'NCHW'; label: string }> {
  for (const c of convCases()) {
    for (const outChannels of [1, 4]) {
      for (const dataFormat of ['NHWC', 'NCHW'] as const) {
        const channelsLast = dataFormat === 'NHWC';
        const xShape: Shape4 = channelsLast ? [c.batch, c.height, c.width, c.channels] : [c.batch, c.channels, c.height, c.width];
        const filterShape: Shape4 = [...c.filter, c.channels, outChannels];
        const dyShape = outShape(xShape, filterShape, c.strides, c.pad, false, 1, channelsLast);
        yield { xShape, filterShape, dyShape, c, dataFormat, label: describeCase(c, `, ${outChannels} filters, ${dataFormat}`) };
      }
    }
  }
}

const describeCase = (c: ConvCase, extra: string): string => `x ${c.batch}x${c.height}x${c.width}x${c.channels}, filter ${c.filter.join('x')}, strides ${c.strides}, pad ${c.pad}${extra}`;

describe('wasm kernels written in JavaScript', () => {
  it('are registered on the wasm backend, in place of its own where they replace it, once', () => {
    const functions = wasmTrainingKernels(tf).map(({ name }) => tf.getKernel(name, 'wasm')?.kernelFunc);
    registerWasmTrainingKernels(tf);
    wasmTrainingKernels(tf).forEach(({ name }, index) => {
      const registered = tf.getKernel(name, 'wasm');
      assert.ok(registered, name);
      assert.equal(registered.kernelFunc, functions[index], `${name} is registered once`);
      assert.equal(registered.setupFunc, undefined, `${name} is not the backend's own`);
    });
  });

  it('Conv2DBackpropFilter matches the cpu backend', async () => {
    for (const { xShape, filterShape, dyShape, c, dataFormat, label } of conv2dShapes()) {
      const inputs = { x: { shape: xShape, data: values(xShape) }, dy: { shape: dyShape, data: values(dyShape) } };
      const attrs = { strides: c.strides, pad: c.pad, dataFormat, dimRoundingMode: 'floor', filterShape };
      assertClose(await run('wasm', 'Conv2DBackpropFilter', inputs, attrs), await run('cpu', 'Conv2DBackpropFilter', inputs, attrs), label);
    }
  });

  it('DepthwiseConv2dNativeBackpropFilter and DepthwiseConv2dNativeBackpropInput match the cpu backend', async () => {
    for (const c of convCases()) {
      for (const multiplier of [1, 2, 3]) {
        const xShape: Shape4 = [c.batch, c.height, c.width, c.channels];
        const filterShape: Shape4 = [...c.filter, c.channels, multiplier];
        const dyShape = outShape(xShape, filterShape, c.strides, c.pad, true);
        const common = { strides: c.strides, dilations: 1, pad: c.pad, dimRoundingMode: 'floor' };
        const label = describeCase(c, `, multiplier ${multiplier}`);
        const dy = { shape: dyShape, data: values(dyShape) };
        const filterInputs = { x: { shape: xShape, data: values(xShape) }, dy };
        const filterAttrs = { ...common, filterShape };
        assertClose(await run('wasm', 'DepthwiseConv2dNativeBackpropFilter', filterInputs, filterAttrs), await run('cpu', 'DepthwiseConv2dNativeBackpropFilter', filterInputs, filterAttrs), `filter gradient, ${label}`);
        const inputInputs = { dy, filter: { shape: filterShape, data: values(filterShape) } };
        const inputAttrs = { ...common, inputShape: xShape };
        assertClose(await run('wasm', 'DepthwiseConv2dNativeBackpropInput', inputInputs, inputAttrs), await run('cpu', 'DepthwiseConv2dNativeBackpropInput', inputInputs, inputAttrs), `input gradient, ${label}`);
      }
    }
  });

  it('dilated depthwise gradients equal the sums of forward convolutions they stand for', async () => {
    // The convolution is linear in x and in w: dW[k] = Σ dy · conv(x, e_k) and dx[i] = Σ dy · conv(e_i, w).
    for (const [xShape, filter, dilations, pad] of [
      [[2, 7, 8, 2], [3, 3], 2, 'same'],
      [[1, 9, 7, 3], [2, 3], 3, 'valid'],
      [[2, 6, 6, 1], [3, 2], 2, 1],
    ] as [Shape4, [number, number], number, Pad][]) {
      const multiplier = 2;
      const filterShape: Shape4 = [...filter, xShape[3], multiplier];
      const dyShape = outShape(xShape, filterShape, 1, pad, true, dilations);
      const x = { shape: xShape, data: values(xShape) };
      const w = { shape: filterShape, data: values(filterShape) };
      const dy = { shape: dyShape, data: values(dyShape) };
      const common = { strides: 1, dilations, pad, dimRoundingMode: 'floor' };
      await tf.setBackend('cpu');
      const forwardDot = (xData: Float32Array, wData: Float32Array): number =>
        tf.tidy(() => {
          const y = tf.depthwiseConv2d(tf.tensor4d(xData, xShape) as Rank4, tf.tensor4d(wData, filterShape) as Rank4, 1, pad, 'NHWC', dilations, typeof pad === 'number' ? 'floor' : undefined);
          return tf.sum(tf.mul(y, tf.tensor(dy.data, dyShape))).dataSync()[0]!;
        });
      const unit = (size: number, index: number): Float32Array => {
        const basis = new Float32Array(size);
        basis[index] = 1;
        return basis;
      };
      const expectedFilter = { shape: filterShape, data: Float32Array.from(w.data, (_, k) => forwardDot(x.data, unit(w.data.length, k))) };
      const expectedInput = { shape: xShape, data: Float32Array.from(x.data, (_, i) => forwardDot(unit(x.data.length, i), w.data)) };
      await tf.setBackend('wasm');
      const label = `x ${xShape.join('x')}, filter ${filter.join('x')}, dilations ${dilations}, pad ${pad}`;
      assertClose(await run('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...common, filterShape }), expectedFilter, `filter gradient, ${label}`);
      assertClose(await run('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter: w }, { ...common, inputShape: xShape }), expectedInput, `input gradient, ${label}`);
    }
  });

  it('MaxPoolGrad matches the cpu backend, windows of negative values and ties included', async () => {
    for (const c of convCases()) {
      const xShape: Shape4 = [c.batch, c.height, c.width, c.channels];
      for (const strides of [c.strides, [1, 2]]) {
        const dyShape = tf.backend_util.computePool2DInfo(xShape, c.filter, strides as [number, number], 1, c.pad, 'floor').outShape;
        const attrs = { filterSize: c.filter, strides, pad: c.pad, dimRoundingMode: 'floor' };
        const dy = { shape: dyShape, data: values(dyShape) };
        const random = values(xShape);
        for (const [kind, data] of [
          ['random', random],
          ['mostly negative', random.map((value) => value - 0.9)],
          ['all zero', new Float32Array(random.length)],
        ] as const) {
          const inputs = { dy, input: { shape: xShape, data }, output: { shape: dyShape, data: new Float32Array(dy.data.length) } };
          assertClose(await run('wasm', 'MaxPoolGrad', inputs, attrs), await run('cpu', 'MaxPoolGrad', inputs, attrs), `${describeCase({ ...c, strides: strides as [number, number] }, '')}, ${kind} input`);
        }
      }
    }
  });

  it('MaxPool3DGrad matches the cpu backend, windows of negative values and ties included', async () => {
    // Windows as high as they are wide: the cpu backend mixes up the two when they differ.
    for (const [xShape, filterSize, strides, pad] of [
      [[1, 4, 5, 3, 2], [2, 2, 2], [2, 2, 1], 'valid'],
      [[2, 3, 4, 4, 1], [3, 2, 2], [1, 2, 2], 'same'],
      [[1, 5, 3, 4, 3], [2, 3, 3], [2, 1, 2], 1],
    ] as [number[], number[], number[], Pad][]) {
      const attrs = { filterSize, strides, pad, dimRoundingMode: 'floor' };
      const dyShape = tf.backend_util.computePool3DInfo(xShape as never, filterSize as never, strides as never, 1, pad, 'floor').outShape;
      const dy = { shape: dyShape, data: values(dyShape) };
      const random = values(xShape);
      for (const [kind, data] of [
        ['random', random],
        ['mostly negative', random.map((value) => value - 0.9)],
        ['all zero', new Float32Array(random.length)],
      ] as const) {
        const inputs = { dy, input: { shape: xShape, data }, output: { shape: dyShape, data: new Float32Array(dy.data.length) } };
        assertClose(await run('wasm', 'MaxPool3DGrad', inputs, attrs), await run('cpu', 'MaxPool3DGrad', inputs, attrs), `x ${xShape.join('x')}, filter ${filterSize.join('x')}, strides ${strides.join('x')}, pad ${pad}, ${kind} input`);
      }
    }
  });

  it('Conv2DBackpropInput matches the cpu backend', async () => {
    for (const { xShape, filterShape, dyShape, c, dataFormat, label } of conv2dShapes()) {
      const inputs = { dy: { shape: dyShape, data: values(dyShape) }, filter: { shape: filterShape, data: values(filterShape) } };
      const attrs = { strides: c.strides, pad: c.pad, dataFormat, dimRoundingMode: 'floor', inputShape: xShape };
      assertClose(await run('wasm', 'Conv2DBackpropInput', inputs, attrs), await run('cpu', 'Conv2DBackpropInput', inputs, attrs), label);
    }
  });

  it("the backend's own AvgPoolGrad, which average pooling layers use, matches the cpu backend", async () => {
    for (const c of convCases()) {
      const xShape: Shape4 = [c.batch, c.height, c.width, c.channels];
      const poolShape = tf.backend_util.computePool2DInfo(xShape, c.filter, c.strides, 1, c.pad, 'floor').outShape;
      const inputs = { dy: { shape: poolShape, data: values(poolShape) }, input: { shape: xShape, data: values(xShape) } };
      const attrs = { filterSize: c.filter, strides: c.strides, pad: c.pad, dimRoundingMode: 'floor' };
      assertClose(await run('wasm', 'AvgPoolGrad', inputs, attrs), await run('cpu', 'AvgPoolGrad', inputs, attrs), describeCase(c, ''));
    }
  });

  it('UnsortedSegmentSum matches the cpu backend, ids out of range dropped', async () => {
    for (const [rows, rowShape, numSegments] of [
      [6, [3], 4],
      [9, [2, 5], 3],
      [1, [], 2],
    ] as [number, number[], number][]) {
      const ids = Int32Array.from({ length: rows }, () => Math.floor(random.next() * (numSegments + 2)) - 1);
      const inputs = { x: { shape: [rows, ...rowShape], data: values([rows, ...rowShape]) }, segmentIds: { shape: [rows], data: ids, dtype: 'int32' as const } };
      assertClose(await run('wasm', 'UnsortedSegmentSum', inputs, { numSegments }), await run('cpu', 'UnsortedSegmentSum', inputs, { numSegments }), `${rows} rows of ${rowShape.join('x')}, ${numSegments} segments`);
    }
  });

  it('FloorDiv gives int32 whole numbers as the cpu backend does, a plain number as the divisor included', async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      await tf.setBackend(backend);
      const classes = tf.range(0, 40, 1, 'int32').floorDiv(10);
      assert.equal(classes.dtype, 'int32', backend);
      assert.deepEqual(Array.from(classes.dataSync()).slice(0, 12), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], backend);
      assert.equal(tf.oneHot(classes as import('@tensorflow/tfjs').Tensor1D, 4).shape.join('x'), '40x4', `${backend}: the quotient one-hot encodes`);
      const floats = tf.floorDiv(tf.tensor1d([-7.5, 7.5, 9]), tf.scalar(2));
      assert.deepEqual(Array.from(floats.dataSync()), [-4, 3, 4], backend);
      tf.dispose([classes, floats]);
    }
    await tf.setBackend('wasm');
  });
});
