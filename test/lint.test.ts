// test-process: own (runs ESLint with type information over every source, beside the other tests)
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { packageRoot } from '../server/src/docs';

describe('the sources', () => {
  it('are clean under eslint.config.mjs (npm run lint)', { timeout: 10 * 60_000 }, async () => {
    const eslint = new ESLint({ cwd: packageRoot() });
    const results = await eslint.lintFiles(['.']);
    const problems = results.reduce((count, result) => count + result.errorCount + result.warningCount, 0);
    const report = problems ? await (await eslint.loadFormatter('stylish')).format(results) : '';
    assert.equal(problems, 0, `npm run lint finds problems:\n${report}`);
    assert.ok(results.some((result) => result.filePath.endsWith('linter.ts')), 'the sources were linted');
  });
});
