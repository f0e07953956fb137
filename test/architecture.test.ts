import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../server/src/docs';

const root = packageRoot();

function sources(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(full);
    }
  };
  walk(path.join(root, folder));
  return found;
}

/** Every module a file imports: packages by name, project files by path relative to the root. */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2]!);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), specifier)) : specifier));
}

function violations(folder: string, forbidden: (specifier: string, file: string) => boolean): string[] {
  return sources(folder).flatMap((file) => imports(file).filter((specifier) => forbidden(specifier, file)).map((specifier) => `${path.relative(root, file)} imports ${specifier}`));
}

const isTest = (file: string): boolean => file.endsWith('.test.ts') || file.endsWith('rule-tester.ts');

describe('dependency directions', () => {
  it('rules depend on nothing but their core (tests excepted)', () => {
    const found = violations('rules', (specifier, file) => {
      if (isTest(file)) return false;
      if (specifier.startsWith('node:')) return false;
      return !specifier.startsWith('rules' + path.sep) && !specifier.startsWith('rules/');
    });
    assert.deepEqual(found, []);
  });

  it('the analysis knows nothing of the editor, the protocol or the command line', () => {
    const found = violations('server/src/analysis', (specifier, file) => {
      if (isTest(file)) return false;
      return /^vscode/.test(specifier) || specifier.startsWith(path.join('server', 'src', 'lsp')) || specifier.startsWith(path.join('server', 'src', 'cli'));
    });
    assert.deepEqual(found, []);
  });

  it('the overfit check depends only on the rules core, tfjs and Node', () => {
    const found = violations('overfit/src', (specifier, file) => {
      if (isTest(file)) return false;
      if (specifier.startsWith('node:') || specifier.startsWith('@tensorflow/') || specifier === 'esbuild') return false;
      return !specifier.startsWith(path.join('overfit', 'src')) && !specifier.startsWith(path.join('rules', 'core'));
    });
    assert.deepEqual(found, []);
  });

  it('the client talks to the server only through the protocol', () => {
    const found = violations('client/src', (specifier) => specifier.startsWith('server') || specifier.startsWith('rules') || /ts-morph/.test(specifier));
    assert.deepEqual(found, []);
  });
});
