/**
 * The gradient of max pooling. The wasm backend has one (tfjs 4.22), but it starts each window's
 * maximum at the smallest positive float instead of −∞: a window whose values are all zero or
 * negative (max pooling over a linear conv, or over a ReLU's zeros) sends its gradient to the first
 * element of the whole tensor instead of to the window's maximum. This one follows the cpu backend:
 * the gradient goes to the first maximum of each window, in row order.
 */
import type { Tf } from '../tf';
import { outputWithViews, type KernelArgs, type TensorInfo } from './heap';

interface MaxPoolGradAttrs {
  readonly filterSize: [number, number] | number;
  readonly strides: [number, number] | number;
  readonly pad: 'valid' | 'same' | number;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** dx[argmax of window (n, oh, ow, c)] += dy[n, oh, ow, c], windows clipped to the input. */
export function maxPoolGrad(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const { out, result: dx, inputs: [dys, xs] } = outputWithViews(backend, input.shape, [dy, input]);
  // The best value and its index so far, per channel of the current window.
  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = Math.max(0, oh * strideHeight - top);
      const rowEnd = Math.min(inHeight, oh * strideHeight - top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const columnStart = Math.max(0, ow * strideWidth - left);
        const columnEnd = Math.min(inWidth, ow * strideWidth - left + filterWidth);
        best.fill(-Infinity);
        where.fill(-1);
        for (let ih = rowStart; ih < rowEnd; ih++) {
          for (let iw = columnStart; iw < columnEnd; iw++) {
            const pixel = ((n * inHeight + ih) * inWidth + iw) * channels;
            for (let c = 0; c < channels; c++) {
              const value = xs[pixel + c];
              if (value > best[c]) {
                best[c] = value;
                where[c] = pixel + c;
              }
            }
          }
        }
        const dyPixel = ((n * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          const index = where[c];
          if (index >= 0) dx[index] += dys[dyPixel + c];
        }
      }
    }
  }
  return out;
}
