/**
 * The gradients of conv2d on the wasm backend (tfjs 4.22), both run as convolutions by its own Conv2D
 * (XNNPACK): the filter gradient, which it lacks, and the input gradient, which it computes in a
 * plain loop many times slower.
 */
import type { Tf } from '../tf';
import { floatView, release, type KernelArgs, type TensorInfo, type WasmBackend } from './heap';

interface Conv2DBackpropFilterAttrs {
  readonly strides: [number, number] | number;
  readonly pad: 'valid' | 'same' | number;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly filterShape: [number, number, number, number];
}

type Shape4 = [number, number, number, number];

/** Element strides of a 4-d tensor as [batch, row, column, channel], whichever its layout. */
function layoutStrides(channelsLast: boolean, height: number, width: number, channels: number): Shape4 {
  return channelsLast ? [height * width * channels, width * channels, channels, 1] : [channels * height * width, width, 1, height * width];
}

/**
 * dW[fh, fw, c, o] = Σ x[n, oh·sh − top + fh, ow·sw − left + fw, c] · dy[n, oh, ow, o]
 *
 * is itself a convolution, run by the backend's own Conv2D (XNNPACK, many times faster than any
 * loop in JavaScript): the input is x with its channels as the batch and its batch as the channels,
 * [C, H, W, N]; the filter is dy as [OH, OW, N, O]; the stride of the original becomes the dilation,
 * and the output [C, FH, FW, O] is dW with its first axis moved. The input is padded here, not by
 * XNNPACK, which is several times slower with padding around a filter this large; rows and columns
 * no window reads are left out.
 */
export function conv2DBackpropFilter(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const channelsLast = dataFormat !== 'NCHW';
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false, channelsLast ? 'channelsLast' : 'channelsFirst');
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  // Every window, as the padded input the convolution reads.
  const paddedHeight = (outHeight - 1) * strideHeight + filterHeight;
  const paddedWidth = (outWidth - 1) * strideWidth + filterWidth;

  const wasm = backend as WasmBackend;
  const images = wasm.makeOutput([inChannels, paddedHeight, paddedWidth, batchSize], 'float32');
  const gradients = wasm.makeOutput([outHeight, outWidth, batchSize, outChannels], 'float32');
  // Views after every allocation: growing the heap detaches the views made before.
  const padded = floatView(backend, images);
  padded.fill(0);
  transposeInput(floatView(backend, x), padded, layoutStrides(channelsLast, inHeight, inWidth, inChannels), { batchSize, inHeight, inWidth, inChannels, paddedHeight, paddedWidth, top, left });
  transposeGradient(floatView(backend, dy), floatView(backend, gradients), layoutStrides(channelsLast, outHeight, outWidth, outChannels), batchSize, outHeight, outWidth, outChannels);

  const conv2D = tf.getKernel('Conv2D', 'wasm')!.kernelFunc as unknown as (args: KernelArgs) => TensorInfo;
  const byChannel = conv2D({
    inputs: { x: images, filter: gradients },
    backend,
    attrs: { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: [strideHeight, strideWidth] },
  });
  const out = wasm.makeOutput(filterShape, 'float32');
  const dw = floatView(backend, out);
  const source = floatView(backend, byChannel);
  // [C, FH, FW, O] -> [FH, FW, C, O]
  const taps = filterHeight * filterWidth;
  for (let c = 0; c < inChannels; c++) {
    for (let tap = 0; tap < taps; tap++) {
      const from = (c * taps + tap) * outChannels;
      const to = (tap * inChannels + c) * outChannels;
      for (let o = 0; o < outChannels; o++) dw[to + o] = source[from + o];
    }
  }
  release(backend, images, gradients, byChannel);
  return out;
}

interface PaddedInput {
  readonly batchSize: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly paddedHeight: number;
  readonly paddedWidth: number;
  readonly top: number;
  readonly left: number;
}

/** x (either layout) -> [C, top + H + bottom, left + W + right, N], zero-padded, cropped to what windows read. */
function transposeInput(x: Float32Array, images: Float32Array, [sN, sH, sW, sC]: Shape4, shape: PaddedInput): void {
  const { batchSize, inChannels, paddedHeight, paddedWidth, top, left } = shape;
  const rows = Math.min(shape.inHeight, paddedHeight - top);
  const columns = Math.min(shape.inWidth, paddedWidth - left);
  for (let c = 0; c < inChannels; c++) {
    for (let h = 0; h < rows; h++) {
      for (let w = 0; w < columns; w++) {
        const to = ((c * paddedHeight + h + top) * paddedWidth + w + left) * batchSize;
        const from = c * sC + h * sH + w * sW;
        for (let n = 0; n < batchSize; n++) images[to + n] = x[from + n * sN];
      }
    }
  }
}

