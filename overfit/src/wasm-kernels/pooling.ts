/**
 * The gradients of max pooling, 2-d and 3-d. The wasm backend has both (tfjs 4.22), but they start
 * each window's maximum at the smallest positive float instead of −∞: a window whose values are all
 * zero or negative (max pooling over a linear conv, or over a ReLU's zeros) sends its gradient to the
 * first element of the whole tensor instead of to the window's maximum. These follow the cpu
 * backend: the gradient goes to the maximum of each window, the first of equal ones in row order for
 * 2-d pooling and the last for 3-d pooling.
 */
import type { Tf } from '../tf';
import { outputWithViews, type KernelArgs, type TensorInfo } from './heap';

type Size = number | number[];

interface MaxPoolGradAttrs {
  readonly filterSize: Size;
  readonly strides: Size;
  readonly pad: 'valid' | 'same' | number;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** A pooling's geometry over depth, height and width (depth 1 for 2-d pooling), channels last. */
interface PoolGeometry {
  readonly batchSize: number;
  readonly channels: number;
  readonly inDepth: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outDepth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly strideDepth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly filterDepth: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly front: number;
  readonly top: number;
  readonly left: number;
}

export function maxPoolGrad(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize as [number, number], strides as [number, number], 1, pad, dimRoundingMode);
  const geometry: PoolGeometry = { ...info, channels: info.inChannels, inDepth: 1, outDepth: 1, strideDepth: 1, filterDepth: 1, front: 0, top: info.padInfo.top, left: info.padInfo.left };
  return scatterToMaxima(backend, dy, input, geometry, false);
}

export function maxPool3DGrad(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool3DInfo(input.shape as [number, number, number, number, number], filterSize as [number, number, number], strides as [number, number, number], 1, pad, dimRoundingMode);
  const geometry: PoolGeometry = { ...info, channels: info.inChannels, front: info.padInfo.front, top: info.padInfo.top, left: info.padInfo.left };
  return scatterToMaxima(backend, dy, input, geometry, true);
}

/** dx[argmax of window (n, od, oh, ow, c)] += dy[n, od, oh, ow, c], windows clipped to the input. */
function scatterToMaxima(backend: unknown, dy: TensorInfo, input: TensorInfo, g: PoolGeometry, lastOfEqual: boolean): TensorInfo {
  const { batchSize, channels, inDepth, inHeight, inWidth, outDepth, outHeight, outWidth } = g;
  const { out, result: dx, inputs: [dys, xs] } = outputWithViews(backend, input.shape, [dy, input]);
  // The best value and its index so far, per channel of the current window.
  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  let dyPixel = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let od = 0; od < outDepth; od++) {
      const depthStart = Math.max(0, od * g.strideDepth - g.front);
      const depthEnd = Math.min(inDepth, od * g.strideDepth - g.front + g.filterDepth);
      for (let oh = 0; oh < outHeight; oh++) {
        const rowStart = Math.max(0, oh * g.strideHeight - g.top);
        const rowEnd = Math.min(inHeight, oh * g.strideHeight - g.top + g.filterHeight);
        for (let ow = 0; ow < outWidth; ow++, dyPixel += channels) {
          const columnStart = Math.max(0, ow * g.strideWidth - g.left);
          const columnEnd = Math.min(inWidth, ow * g.strideWidth - g.left + g.filterWidth);
          best.fill(-Infinity);
          where.fill(-1);
          for (let id = depthStart; id < depthEnd; id++) {
            for (let ih = rowStart; ih < rowEnd; ih++) {
              for (let iw = columnStart; iw < columnEnd; iw++) {
                const pixel = (((n * inDepth + id) * inHeight + ih) * inWidth + iw) * channels;
                for (let c = 0; c < channels; c++) {
                  const value = xs[pixel + c];
                  if (value > best[c] || (lastOfEqual && value === best[c])) {
                    best[c] = value;
                    where[c] = pixel + c;
                  }
                }
              }
            }
          }
          for (let c = 0; c < channels; c++) {
            const index = where[c];
            if (index >= 0) dx[index] += dys[dyPixel + c];
          }
        }
      }
    }
  }
  return out;
}
