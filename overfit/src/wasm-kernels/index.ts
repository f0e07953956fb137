/**
 * Training kernels the WebAssembly backend lacks (tfjs 4.22), written in JavaScript over the
 * backend's memory, so conv nets and embeddings train on wasm instead of the much slower cpu backend:
 * the filter gradient of conv2d, both gradients of depthwise conv2d, and the segment sum behind
 * embedding gradients.
 */
import type { Tf } from '../tf';
import { conv2DBackpropFilter } from './conv2d';
import { depthwiseConv2dNativeBackpropFilter, depthwiseConv2dNativeBackpropInput } from './depthwise';
import type { KernelFunc } from './heap';
import { unsortedSegmentSum } from './segment-sum';

/** The kernels, by their tfjs name. */
export function missingWasmKernels(tf: Tf): [string, KernelFunc][] {
  return [
    ['Conv2DBackpropFilter', (args) => conv2DBackpropFilter(tf, args)],
    ['DepthwiseConv2dNativeBackpropFilter', (args) => depthwiseConv2dNativeBackpropFilter(tf, args)],
    ['DepthwiseConv2dNativeBackpropInput', (args) => depthwiseConv2dNativeBackpropInput(tf, args)],
    ['UnsortedSegmentSum', unsortedSegmentSum],
  ];
}

/** Registers the kernels on the wasm backend, each unless it already has one of that name. */
export function registerMissingWasmKernels(tf: Tf): void {
  for (const [kernelName, kernelFunc] of missingWasmKernels(tf)) {
    if (tf.getKernel(kernelName, 'wasm')) continue;
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as never });
  }
}