/** dy (either layout) -> [OH, OW, N, O]. */
function transposeGradient(dy: Float32Array, gradients: Float32Array, [sN, sH, sW, sC]: Shape4, batch: number, height: number, width: number, channels: number): void {
  for (let h = 0; h < height; h++) {
    for (let w = 0; w < width; w++) {
      for (let n = 0; n < batch; n++) {
        const to = ((h * width + w) * batch + n) * channels;
        const from = n * sN + h * sH + w * sW;
        for (let o = 0; o < channels; o++) gradients[to + o] = dy[from + o * sC];
      }
    }
  }
}

interface Conv2DBackpropInputAttrs {
  readonly strides: [number, number] | number;
  readonly pad: 'valid' | 'same' | number;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly inputShape: [number, number, number, number];
}

/**
 * dx[n, ih, iw, c] = Σ dy[n, oh, ow, o] · w[fh, fw, c, o] over ih = oh·sh − top + fh, iw = ow·sw − left + fw
 *
 * is a convolution too, run by the backend's own Conv2D: dy spread out by the strides (zeros between)
 * and padded to [N, H + FH − 1, W + FW − 1, O], with the filter turned half a circle and its channel
 * axes swapped, [FH, FW, O, C]. The wasm backend's Conv2DBackpropInput is correct but a plain loop,
 * many times slower.
 */
export function conv2DBackpropInput(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
  const channelsLast = dataFormat !== 'NCHW';
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4, strides, 1, pad, dimRoundingMode, false, channelsLast ? 'channelsLast' : 'channelsFirst');
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const spreadHeight = inHeight + filterHeight - 1;
  const spreadWidth = inWidth + filterWidth - 1;
  // Where dy[·, 0, 0, ·] lands in the spread-out gradient.
  const firstRow = filterHeight - 1 - info.padInfo.top;
  const firstColumn = filterWidth - 1 - info.padInfo.left;

  const wasm = backend as WasmBackend;
  const spread = wasm.makeOutput([batchSize, spreadHeight, spreadWidth, outChannels], 'float32');
  const turned = wasm.makeOutput([filterHeight, filterWidth, outChannels, inChannels], 'float32');
  const spreadValues = floatView(backend, spread);
  spreadValues.fill(0);
  const dys = floatView(backend, dy);
  const [sN, sH, sW, sC] = layoutStrides(channelsLast, outHeight, outWidth, outChannels);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const row = firstRow + oh * strideHeight;
      if (row < 0 || row >= spreadHeight) continue;
      for (let ow = 0; ow < outWidth; ow++) {
        const column = firstColumn + ow * strideWidth;
        if (column < 0 || column >= spreadWidth) continue;
        const to = ((n * spreadHeight + row) * spreadWidth + column) * outChannels;
        const from = n * sN + oh * sH + ow * sW;
        for (let o = 0; o < outChannels; o++) spreadValues[to + o] = dys[from + o * sC];
      }
    }
  }
  const ws = floatView(backend, filter);
  const turnedValues = floatView(backend, turned);
  for (let fh = 0; fh < filterHeight; fh++) {
    for (let fw = 0; fw < filterWidth; fw++) {
      const from = (fh * filterWidth + fw) * inChannels * outChannels;
      const to = ((filterHeight - 1 - fh) * filterWidth + (filterWidth - 1 - fw)) * outChannels * inChannels;
      for (let c = 0; c < inChannels; c++) {
        for (let o = 0; o < outChannels; o++) turnedValues[to + o * inChannels + c] = ws[from + c * outChannels + o];
      }
    }
  }

  const conv2D = tf.getKernel('Conv2D', 'wasm')!.kernelFunc as unknown as (args: KernelArgs) => TensorInfo;
  const dx = conv2D({ inputs: { x: spread, filter: turned }, backend, attrs: { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 } });
  release(backend, spread, turned);
  if (channelsLast) return dx;
  // [N, H, W, C] -> [N, C, H, W]
  const out = wasm.makeOutput(inputShape, 'float32');
  const source = floatView(backend, dx);
  const target = floatView(backend, out);
  const plane = inHeight * inWidth;
  for (let n = 0; n < batchSize; n++) {
    for (let pixel = 0; pixel < plane; pixel++) {
      const from = (n * plane + pixel) * inChannels;
      for (let c = 0; c < inChannels; c++) target[(n * inChannels + c) * plane + pixel] = source[from + c];
    }
  }
  release(backend, dx);
  return out;
}
