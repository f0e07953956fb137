// A page's script that trains its model in a web worker, and only shows the progress.
const worker = new Worker(new URL('./trainer.mjs', import.meta.url), { type: 'module' });
worker.onmessage = (event) => console.log(`loss ${event.data.loss}`);
worker.postMessage({ epochs: 5 });
