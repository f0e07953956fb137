import * as tf from '@tensorflow/tfjs';

/**
 * Labels camera frames as they arrive, as the webcam examples do, but without tf.tidy: each pass
 * leaves tensors behind.
 */
export async function classifyFrames(model: tf.LayersModel, frames: AsyncIterable<tf.Tensor3D>, onLabel: (label: number) => void): Promise<void> {
  for await (const frame of frames) {
    const batch = frame.expandDims(0).toFloat().div(255);
//                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: tensor-leak-in-loop
    const probabilities = model.predict(batch) as tf.Tensor;
    const label = (await probabilities.argMax(-1).data())[0]!;
//                       ^^^^^^^^^^^^^^^^^^^^^^^^ warning: tensor-leak-in-loop
    onLabel(label);
    frame.dispose();
  }
}
