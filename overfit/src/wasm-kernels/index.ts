/**
 * Training kernels for the WebAssembly backend (tfjs 4.22), written in JavaScript over the backend's
 * memory, so conv nets and embeddings train on wasm instead of the much slower cpu backend: the ones
 * it lacks (the filter gradient of conv2d, both gradients of depthwise conv2d, the segment sum behind
 * embedding gradients), the ones it gets wrong (the gradients of max pooling), and the input gradient
 * of conv2d, which it computes in a plain loop, as a convolution on XNNPACK instead. Floor division
 * keeps the backend's kernel and gives the dtype the cpu and WebGL backends give.
 */
import type { Tf } from '../tf';
import { conv2DBackpropFilter, conv2DBackpropInput } from './conv2d';
import { depthwiseConv2dNativeBackpropFilter, depthwiseConv2dNativeBackpropInput } from './depthwise';
import { int32FloorDiv } from './floor-div';
import type { KernelFunc } from './heap';
import { maxPool3DGrad, maxPoolGrad } from './pooling';
import { unsortedSegmentSum } from './segment-sum';

export interface WasmKernel {
  readonly name: string;
  /** The kernel, or what it makes of the backend's own (which it then takes the place of). */
  readonly kernelFunc: KernelFunc | { readonly wraps: (own: KernelFunc) => KernelFunc };
  /** It takes the place of the backend's own kernel of that name. */
  readonly replaces?: true;
}

export function wasmTrainingKernels(tf: Tf): WasmKernel[] {
  return [
    { name: 'Conv2DBackpropFilter', kernelFunc: (args) => conv2DBackpropFilter(tf, args) },
    { name: 'Conv2DBackpropInput', kernelFunc: (args) => conv2DBackpropInput(tf, args), replaces: true },
    { name: 'DepthwiseConv2dNativeBackpropFilter', kernelFunc: (args) => depthwiseConv2dNativeBackpropFilter(tf, args) },
    { name: 'DepthwiseConv2dNativeBackpropInput', kernelFunc: (args) => depthwiseConv2dNativeBackpropInput(tf, args) },
    { name: 'MaxPoolGrad', kernelFunc: (args) => maxPoolGrad(tf, args), replaces: true },
    { name: 'MaxPool3DGrad', kernelFunc: (args) => maxPool3DGrad(tf, args), replaces: true },
    { name: 'UnsortedSegmentSum', kernelFunc: unsortedSegmentSum },
    { name: 'FloorDiv', kernelFunc: { wraps: (own) => int32FloorDiv(tf, own) }, replaces: true },
  ];
}

/** The kernel functions registered here, to tell them from the backend's own. */
const registeredHere = new WeakSet<object>();

/**
 * Registers the kernels on the wasm backend: each one it lacks, and in place of its own the ones
 * marked so. Registering again changes nothing.
 */
export function registerWasmTrainingKernels(tf: Tf): void {
  for (const { name, kernelFunc: given, replaces } of wasmTrainingKernels(tf)) {
    const registered = tf.getKernel(name, 'wasm');
    if (registered && (!replaces || registeredHere.has(registered.kernelFunc))) continue;
    if (typeof given !== 'function' && !registered) continue;
    const kernelFunc = typeof given === 'function' ? given : given.wraps(registered!.kernelFunc as unknown as KernelFunc);
    if (registered) tf.unregisterKernel(name, 'wasm');
    registeredHere.add(kernelFunc);
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: kernelFunc as never });
  }
}
