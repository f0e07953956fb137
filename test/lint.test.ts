// test-process: own (runs ESLint with type information over every source, beside the other tests)
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { packageRoot } from '../server/src/docs';

describe('the sources under eslint.config.mjs (npm run lint)', () => {
  const eslint = new ESLint({ cwd: packageRoot() });

  it('have no problems', async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.reduce((count, result) => count + result.errorCount + result.warningCount, 0);
    const report = problems ? await (await eslint.loadFormatter('stylish')).format(results) : '';
    assert.equal(problems, 0, `npm run lint finds problems:\n${report}`);
    const linted = new Set(results.map((result) => path.relative(packageRoot(), result.filePath).split(path.sep).join('/')));
    for (const file of ['server/src/analysis/linter.ts', 'rules/core/rule.ts', 'client/src/extension.ts', 'client/webview/main.ts', 'test/lint.test.ts']) {
      assert.ok(linted.has(file), `${file} is linted`);
    }
  });

  it('would report a promise left floating or given where nothing waits for it', async () => {
    const code = [
      'export async function save(): Promise<void> {}',
      'export function run(): void {',
      '  save();',
      '  [1, 2].forEach(async () => save());',
      '}',
      '',
    ].join('\n');
    // In place of a file of the project, so that the project's compiler options and rules apply.
    const [result] = await eslint.lintText(code, { filePath: path.join(packageRoot(), 'server', 'src', 'docs.ts') });
    assert.deepEqual(
      result?.messages.map((message) => `${message.line}: ${message.ruleId ?? message.message}`),
      ['3: @typescript-eslint/no-floating-promises', '4: @typescript-eslint/no-misused-promises'],
    );
  });
});
