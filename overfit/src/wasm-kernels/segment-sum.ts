/** The segment sum behind the gradient of gather (Embedding layers), which the wasm backend lacks (tfjs 4.22). */
import { outputWithViews, type KernelArgs, type TensorInfo } from './heap';

/** out[segmentIds[i], ...] += x[i, ...]; rows with an id outside [0, numSegments) are dropped. */
export function unsortedSegmentSum({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const rowSize = x.shape.slice(1).reduce((a, b) => a * b, 1);
  const { out, result: sums, inputs: [xs, ids] } = outputWithViews(backend, [numSegments, ...x.shape.slice(1)], [x, segmentIds], x.dtype);
  for (let row = 0; row < ids.length; row++) {
    const segment = ids[row];
    if (segment < 0 || segment >= numSegments) continue;
    const from = row * rowSize;
    const to = segment * rowSize;
    for (let k = 0; k < rowSize; k++) sums[to + k] += xs[from + k];
  }
  return out;
}
