import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { README_FILES, rulesSettingSchema, rulesTable, withRulesTable } from '../scripts/catalogue';
import { packageRoot } from '../server/src/docs';
import { CATEGORIES } from './core/rule';
import { lintCase } from './core/rule-tester';
import { rules } from './index';

const root = packageRoot();
const rulesDir = path.join(root, 'rules');
const HEADINGS = ['What it does', 'Why it stops learning', 'Examples', 'Fix safety', 'When not to use it', 'Further reading'];

function sections(markdown: string): Map<string, string> {
  const map = new Map<string, string>();
  const parts = markdown.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    map.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return map;
}

function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```(?:ts|js|typescript|javascript)\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

describe('rule catalogue', () => {
  const ids = Object.keys(rules);

  it('lists the rules in alphabetical order', () => {
    assert.deepEqual(ids, [...ids].sort());
  });

  it('has exactly one index entry per rule file', () => {
    const files = fs
      .readdirSync(rulesDir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') && name !== 'index.ts')
      .map((name) => name.slice(0, -3));
    assert.deepEqual([...files].sort(), [...ids].sort());
  });

  for (const [id, rule] of Object.entries(rules)) {
    describe(id, () => {
      const doc = fs.existsSync(path.join(rulesDir, `${id}.md`)) ? fs.readFileSync(path.join(rulesDir, `${id}.md`), 'utf8') : '';
      const testSource = fs.existsSync(path.join(rulesDir, `${id}.test.ts`)) ? fs.readFileSync(path.join(rulesDir, `${id}.test.ts`), 'utf8') : '';
      const ruleSource = fs.readFileSync(path.join(rulesDir, `${id}.ts`), 'utf8');

      it('is named after its file and has valid metadata', () => {
        assert.equal(rule.meta.id, id);
        assert.ok(CATEGORIES.includes(rule.meta.category), `unknown category ${rule.meta.category}`);
        assert.ok(rule.meta.description.length > 0 && rule.meta.description.length <= 100, 'one-line description');
      });

      it('has a doc page with the fixed headings', () => {
        assert.ok(doc, `rules/${id}.md is missing`);
        const front = /^---\ndescription: (.*)\n---\n/.exec(doc);
        assert.equal(front?.[1], `${rule.meta.description}.`, 'front matter description = meta.description + "."');
        assert.match(doc, new RegExp(`^# ${id}$`, 'm'));
        assert.deepEqual([...sections(doc).keys()], HEADINGS);
      });

      it('has a test file that uses every message it reports', () => {
        assert.ok(testSource, `rules/${id}.test.ts is missing`);
        for (const messageId of Object.keys(rule.meta.messages)) {
          const tested = testSource.includes(`'${messageId}'`);
          const usedAsRelated = ruleSource.includes(`messages.${messageId}`);
          assert.ok(tested || usedAsRelated, `message ${messageId} is neither tested nor used as related information`);
        }
      });

      it('reports the doc page\'s wrong examples and none of its right ones', () => {
        const examples = sections(doc).get('Examples') ?? '';
        const [wrongPart = '', rightPart = ''] = examples.split(/^### Right$/m);
        const wrong = codeBlocks(wrongPart);
        const right = codeBlocks(rightPart);
        assert.ok(wrong.length > 0 && right.length > 0, 'Examples needs ### Wrong and ### Right code blocks');
        for (const code of wrong) assert.ok(lintCase(rule, { code }).findings.length > 0, `the wrong example is not reported:\n${code}`);
        for (const code of right) assert.deepEqual(lintCase(rule, { code }).findings.map((f) => f.message), [], `the right example is reported:\n${code}`);
      });
    });
  }

  it('keeps the settings schema in package.json current (npm run generate)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.configuration.properties['tfjsDoctor.rules'].properties, JSON.parse(JSON.stringify(rulesSettingSchema(rules))));
  });

  for (const name of README_FILES) {
    it(`keeps the rule table in ${name} current (npm run generate)`, () => {
      const readme = fs.readFileSync(path.join(root, name), 'utf8');
      assert.equal(withRulesTable(readme, rulesTable(rules)), readme);
    });
  }
});
