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

/**
 * The geometry as an object of one fixed shape: objects spread from tfjs's pooling info change
 * shape from call to call, and every change threw the optimised loops away.
 */
function geometry(info: Omit<PoolGeometry, 'channels' | 'front' | 'top' | 'left'> & { inChannels: number; padInfo: { front: number; top: number; left: number } }): PoolGeometry {
  return {
    batchSize: info.batchSize,
    channels: info.inChannels,
    inDepth: info.inDepth,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    outDepth: info.outDepth,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    strideDepth: info.strideDepth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    filterDepth: info.filterDepth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    front: info.padInfo.front,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}

export function maxPoolGrad(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize as [number, number], strides as [number, number], 1, pad, dimRoundingMode);
  return scatterToMaxima(backend, dy, input, geometry({ ...info, inDepth: 1, outDepth: 1, strideDepth: 1, filterDepth: 1, padInfo: { ...info.padInfo, front: 0 } }), false);
}

export function maxPool3DGrad(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool3DInfo(input.shape as [number, number, number, number, number], filterSize as [number, number, number], strides as [number, number, number], 1, pad, dimRoundingMode);
  return scatterToMaxima(backend, dy, input, geometry(info), true);
}

/** dx[argmax of window (n, od, oh, ow, c)] += dy[n, od, oh, ow, c], windows clipped to the input. */
function scatterToMaxima(backend: unknown, dy: TensorInfo, input: TensorInfo, g: PoolGeometry, lastOfEqual: boolean): TensorInfo {
  const { batchSize, channels, inDepth, inHeight, inWidth, outDepth, outHeight, outWidth } = g;
  const { out, result: dx, inputs: [dys, xs] } = outputWithViews(backend, input.shape, [dy, input]);
  const rowStride = inWidth * channels;
  const sliceStride = inHeight * rowStride;
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
          const windowStart = n * inDepth * sliceStride + depthStart * sliceStride + rowStart * rowStride + columnStart * channels;
          const slices = depthEnd - depthStart;
          const rows = rowEnd - rowStart;
          const columnsEnd = (columnEnd - columnStart) * channels;
          for (let c = 0; c < channels; c++) {
            let best = -Infinity;
            let where = -1;
            for (let slice = 0, sliceBase = windowStart + c; slice < slices; slice++, sliceBase += sliceStride) {
              for (let row = 0, rowBase = sliceBase; row < rows; row++, rowBase += rowStride) {
                for (let column = 0; column < columnsEnd; column += channels) {
                  const value = xs[rowBase + column];
                  if (value > best || (lastOfEqual && value === best)) {
                    best = value;
                    where = rowBase + column;
                  }
                }
              }
            }
            if (where >= 0) dx[where] += dys[dyPixel + c];
          }
        }
      }
    }
  }
  return out;
}
