/** The filter gradient of conv2d, which the wasm backend lacks (tfjs 4.22). */
import type { Tf } from '../tf';
import { endInside, firstInside, outputWithViews, type KernelArgs, type TensorInfo } from './heap';

interface Conv2DBackpropFilterAttrs {
  readonly strides: [number, number] | number;
  readonly pad: 'valid' | 'same' | number;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly filterShape: [number, number, number, number];
}

/** Element strides of a 4-d tensor as [batch, row, column, channel], whichever its layout. */
function layoutStrides(channelsLast: boolean, height: number, width: number, channels: number): [number, number, number, number] {
  return channelsLast ? [height * width * channels, width * channels, channels, 1] : [channels * height * width, width, 1, height * width];
}

/**
 * dW[fh, fw, c, o] = Σ x[n, oh·sh − top + fh, ow·sw − left + fw, c] · dy[n, oh, ow, o].
 * For each filter tap the output positions that read inside the input are worked out once, so the
 * loops over them need no bounds tests; each position adds its outer product x[c] · dy[o].
 */
export function conv2DBackpropFilter(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const channelsLast = dataFormat !== 'NCHW';
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, channelsLast ? 'channelsLast' : 'channelsFirst');
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const { out, result: dw, inputs: [xs, dys] } = outputWithViews(backend, filterShape, [x, dy]);
  const [xsN, xsH, xsW, xsC] = layoutStrides(channelsLast, inHeight, inWidth, inChannels);
  const [dysN, dysH, dysW, dysC] = layoutStrides(channelsLast, outHeight, outWidth, outChannels);
  for (let fh = 0; fh < filterHeight; fh++) {
    const ohStart = firstInside(top - fh, strideHeight);
    const ohEnd = endInside(inHeight, top - fh, strideHeight, outHeight);
    for (let fw = 0; fw < filterWidth; fw++) {
      const owStart = firstInside(left - fw, strideWidth);
      const owEnd = endInside(inWidth, left - fw, strideWidth, outWidth);
      const wBase = (fh * filterWidth + fw) * inChannels * outChannels;
      for (let n = 0; n < batchSize; n++) {
        for (let oh = ohStart; oh < ohEnd; oh++) {
          const xRow = n * xsN + (oh * strideHeight - top + fh) * xsH;
          const dyRow = n * dysN + oh * dysH;
          for (let ow = owStart; ow < owEnd; ow++) {
            const xPixel = xRow + (ow * strideWidth - left + fw) * xsW;
            const dyPixel = dyRow + ow * dysW;
            for (let c = 0; c < inChannels; c++) {
              const value = xs[xPixel + c * xsC];
              // Inputs after a ReLU are mostly zero.
              if (value === 0) continue;
              const row = wBase + c * outChannels;
              for (let o = 0; o < outChannels; o++) dw[row + o] += value * dys[dyPixel + o * dysC];
            }
          }
        }
      }
    }
  }
  return out;
}
