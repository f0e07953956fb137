// Allocates 4 GB of array buffers it never writes to (so the memory is not resident yet), yielding
// between allocations.
const kept = [];
for (let i = 0; i < 16; i++) {
  kept.push(new ArrayBuffer(256 * 1024 * 1024));
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await new Promise(() => setInterval(() => undefined, 1000));
