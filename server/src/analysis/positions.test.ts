import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineMap } from './positions';

describe('line map', () => {
  it('counts \\n, \\r\\n and a lone \\r as line breaks, as editors and the LSP do', () => {
    const text = 'a = 1;\rbb = 2;\r\nccc = 3;\nd';
    const map = new LineMap(text);
    assert.deepEqual(map.position(text.indexOf('bb')), { line: 1, character: 0 });
    assert.deepEqual(map.position(text.indexOf('ccc') + 2), { line: 2, character: 2 });
    assert.deepEqual(map.position(text.indexOf('d')), { line: 3, character: 0 });
    assert.equal(map.lineText(0), 'a = 1;');
    assert.equal(map.lineText(1), 'bb = 2;');
    assert.equal(map.lineText(2), 'ccc = 3;');
    assert.equal(map.offset(2, 1), text.indexOf('ccc') + 1);
  });

  it('puts an offset inside a \\r\\n at the end of its line, and clamps characters to the line', () => {
    const text = 'ab\r\ncd';
    const map = new LineMap(text);
    assert.deepEqual(map.position(3), { line: 0, character: 2 });
    assert.equal(map.offset(0, 99), 2);
    assert.equal(map.offset(9, 0), text.length);
  });
});
