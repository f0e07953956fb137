import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParseCache } from './source';

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
