// Fills ever more memory outside the JavaScript heap (1.5 GB at most), in a loop that never yields.
const kept = [];
for (let i = 0; i < 48; i++) kept.push(Buffer.alloc(32 * 1024 * 1024, 1));
for (;;) {
  // Holds on to it.
}
