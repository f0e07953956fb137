// Runs the compiled test files under out/ with node:test (Node 20 has no glob support in --test).
//
// Most test files run together in one process (test/support/shared-process.ts), which loads the
// compiler and the rules once. A file that starts language servers or command lines and waits on
// them, or that changes the state of its process (environment, loaded tfjs backends), declares
//   // test-process: own
// on a line of its own and runs in a process of its own, beside the shared one.
//
// Usage: node scripts/run-tests.mjs [part of a test file's path ...]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const root = 'out';
const sharedEntry = join(root, 'test', 'support', 'shared-process.js');
const ownProcessMarker = /^\/\/ test-process: own\b/m;

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.test.js')) files.push(full);
  }
};
walk(root);
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((file) => filter.some((part) => file.includes(part))) : files;
if (selected.length === 0) {
  console.error('no test files found under out/ (run tsc first)');
  process.exit(1);
}

const own = selected.filter((file) => ownProcessMarker.test(readFileSync(file, 'utf8')));
const shared = selected.filter((file) => !own.includes(file));
// The shared process comes first: it runs longest, and the files of their own run beside it.
const entries = [...(shared.length ? [sharedEntry] : []), ...own];
process.env['TFJS_DOCTOR_SHARED_TESTS'] = JSON.stringify(shared);
// Through the API rather than `node --test --test-concurrency`: the flag would also reach each
// file's process and run the tests of one file at the same time as each other.
run({ files: entries, concurrency: Math.max(2, availableParallelism()) })
  .on('test:fail', () => {
    process.exitCode = 1;
  })
  .compose(new spec())
  .pipe(process.stdout);
