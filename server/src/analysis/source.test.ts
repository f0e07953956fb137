import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAX_FILE_BYTES, ParseCache, isProblem, readSourceFile } from './source';

describe('reading and parsing source files', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-source-'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file, and says why it cannot read anything else', () => {
    fs.writeFileSync(path.join(dir, 'model.ts'), 'export const x = 1;\n');
    assert.equal(readSourceFile(path.join(dir, 'model.ts')), 'export const x = 1;\n');
    fs.mkdirSync(path.join(dir, 'folder.ts'));
    assert.deepEqual(readSourceFile(path.join(dir, 'folder.ts')), { kind: 'unreadable', reason: 'a folder, not a file' });
    // Larger than the limit without being read: the size comes from the file system.
    fs.writeFileSync(path.join(dir, 'bundle.js'), '');
    fs.truncateSync(path.join(dir, 'bundle.js'), MAX_FILE_BYTES + 1);
    assert.deepEqual(readSourceFile(path.join(dir, 'bundle.js')), { kind: 'unreadable', reason: 'larger than 1 MB' });
    assert.equal(readSourceFile(path.join(dir, 'missing.ts')), undefined, 'a missing file is no file, so that imports try the next candidate');
    assert.equal(readSourceFile(path.join(dir, 'model.ts', 'below.ts')), undefined);
  });

  it('says when permission to read a file is denied', { skip: process.platform === 'win32' || process.getuid?.() === 0 ? 'file modes do not stop this user' : false }, () => {
    const file = path.join(dir, 'locked.ts');
    fs.writeFileSync(file, 'export const x = 1;\n');
    fs.chmodSync(file, 0o000);
    assert.deepEqual(readSourceFile(file), { kind: 'unreadable', reason: 'permission denied' });
  });

  it('remembers a text the parser fails on as a problem, and parses the next text again', () => {
    const cache = new ParseCache();
    const deep = `export const x = ${'['.repeat(5000)}1${']'.repeat(5000)};\n`;
    const failed = cache.get('/virtual/deep.ts', deep);
    assert.ok(isProblem(failed));
    assert.equal(failed.kind, 'crash');
    assert.equal(failed.reason, 'the code is nested too deeply to analyse');
    assert.equal(cache.get('/virtual/deep.ts', deep), failed, 'the same text is not parsed again');
    const fixed = cache.get('/virtual/deep.ts', 'export const x = [[1]];\n');
    assert.ok(!isProblem(fixed) && fixed.syntaxError === undefined);
    const binary = cache.get('/virtual/weights.js', 'const w = "\u0000";');
    assert.deepEqual(binary, { kind: 'unreadable', reason: 'binary content' });
  });
});

describe('parse cache', () => {
  it('parses a file again only when its text changes', () => {
    const cache = new ParseCache();
    const first = cache.get('/a.ts', 'const a = 1;');
    assert.equal(cache.get('/a.ts', 'const a = 1;'), first);
    assert.notEqual(cache.get('/a.ts', 'const a = 2;'), first);
  });

  it('with a capacity, lets go of the least recently used parse first', () => {
    const cache = new ParseCache(2);
    const a = cache.get('/a.ts', 'const a = 1;');
    const b = cache.get('/b.ts', 'const b = 1;');
    assert.equal(cache.get('/a.ts', 'const a = 1;'), a, 'a is now the most recent');
    cache.get('/c.ts', 'const c = 1;');
    assert.equal(cache.get('/a.ts', 'const a = 1;'), a, 'a was kept');
    assert.notEqual(cache.get('/b.ts', 'const b = 1;'), b, 'b was dropped, and is parsed again');
  });
});
