import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTfjsModuleUrl, isTfjsScriptUrl } from '../../../../rules/core/tfjs-urls';
import { readPage } from './page';
import { scriptKind } from './script-type';

/** The code of each script a browser runs, with its kind. */
function scriptsOf(page: string): string[] {
  return readPage(page).scripts.map((script) => `${script.kind}: ${page.slice(script.start, script.end)}`);
}

describe('HTML pages: the scripts a browser runs', () => {
  it('ends a script at the first </script, even inside a string of its code', () => {
    assert.deepEqual(scriptsOf('<script>const a = "</script>"; run();</script>'), ['classic: const a = "']);
    assert.deepEqual(scriptsOf('<script>const a = "</scr" + "ipt>";</script>'), ['classic: const a = "</scr" + "ipt>";']);
  });

  it('ignores scripts inside HTML comments, templates, SVG and noscript', () => {
    const page = `<!-- <script>commented()</script> -->
<template><script>templated()</script></template>
<noscript><script>never()</script></noscript>
<svg><script>drawn()</script></svg>
<script>run()</script>`;
    assert.deepEqual(scriptsOf(page), ['classic: run()']);
  });

  it('reads tags and attributes in any case, with or without quotes', () => {
    const page = '<HTML><BODY><SCRIPT TYPE=text/javascript>one()</SCRIPT ><Script type="MODULE">two()</sCrIpT></BODY></HTML>';
    assert.deepEqual(scriptsOf(page), ['classic: one()', 'module: two()']);
  });

  it('skips data blocks, scripts with a src and nomodule fallbacks', () => {
    const page = `<script type="text/template"><p>{{name}}</p></script>
<script type="application/json">{"a": 1}</script>
<script type="importmap">{"imports": {}}</script>
<script type="text/babel">const a = <div />;</script>
<script type="text/javascript; charset=utf-8">notRun()</script>
<script src="lib.js">ignored()</script>
<script nomodule>fallback()</script>
<script type="">empty()</script>
<script language="javascript">legacy()</script>
<script type=" application/ecmascript ">ecma()</script>`;
    assert.deepEqual(scriptsOf(page), ['classic: empty()', 'classic: legacy()', 'classic: ecma()']);
  });

  it('runs a script without its end tag to the end of the page', () => {
    assert.deepEqual(scriptsOf('<p>before</p>\n<script>\nconst model = tf.sequential();\nmodel.add('), ['classic: \nconst model = tf.sequential();\nmodel.add(']);
  });

  it('gives the offsets of the page, with \\r\\n line breaks and a script that starts mid-line', () => {
    const page = '<html>\r\n<body><p>x</p><script>a();\r\nb();</script></body>\r\n</html>';
    const [script] = readPage(page).scripts;
    assert.equal(script!.start, page.indexOf('a();'));
    assert.equal(script!.end, page.indexOf('</script>'));
  });

  it('reads markup nested far deeper than a recursive walk could go', () => {
    const page = `${'<div>'.repeat(100_000)}<script>deep()</script>`;
    assert.deepEqual(scriptsOf(page), ['classic: deep()']);
  });

  it('knows when a classic script loads the tfjs bundle', () => {
    const loads = (tag: string): boolean => readPage(`${tag}<script>go()</script>`).loadsTfjs;
    assert.equal(loads('<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>'), true);
    assert.equal(loads('<script src=https://cdn.jsdelivr.net/npm/@tensorflow/tfjs></script>'), true);
    assert.equal(loads('<script src="vendor/tf.min.js"></script>'), true);
    assert.equal(loads('<script type="module" src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs/+esm"></script>'), false);
    assert.equal(loads('<!-- <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script> -->'), false);
    assert.equal(loads('<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-vis"></script>'), false);
    assert.equal(loads(''), false);
  });
});

