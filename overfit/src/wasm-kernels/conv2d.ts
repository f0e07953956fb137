/** The filter gradient of conv2d, which the wasm backend lacks (tfjs 4.22). */
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
