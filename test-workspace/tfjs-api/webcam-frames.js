import * as tf from '@tensorflow/tfjs';

/**
 * Labels webcam frames as they are drawn and the point under the mouse, the way the webcam and pose
 * demos do, but without tf.tidy: every frame, every tick and every mouse move leaves tensors behind.
 */
const video = document.getElementById('webcam');
const label = document.getElementById('label');
const canvas = document.getElementById('canvas');
let model;

function renderFrame() {
  const image = tf.browser.fromPixels(video).resizeBilinear([224, 224]).toFloat().div(255);
//              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: tensor-leak-per-call
  const scores = model.predict(image.expandDims(0));
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: tensor-leak-per-call
  label.textContent = `class ${scores.argMax(-1).dataSync()[0]}`;
//                             ^^^^^^^^^^^^^^^^^ warning: tensor-leak-per-call
  requestAnimationFrame(renderFrame);
}

function reportBrightness() {
  const brightness = tf.browser.fromPixels(video).mean().dataSync()[0];
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: tensor-leak-per-call
  console.log(`brightness ${brightness.toFixed(1)}`);
}

canvas.addEventListener('mousemove', (event) => {
  const point = tf.tensor2d([[event.offsetX / canvas.width, event.offsetY / canvas.height]]);
//              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: tensor-leak-per-call
  console.log(point.sum().arraySync());
//            ^^^^^^^^^^^ warning: tensor-leak-per-call
});

export async function start() {
  model = await tf.loadLayersModel('model/model.json');
  requestAnimationFrame(renderFrame);
  setInterval(reportBrightness, 1000);
}
