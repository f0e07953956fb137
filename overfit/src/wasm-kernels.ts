/**
 * Training kernels the WebAssembly backend lacks (tfjs 4.22): the filter gradient of conv2d and the
 * segment sum behind embedding gradients. Written in JavaScript over the backend's memory, so conv
 * nets and embeddings train on wasm instead of falling back to the much slower cpu backend.
 */
import type { Tf } from './tf';

type TensorInfo = import('@tensorflow/tfjs').TensorInfo;
type DataType = import('@tensorflow/tfjs').DataType;

interface WasmBackend {
  readSync(dataId: unknown): ArrayLike<number>;
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

interface KernelArgs {
  readonly inputs: Record<string, TensorInfo>;
  readonly backend: unknown;
  readonly attrs?: Record<string, unknown>;
}

/** dW[fh, fw, c, o] = Σ x[n, oh·sh − top + fh·dh, ow·sw − left + fw·dw, c] · dy[n, oh, ow, o]. */
function conv2DBackpropFilter(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const wasm = backend as WasmBackend;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
  if (dataFormat === 'NCHW') throw new Error("Conv2DBackpropFilter on wasm supports only dataFormat 'NHWC'");
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const xs = wasm.readSync(x.dataId);
  const dys = wasm.readSync(dy.dataId);
  const out = wasm.makeOutput(filterShape, x.dtype);
  const dw = wasm.typedArrayFromHeap(out) as Float32Array;
  dw.fill(0);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth, dilationHeight, dilationWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyBase = ((n * outHeight + oh) * outWidth + ow) * outChannels;
        for (let fh = 0; fh < filterHeight; fh++) {
          const ih = oh * strideHeight - top + fh * dilationHeight;
          if (ih < 0 || ih >= inHeight) continue;
          for (let fw = 0; fw < filterWidth; fw++) {
            const iw = ow * strideWidth - left + fw * dilationWidth;
            if (iw < 0 || iw >= inWidth) continue;
            const xBase = ((n * inHeight + ih) * inWidth + iw) * inChannels;
            const wBase = (fh * filterWidth + fw) * inChannels * outChannels;
            for (let c = 0; c < inChannels; c++) {
              const value = xs[xBase + c]!;
              if (value === 0) continue;
              const row = wBase + c * outChannels;
              for (let o = 0; o < outChannels; o++) dw[row + o]! += value * dys[dyBase + o]!;
            }
          }
        }
      }
    }
  }
  return out;
}

/** out[segmentIds[i], ...] += x[i, ...]: the gradient of gather, used by Embedding layers. */
function unsortedSegmentSum({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const wasm = backend as WasmBackend;
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const rowSize = x.shape.slice(1).reduce((a, b) => a * b, 1);
  const xs = wasm.readSync(x.dataId);
  const ids = wasm.readSync(segmentIds.dataId);
  const out = wasm.makeOutput([numSegments, ...x.shape.slice(1)], x.dtype);
  const sums = wasm.typedArrayFromHeap(out);
  sums.fill(0);
  for (let row = 0; row < ids.length; row++) {
    const segment = ids[row]!;
    if (segment < 0 || segment >= numSegments) continue;
    for (let k = 0; k < rowSize; k++) sums[segment * rowSize + k]! += xs[row * rowSize + k]!;
  }
  return out;
}

/** Registers the missing kernels on the wasm backend, once. */
export function registerMissingWasmKernels(tf: Tf): void {
  const kernels: [string, (args: KernelArgs) => TensorInfo][] = [
    ['Conv2DBackpropFilter', (args) => conv2DBackpropFilter(tf, args)],
    ['UnsortedSegmentSum', unsortedSegmentSum],
  ];
  for (const [kernelName, kernelFunc] of kernels) {
    if (tf.getKernel(kernelName, 'wasm')) continue;
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as never });
  }
}
