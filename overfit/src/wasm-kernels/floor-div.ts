import type { Tf } from '../tf';
import { release, type KernelFunc } from './heap';

/**
 * Floor division on wasm gives the dtype of its inputs, float32 once one is a plain number
 * (`tf.range(0, 40, 1, 'int32').floorDiv(10)`), where the cpu and WebGL backends, which browser code
 * runs on, give int32 whatever the inputs: code that one-hot encodes the quotient works there and
 * throws on wasm ("'indices' passed to 'oneHot' must be int32"). The check runs such code on wasm,
 * so its floor division gives int32 as theirs does (a floor is a whole number: the cast is exact).
 */
export function int32FloorDiv(tf: Tf, own: KernelFunc): KernelFunc {
  return (args) => {
    const quotient = own(args);
    if (quotient.dtype === 'int32') return quotient;
    const cast = tf.getKernel('Cast', 'wasm')!.kernelFunc as unknown as KernelFunc;
    const whole = cast({ inputs: { x: quotient }, backend: args.backend, attrs: { dtype: 'int32' } });
    release(args.backend, quotient);
    return whole;
  };
}
