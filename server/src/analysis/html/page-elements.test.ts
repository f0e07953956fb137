import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPage } from './page';
import { elementsMatching, selectorTest, treeElementsMatching } from './page-elements';
import { readPageTree } from './page-tree';

const PAGE = `<!doctype html>
<DIV id="controls" class="panel  wide">
  <button class="dataCollector" data-name="Cat" data-one-hot="0">Cat</button>
  <button class="dataCollector primary" data-name="Dog">Dog</button>
  <input type=range name="rate" value=3>
  <input type="checkbox" name="deep" lang="en-US">
</DIV>
<template><button class="dataCollector" data-name="Hidden"></button></template>
<svg><foreignObject class="dataCollector"></foreignObject><circle class="dot"/></svg>
<button class="dataCollector" class="ignored" data-name="Bird" data-name="twice">Bird</button>
`;

/** What each element the selector finds is, as tag#id.classes. */
function found(selector: string): string[] | undefined {
  return elementsMatching(readPage(PAGE, { elements: true }).elements, selector)?.map((element) => `${element.tag}${element.attributes.id ? `#${element.attributes.id}` : ''}${element.attributes['data-name'] ? `:${element.attributes['data-name']}` : ''}`);
}

describe('the elements of a page, as a selector finds them', () => {
  it('reads every element outside templates (a template itself is one), in document order, with the first of each attribute', () => {
    const elements = readPage(PAGE, { elements: true }).elements;
    assert.deepEqual(readPage(PAGE).elements, [], 'kept only when asked for');
    assert.deepEqual(elements.map((element) => element.tag), ['div', 'button', 'button', 'input', 'input', 'template', 'svg', 'foreignObject', 'circle', 'button']);
    assert.equal(elements.at(-1)!.attributes['data-name'], 'Bird');
    assert.equal(elements.at(-1)!.attributes.class, 'dataCollector');
    assert.equal(PAGE.slice(elements[1]!.start, elements[1]!.end), '<button class="dataCollector" data-name="Cat" data-one-hot="0">');
  });

  it('matches compound selectors: a tag in any case, ids, classes among several, attributes', () => {
    assert.deepEqual(found('button.dataCollector'), ['button:Cat', 'button:Dog', 'button:Bird']);
    assert.deepEqual(found('.dataCollector'), ['button:Cat', 'button:Dog', 'foreignObject', 'button:Bird']);
    assert.deepEqual(found('BUTTON.dataCollector.primary'), ['button:Dog']);
    assert.deepEqual(found('div#controls.wide'), ['div#controls']);
    assert.deepEqual(found('input[type=range]'), ['input']);
    assert.deepEqual(found('input[type=RANGE]'), ['input'], 'a type in any case');
    assert.deepEqual(found('[data-name=cat]'), [], 'other values in their own case');
    assert.deepEqual(found('[data-name="Cat"], [data-name=\'Bird\']'), ['button:Cat', 'button:Bird']);
    assert.deepEqual(found('[class~=primary]'), ['button:Dog']);
    assert.deepEqual(found('[lang|=en]'), ['input']);
    assert.deepEqual(found('[data-name^=D]'), ['button:Dog']);
    assert.deepEqual(found('[data-name$=at]'), ['button:Cat']);
    assert.deepEqual(found('[data-name*=ir]'), ['button:Bird']);
    assert.deepEqual(found('foreignobject'), [], 'an SVG tag is matched in its own case');
    assert.deepEqual(found('*.dot'), ['circle']);
    assert.deepEqual(found('[data-name="Cat,Dog"], button[data-one-hot]'), ['button:Cat'], 'a comma inside quotes is part of the value');
  });

  it('leaves open what depends on more than the tags: combinators, pseudo-classes, escapes, flags, open quotes, elements a browser may add', () => {
    for (const selector of ['#controls button', 'div > button', 'button + button', 'input:checked', 'button::before', '.a\\:b', '[data-name="Cat]', 'button,', '', 'button.1x', '[data-name=Cat i]', '*', 'body', 'tbody', 'img.photo']) {
      assert.equal(selectorTest(selector), undefined, selector);
    }
  });

  it('matches selectors with combinators in the page as a browser builds it: descendants, children, siblings, the elements it adds', () => {
    const tree = readPageTree(PAGE)!;
    const inTree = (selector: string): string[] | undefined =>
      treeElementsMatching(tree, selector)?.map((element) => `${element.tag}${element.attributes.id ? `#${element.attributes.id}` : ''}${element.attributes['data-name'] ? `:${element.attributes['data-name']}` : ''}`);
    assert.deepEqual(inTree('#controls button'), ['button:Cat', 'button:Dog']);
    assert.deepEqual(inTree('div > .dataCollector'), ['button:Cat', 'button:Dog']);
    assert.deepEqual(inTree('body  >  button[data-name]'), ['button:Bird'], 'the body a browser adds, and the button after the svg');
    assert.deepEqual(inTree('button + button'), ['button:Dog']);
    assert.deepEqual(inTree('button ~ input[type=checkbox]'), ['input']);
    assert.deepEqual(inTree('svg > *'), ['foreignObject', 'circle']);
    assert.deepEqual(inTree('template button, #controls>button.primary'), ['button:Dog'], 'what a template holds is no part of the page');
    assert.deepEqual(inTree('p button'), []);
    const table = readPageTree('<table><tr class="row"><td>1</td></tr><tr class="row"><td>2</td></tr></table>')!;
    assert.equal(treeElementsMatching(table, 'table > tbody > tr.row')?.length, 2, 'rows of a table are in the tbody a browser adds');
    for (const selector of ['body', '*', 'tbody', '#controls button:first-child', 'div >', '> div', 'div > > button', '[data-name="Cat']) {
      assert.equal(treeElementsMatching(selector === 'tbody' ? table : tree, selector), undefined, selector);
    }
  });

  it('does not build the tree of a page too large for it, in tags written or elements a browser would make of them', () => {
    assert.equal(readPageTree('<p><div>'.repeat(6000)), undefined);
    assert.equal(readPageTree('<div>'.repeat(2000))?.length, 2003, 'html, head and body, and the divs');
    // Formatting tags left open are made again in each block that follows: 2,000 tags, millions of elements.
    const misnested = `<div>${Array.from({ length: 2000 }, (_, index) => `<font id="f${index}">`).join('')}</div>${'<div>x</div>'.repeat(2000)}`;
    assert.equal(readPageTree(misnested), undefined);
  });

  it('matches through deep and wide trees: each element and part of the selector once', () => {
    const deep = readPageTree(`${'<div>'.repeat(3000)}<p class="leaf">`)!;
    assert.equal(treeElementsMatching(deep, 'div div div')?.length, 2998);
    assert.equal(treeElementsMatching(deep, 'body > div > div .leaf')?.length, 1);
    assert.equal(treeElementsMatching(deep, 'span div')?.length, 0);
    const wide = readPageTree(`<p></p>${'<div></div>'.repeat(3000)}<span></span>`)!;
    assert.equal(treeElementsMatching(wide, 'p ~ div ~ div')?.length, 2999);
    assert.equal(treeElementsMatching(wide, 'div + span')?.length, 1);
    assert.equal(treeElementsMatching(wide, 'p + div ~ span')?.length, 1);
  });
});

