/**
 * What the kernels written in JavaScript need of the wasm backend: an output allocated on its heap,
 * and views of the inputs' and the output's memory, read and written in place without copies.
 */
type TensorInfo = import('@tensorflow/tfjs').TensorInfo;
type DataType = import('@tensorflow/tfjs').DataType;

export type { TensorInfo };

/** The members of tfjs-backend-wasm's BackendWasm the kernels use. */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: unknown): boolean;
}

export interface KernelArgs {
  readonly inputs: Record<string, TensorInfo>;
  readonly backend: unknown;
  readonly attrs?: Record<string, unknown>;
}

export type KernelFunc = (args: KernelArgs) => TensorInfo;

export interface HeapViews<Result = Float32Array> {
  readonly out: TensorInfo;
  /** The output's memory, zeroed. */
  readonly result: Result;
  /** The inputs' values, in the order given. */
  readonly inputs: Float32Array[];
}

/**
 * Allocates a float32 output and returns views of it and of the inputs. The views are made after the
 * allocation because growing the heap detaches every view made before it. Inputs of another dtype
 * are copied to float32, so the kernels' loops only ever see one array type and stay optimised.
 */
export function outputWithViews(backend: unknown, shape: number[], inputs: readonly TensorInfo[]): HeapViews;
/** The same with an output of the given dtype (a kernel whose output keeps its input's dtype). */
export function outputWithViews(backend: unknown, shape: number[], inputs: readonly TensorInfo[], dtype: DataType): HeapViews<Float32Array | Int32Array | Uint8Array>;
export function outputWithViews(backend: unknown, shape: number[], inputs: readonly TensorInfo[], dtype: DataType = 'float32'): HeapViews<Float32Array | Int32Array | Uint8Array> {
  const wasm = backend as WasmBackend;
  const out = wasm.makeOutput(shape, dtype);
  const result = wasm.typedArrayFromHeap(out);
  result.fill(0);
  const views = inputs.map((input) => {
    const view = wasm.typedArrayFromHeap(input);
    return view instanceof Float32Array ? view : Float32Array.from(view);
  });
  return { out, result, inputs: views };
}

/** The first output index o whose input index o·stride − offset is not negative. */
export function firstInside(offset: number, stride: number): number {
  return Math.max(0, Math.ceil(offset / stride));
}

/** One past the last output index o whose input index o·stride − offset is below inSize. */
export function endInside(inSize: number, offset: number, stride: number, outSize: number): number {
  return Math.min(outSize, Math.ceil((inSize + offset) / stride));
}

/** A float32 view of a tensor on the heap; valid until the next allocation. */
export function floatView(backend: unknown, info: TensorInfo): Float32Array {
  return (backend as WasmBackend).typedArrayFromHeap(info) as Float32Array;
}

/** Frees a tensor made inside a kernel, which the engine never sees. */
export function release(backend: unknown, ...infos: TensorInfo[]): void {
  for (const info of infos) (backend as WasmBackend).disposeData(info.dataId);
}
