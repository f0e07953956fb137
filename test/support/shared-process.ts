/**
 * Runs many test files in this one process, each file as a suite named after its path, so that
 * the compiler, the rules and tfjs's typings load once instead of once per file.
 * `scripts/run-tests.mjs` passes the files in TFJS_DOCTOR_SHARED_TESTS (a JSON list of paths).
 */
import * as path from 'node:path';
import { describe } from 'node:test';

const listed = process.env['TFJS_DOCTOR_SHARED_TESTS'];
if (listed === undefined) throw new Error('TFJS_DOCTOR_SHARED_TESTS lists no test files: run the tests with scripts/run-tests.mjs');

for (const file of JSON.parse(listed) as string[]) {
  describe(file, () => {
    // A file's tests join this suite only while the suite is being built, which a synchronous load
    // allows and `await import()` (which evaluates the file outside the suite's context) does not.
    require(path.resolve(file));
  });
}
