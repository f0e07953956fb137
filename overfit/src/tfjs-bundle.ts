/** The tfjs the check falls back to when @tensorflow/tfjs-node cannot load: bundled, with the wasm backend. */
export * as tf from '@tensorflow/tfjs';
export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
