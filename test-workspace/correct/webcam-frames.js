import * as tf from '@tensorflow/tfjs';

/**
 * Labels webcam frames as they are drawn and the point under the mouse, the way the webcam and pose
 * demos do: each frame's tensors are made inside tf.tidy or disposed once read.
 */
const video = document.getElementById('webcam');
const label = document.getElementById('label');
const canvas = document.getElementById('canvas');
let model;

function renderFrame() {
  const best = tf.tidy(() => {
    const image = tf.browser.fromPixels(video).resizeBilinear([224, 224]).toFloat().div(255);
    const scores = model.predict(image.expandDims(0));
    return scores.argMax(-1);
  });
  label.textContent = `class ${best.dataSync()[0]}`;
  best.dispose();
  requestAnimationFrame(renderFrame);
}

function reportBrightness() {
  const brightness = tf.tidy(() => tf.browser.fromPixels(video).mean().dataSync()[0]);
  console.log(`brightness ${brightness.toFixed(1)}`);
}

canvas.addEventListener('mousemove', (event) => {
  const point = tf.tensor2d([[event.offsetX / canvas.width, event.offsetY / canvas.height]]);
  const total = point.sum();
  console.log(total.arraySync());
  tf.dispose([point, total]);
});

// Runs once: what it makes stays small and bounded.
window.addEventListener('load', () => {
  const warmUp = tf.zeros([1, 224, 224, 3]);
  console.log(warmUp.shape);
});

export async function start() {
  model = await tf.loadLayersModel('model/model.json');
  requestAnimationFrame(renderFrame);
  setInterval(reportBrightness, 1000);
}