describe('HTML pages: the form fields and what they hold as the page loads', () => {
  const fieldsOf = (page: string) => Object.fromEntries(readPage(page).fields.map((field) => [field.id, field.checked ? `${field.value} (checked)` : field.value]));

  it('reads inputs: the value attribute, "on" for a checkbox, the middle of a range, "" for the rest', () => {
    const page = `<input id="rate" type="number" value="0.01"><input id=epochs value=20>
<input id="shuffle" type="checkbox" checked><input id="slider" type="range" min="10" max="30">
<input id="name"><input value="no id"><INPUT ID="upper" VALUE="5">`;
    assert.deepEqual(fieldsOf(page), { rate: '0.01', epochs: '20', shuffle: 'on (checked)', slider: '20', name: '', upper: '5' });
  });

  it('cleans up a value as a browser does for the input\'s type', () => {
    const page = `<input id="odd" type="range" min="1" max="128"><input id="over" type="range" value="50" max="10">
<input id="junk" type="range" value="abc" min="0" max="10"><input id="stepped" type="range" min="0" max="10" step="4">
<input id="fine" type="range" value="0.35" min="0" max="1" step="any"><input id="px" type="number" value="12px">
<input id="exp" type="number" value="1e-3"><input id="colour" type="color"><input id="line" value="a&#10;b">
<input id="upload" type="file" value="x.csv">`;
    assert.deepEqual(fieldsOf(page), { odd: '65', over: '10', junk: '5', stepped: '4', fine: '0.35', px: '', exp: '1e-3', colour: '#000000', line: 'ab', upload: '' });
  });

  it('keeps one radio button of a group checked: the last one marked', () => {
    const page = '<input type="radio" name="opt" id="sgd" value="sgd" checked><input type="radio" name="opt" id="adam" value="adam" checked><input type="radio" name="other" id="lone" checked>';
    assert.deepEqual(fieldsOf(page), { sgd: 'sgd', adam: 'adam (checked)', lone: 'on (checked)' });
  });

  it('reads a select as a browser picks its option: the last marked selected, else the first not disabled; its value, else its text', () => {
    const page = `<select id="units"><option value="10">10</option><option selected value="100">a hundred</option></select>
<select id="first"><option disabled>none</option><option>  relu
 6 </option><option>tanh</option></select>
<select id="two"><option selected>a</option><option selected>b</option></select>
<select id="empty"></select>`;
    assert.deepEqual(fieldsOf(page), { units: '100', first: 'relu 6', two: 'b' });
    // A list selects nothing unless marked, and gives its first selected option; a disabled group's options are disabled.
    const lists = `<select id="many" multiple><option>relu<option>tanh</select>
<select id="marked" multiple><option>relu<option selected>tanh<option selected>elu</select>
<select id="tall" size="3"><option>a<option>b</select><select id="short" size="1"><option>a<option>b</select>
<select id="grouped"><optgroup label="old" disabled><option>sigmoid</optgroup><option>relu</option></select>`;
    assert.deepEqual(fieldsOf(lists), { many: '', marked: 'tanh', tall: '', short: 'a', grouped: 'relu' });
  });

  it('reads a text area, without the line break after its start tag, with its character references', () => {
    assert.deepEqual(fieldsOf('<textarea id="layers">\n32, 16 &amp; 8</textarea>'), { layers: '32, 16 & 8' });
  });

  it('leaves out the fields of a template, and gives the offsets of the start tag', () => {
    const page = '<template><input id="hidden" value="1"></template><p><input id="shown" value="2"></p>';
    const [field, ...rest] = readPage(page).fields;
    assert.equal(rest.length, 0);
    assert.equal(page.slice(field!.start, field!.end), '<input id="shown" value="2">');
  });
});

describe('script types', () => {
  it('follows the HTML standard', () => {
    assert.equal(scriptKind(undefined, undefined), 'classic');
    assert.equal(scriptKind('', undefined), 'classic');
    assert.equal(scriptKind(undefined, ''), 'classic');
    assert.equal(scriptKind('Text/JavaScript', undefined), 'classic');
    assert.equal(scriptKind(undefined, 'JavaScript1.5'), 'classic');
    assert.equal(scriptKind(undefined, 'vbscript'), undefined);
    assert.equal(scriptKind(' module ', undefined), 'module');
    assert.equal(scriptKind('importmap', undefined), undefined);
    assert.equal(scriptKind('text/x-template', undefined), undefined);
  });
});

describe('tfjs URLs', () => {
  it('recognises the bundles a page loads', () => {
    for (const url of [
      'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs',
      'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@latest',
      'https://unpkg.com/@tensorflow/tfjs@1.0.0/dist/tf.min.js',
      'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-core',
      'https://cdnjs.cloudflare.com/ajax/libs/tensorflow/4.22.0/tf.min.js',
      '//cdn.jsdelivr.net/npm/@tensorflow/tfjs?v=2',
      './lib/tf.es2017.min.js',
      'tf-layers.js',
    ]) {
      assert.ok(isTfjsScriptUrl(url), url);
    }
    for (const url of ['https://cdn.jsdelivr.net/npm/@tensorflow-models/mobilenet', 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-vis', 'app.js', 'https://example.com/tfjs-helpers.js']) {
      assert.ok(!isTfjsScriptUrl(url), url);
    }
  });

  it('recognises the module URLs of the packages, and nothing relative', () => {
    assert.ok(isTfjsModuleUrl('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs/+esm'));
    assert.ok(isTfjsModuleUrl('https://esm.sh/@tensorflow/tfjs@4.22.0'));
    assert.ok(!isTfjsModuleUrl('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-vis/+esm'));
    assert.ok(!isTfjsModuleUrl('./@tensorflow/tfjs/index.js'));
    assert.ok(!isTfjsModuleUrl('@tensorflow/tfjs'));
  });
});
