import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineMap } from '../positions';
import { parseSource } from '../source';
import { ts } from '../typescript';

/** The statements of the program, as written. */
function statements(page: string): string[] {
  const parsed = parseSource('/virtual/page.html', page);
  return parsed.sourceFile.statements.map((statement) => statement.getText(parsed.sourceFile));
}

describe('HTML pages as programs', () => {
  it('keeps every offset, line and column of the page', () => {
    const page = '<!DOCTYPE html>\r\n<html><head><title>x</title></head>\r\n<body><p>a</p><script>const a = 1;\r\n  run(a);</script>\r<p>b</p>\n<script>\nlater();\n</script>\n</body></html>\n';
    const parsed = parseSource('/virtual/page.html', page);
    assert.equal(parsed.text.length, page.length);
    const pageLines = new LineMap(page);
    const programLines = new LineMap(parsed.text);
    for (const code of ['const a', 'run(a)', 'later()']) {
      const offset = page.indexOf(code);
      assert.equal(parsed.text.slice(offset, offset + code.length), code);
      assert.deepEqual(programLines.position(offset), pageLines.position(offset), code);
    }
    assert.equal(parsed.syntaxError, undefined);
  });

  it('keeps scripts apart as a browser does: no statement joins two of them', () => {
    // Without a boundary, `a = 1` and `(b)` would make the call `1(b)`, and the comment would hide `c()`.
    const page = '<script>a = 1</script><script>(b)</script><script>x() // note</script><script>c()</script>';
    assert.deepEqual(statements(page).filter((text) => text !== 'if(0);'), ['a = 1', '(b)', 'x()', 'c()']);
    assert.equal(parseSource('/virtual/page.html', page).syntaxError, undefined);
  });

  it('holds each event handler as an arrow function of its own, apart from the scripts and the other handlers', () => {
    // Without a boundary, the script's `(function ...)()` would call the arrow before it, and two handlers would join.
    const page = `<script>a = 1</script><button onclick="go(1)" onblur='stop()' onkeyup=key()>x</button><script>(function () { run(); })()</script><a onclick="{% tag %}">t</a>`;
    // The semicolon before the next handler or script ends each handler's statement.
    const program = statements(page)
      .filter((text) => text !== 'if(0);' && text !== ';')
      .map((text) => text.replace(/ *;$/, ''));
    assert.deepEqual(program, ['a = 1', '(()=>{go(1)})', "(()=>{stop()})", '(()=>{key()})', '(function () { run(); })()']);
    const parsed = parseSource('/virtual/page.html', page);
    assert.equal(parsed.text.length, page.length);
    assert.equal(parsed.syntaxError, undefined);
    assert.deepEqual(
      parsed.handlers?.map((handler) => page.slice(handler.start, handler.end)),
      ['go(1)', 'stop()', 'key()'],
      'a template tag is no JavaScript: left out',
    );
  });

  it('reads the handlers of SVG elements, and none inside a template', () => {
    const page = `<svg onload="draw()"><circle onclick="pick(1)"/></svg><template><a onclick="never()">t</a></template><p onclick="after()">p</p>`;
    const parsed = parseSource('/virtual/page.html', page);
    assert.deepEqual(
      parsed.handlers?.map((handler) => page.slice(handler.start, handler.end)),
      ['draw()', 'pick(1)', 'after()'],
    );
  });

  it('reports a syntax error in the script that has it, at its place in the page', () => {
    const page = '<html>\n<script>\n  const ok = 1;\n</script>\n<p>text</p>\n<script>  const model = ;\n</script>\n';
    assert.deepEqual(parseSource('/virtual/page.html', page).syntaxError, { line: 6, column: 25, message: 'Expression expected.' });
  });

  it('does not let a comment or string left open in one script run on into the next', () => {
    const page = '<script>/* open\n</script>\n<script>close(); */</script>';
    const error = parseSource('/virtual/page.html', page).syntaxError;
    assert.deepEqual({ line: error?.line, column: error?.column }, { line: 2, column: 1 }, 'the error is at the end of the first script');
    assert.match(error?.message ?? '', /\*\/' expected/);
  });

  it('parses a page without scripts as an empty program', () => {
    const parsed = parseSource('/virtual/page.html', '<p>no code here; const x = ;</p>');
    assert.equal(parsed.syntaxError, undefined);
    assert.equal(parsed.sourceFile.statements.length, 0);
    assert.deepEqual(parsed.scripts, []);
  });

  it('makes `tf` the tfjs global only on a page that loads the bundle; in a module it always is', () => {
    assert.equal(parseSource('/virtual/page.html', '<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script><script>tf.sequential()</script>').tfGlobal, true);
    assert.equal(parseSource('/virtual/page.html', '<script>tf.sequential()</script>').tfGlobal, false);
    assert.equal(parseSource('/virtual/model.js', 'tf.sequential()').tfGlobal, true);
  });

  it('parses a module script with its imports', () => {
    const parsed = parseSource('/virtual/page.htm', "<script type=module>import * as tf from 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs/+esm';\nconst m = tf.sequential();</script>");
    assert.equal(parsed.syntaxError, undefined);
    assert.ok(ts.isImportDeclaration(parsed.sourceFile.statements[0]!));
    assert.deepEqual(parsed.scripts?.map((script) => script.kind), ['module']);
  });
});
