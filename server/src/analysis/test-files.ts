import * as path from 'node:path';
import { ts } from './typescript';

/** `model.test.ts`, `model.spec.js`, `model_test.js`, `model_spec.mjs`. */
const TEST_FILE_NAME = /[._](test|spec)\.[cm]?[jt]sx?$/;
/** Folders whose files are tests, below the project root. */
const TEST_FOLDERS = new Set(['test', 'tests', '__tests__']);

/**
 * Whether a file is test code: named like a test (`*.test.*`, `*.spec.*`, `*_test.*`, `*_spec.*`) or
 * inside a `test/`, `tests/` or `__tests__/` folder of its project. Folders count from the project's
 * root (the nearest folder with a package.json) down, so that a project that happens to live in a
 * folder named `test` is not all test code; without a package.json only the file's own folder counts.
 */
export function isTestFile(file: string, exists: (file: string) => boolean): boolean {
  if (TEST_FILE_NAME.test(path.basename(file))) return true;
  const folders: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (exists(path.join(dir, 'package.json'))) break;
    folders.push(path.basename(dir));
    if (path.dirname(dir) === dir) {
      // No project root: only the file's own folder tells.
      folders.length = Math.min(folders.length, 1);
      break;
    }
  }
  return folders.some((folder) => TEST_FOLDERS.has(folder));
}

/** Assertion methods whose function argument is expected to throw (`assert.throws(fn)`, `t.throwsAsync(fn)`). */
const THROWS_ASSERTIONS = /^(throws|throwsAsync|rejects|rejectsAsync|isRejected)$/;
/** Matchers that expect the function given to `expect` to throw (`toThrow`, `toThrowError`, chai's `throw`). */
const THROW_MATCHERS = /^(toThrow\w*|throw|throws|rejects|rejectedWith)$/;

/**
 * Whether the functions passed to this call are expected to throw: `assert.throws(fn)`, or `expect(fn)`
 * followed by a throw matcher (`expect(fn).toThrow()`, `expect(fn).to.throw()`), not negated.
 */
export function expectsThrow(call: ts.Node): boolean {
  if (!ts.isCallExpression(call)) return false;
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && THROWS_ASSERTIONS.test(callee.name.text)) return true;
  if (!ts.isIdentifier(callee) || callee.text !== 'expect') return false;
  let current: ts.Node = call;
  for (let steps = 0; steps < 8; steps++) {
    const parent = current.parent;
    if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === current) {
      const name = parent.name.text;
      if (name === 'not') return false;
      if (THROW_MATCHERS.test(name)) return true;
      current = parent;
    } else if (parent && ts.isCallExpression(parent) && parent.expression === current) {
      current = parent;
    } else {
      return false;
    }
  }
  return false;
}
