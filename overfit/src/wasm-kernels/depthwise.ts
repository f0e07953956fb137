/**
 * The gradients of depthwise conv2d (depthwiseConv2d and separableConv2d layers), which the wasm
 * backend lacks (tfjs 4.22). Layout NHWC, filter [fh, fw, c, m]: output channel c·M + m is input
 * channel c convolved with filter column m.
 */
import type { Tf } from '../tf';
import { endInside, firstInside, outputWithViews, type KernelArgs, type TensorInfo } from './heap';

type Pair = [number, number] | number;

interface DepthwiseAttrs {
  readonly strides: Pair;
  readonly dilations?: Pair;
  readonly pad: 'valid' | 'same' | number;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type Shape4 = [number, number, number, number];

type Conv2DInfo = ReturnType<Tf['backend_util']['computeConv2DInfo']>;

/**
 * Calls `visit` once per (filter tap, output position) pair whose input pixel lies inside the image,
 * with the offsets of that input pixel in x (NHWC), of the output position in dy, and of the tap in
 * the filter: both gradients sum over the same pairs, each with its own per-channel work.
 */
function forEachTap(info: Conv2DInfo, visit: (xPixel: number, dyPixel: number, wBase: number) => void): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth, dilationHeight, dilationWidth } = info;
  const { top, left } = info.padInfo;
  for (let fh = 0; fh < filterHeight; fh++) {
    const ohStart = firstInside(top - fh * dilationHeight, strideHeight);
    const ohEnd = endInside(inHeight, top - fh * dilationHeight, strideHeight, outHeight);
    for (let fw = 0; fw < filterWidth; fw++) {
      const owStart = firstInside(left - fw * dilationWidth, strideWidth);
      const owEnd = endInside(inWidth, left - fw * dilationWidth, strideWidth, outWidth);
      const wBase = (fh * filterWidth + fw) * outChannels;
      for (let n = 0; n < batchSize; n++) {
        for (let oh = ohStart; oh < ohEnd; oh++) {
          const ih = oh * strideHeight - top + fh * dilationHeight;
          const xRow = (n * inHeight + ih) * inWidth;
          const dyRow = (n * outHeight + oh) * outWidth;
          for (let ow = owStart; ow < owEnd; ow++) {
            const iw = ow * strideWidth - left + fw * dilationWidth;
            visit((xRow + iw) * inChannels, (dyRow + ow) * outChannels, wBase);
          }
        }
      }
    }
  }
}

/** dW[fh, fw, c, m] = Σ x[n, oh·sh − top + fh·dh, ow·sw − left + fw·dw, c] · dy[n, oh, ow, c·M + m]. */
export function depthwiseConv2dNativeBackpropFilter(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as DepthwiseAttrs & { filterShape: Shape4 };
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, dilations ?? 1, pad, dimRoundingMode, true);
  const { inChannels, outChannels } = info;
  const multiplier = outChannels / inChannels;
  const { out, result: dw, inputs: [xs, dys] } = outputWithViews(backend, filterShape, [x, dy]);
  forEachTap(info, (xPixel, dyPixel, wBase) => {
    for (let c = 0; c < inChannels; c++) {
      const value = xs[xPixel + c]!;
      if (value === 0) continue;
      const channel = c * multiplier;
      for (let m = 0; m < multiplier; m++) dw[wBase + channel + m] += value * dys[dyPixel + channel + m]!;
    }
  });
  return out;
}

/**
 * dx[n, ih, iw, c] = Σ dy[n, oh, ow, c·M + m] · w[fh, fw, c, m] over the taps with
 * ih = oh·sh − top + fh·dh and iw = ow·sw − left + fw·dw: each output position spreads its gradient
 * back over the input pixels its window read.
 */
export function depthwiseConv2dNativeBackpropInput(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as DepthwiseAttrs & { inputShape: Shape4 };
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4, strides, dilations ?? 1, pad, dimRoundingMode, true);
  const { inChannels, outChannels } = info;
  const multiplier = outChannels / inChannels;
  const { out, result: dx, inputs: [dys, ws] } = outputWithViews(backend, inputShape, [dy, filter]);
  forEachTap(info, (xPixel, dyPixel, wBase) => {
    for (let c = 0; c < inChannels; c++) {
      const channel = c * multiplier;
      let sum = 0;
      for (let m = 0; m < multiplier; m++) sum += dys[dyPixel + channel + m]! * ws[wBase + channel + m]!;
      dx[xPixel + c] += sum;
    }
  });
  return out;
}
