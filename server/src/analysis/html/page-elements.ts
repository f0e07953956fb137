/**
 * The elements of a page as it loads, and the CSS selectors the analysis can match against them:
 * what `document.querySelectorAll('button.dataCollector')` finds before any script runs (a page
 * that names its classes by its buttons, `<button class="dataCollector" data-name="Cat">`).
 */

/** An element of a page, outside templates: its tag, its attributes as written, where its start tag is. */
export interface PageElement {
  /** Lowercase for HTML elements; as adjusted for SVG (`foreignObject`). */
  readonly tag: string;
  /** Whether it is an HTML element, whose tag name a selector matches in any case. */
  readonly html: boolean;
  /** The attributes, the first of each name (a browser drops a repeated one). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The offsets of its start tag in the page's text (end exclusive). */
  readonly start: number;
  readonly end: number;
}

/** An element of a page's tree, as a browser builds it: where it is among the others. */
export interface TreeElement extends PageElement {
  readonly parent: TreeElement | undefined;
  /** The element just before it among its parent's children. */
  readonly previous: TreeElement | undefined;
  /** Whether the page writes its start tag: not so for one a browser adds (`html`, `body`, a table's `tbody`), which has no place in the page's text. */
  readonly written: boolean;
}

/** Whether an element matches. */
export type ElementTest = (element: PageElement) => boolean;

/** A CSS identifier without escapes: a tag, class or attribute name (`data-name`, `_x`, `-y`). */
const IDENT = String.raw`-?[_a-zA-Z][\w-]*`;

/** One simple selector of a compound: `tag`, `*`, `#id`, `.class`, `[attr]`, `[attr op value]`. */
const SIMPLE = new RegExp(String.raw`^(?:(\*|${IDENT})|#(${IDENT})|\.(${IDENT})|\[\s*(${IDENT})\s*(?:([~|^$*]?=)\s*(?:"([^"\\]*)"|'([^'\\]*)'|(${IDENT}))\s*)?\])`);

/** The ASCII whitespace HTML splits a class list on. */
const CLASS_SEPARATOR = /[\t\n\f\r ]+/;

function classesOf(element: PageElement): string[] {
  return (element.attributes.class ?? '').split(CLASS_SEPARATOR).filter((name) => name !== '');
}

/** Attributes whose value a selector matches in any case, in an HTML element (`input[type=RANGE]`). */
const ANY_CASE_VALUES = new Set(['type', 'method', 'dir', 'lang', 'align', 'checked', 'disabled', 'multiple', 'selected', 'readonly']);

/** The test of an attribute selector's operator. */
function attributeTest(name: string, operator: string | undefined, written: string): ElementTest {
  const key = name.toLowerCase();
  const anyCase = ANY_CASE_VALUES.has(key);
  return (element) => {
    const attribute = element.attributes[key];
    if (attribute === undefined) return false;
    const folded = anyCase && element.html;
    const value = folded ? attribute.toLowerCase() : attribute;
    const expected = folded ? written.toLowerCase() : written;
    switch (operator) {
      case undefined:
        return true;
      case '=':
        return value === expected;
      case '~=':
        return expected !== '' && !/[\t\n\f\r ]/.test(expected) && value.split(CLASS_SEPARATOR).includes(expected);
      case '|=':
        return value === expected || value.startsWith(`${expected}-`);
      case '^=':
        return expected !== '' && value.startsWith(expected);
      case '$=':
        return expected !== '' && value.endsWith(expected);
      default:
        return expected !== '' && value.includes(expected);
    }
  };
}

/**
 * Elements a browser makes that the page may not write (`html`, `head` and `body` when it leaves them
 * out, a table's `tbody`) or writes under another name (`<image>` is an `img`): a selector that may
 * find one of them by its tag alone is left open.
 */
const IMPLIED_TAGS = new Set(['html', 'head', 'body', 'tbody', 'img', 'image']);

/**
 * The test of a compound selector (simple selectors with nothing between them: `button.dataCollector`,
 * `input[type=range]`), or undefined for any other: a combinator (`#classes button`), a pseudo-class
 * (`:checked`, which depends on what the user does), an escape, and, unless the elements are those
 * of the page's tree (`inTree`), a tag the browser may add elements of, or `*`. Which elements those
 * find depends on more than this reads of the page, so the code's use of them is left open.
 */
function compoundTest(text: string, inTree = false): ElementTest | undefined {
  const tests: ElementTest[] = [];
  let rest = text;
  let first = true;
  while (rest !== '') {
    const match = SIMPLE.exec(rest);
    if (!match) return undefined;
    const [whole, tag, id, className, attribute, operator, doubleQuoted, singleQuoted, bare] = match;
    if (tag !== undefined) {
      // A type selector comes first, and only once.
      if (!first || (!inTree && IMPLIED_TAGS.has(tag.toLowerCase()))) return undefined;
      if (tag !== '*') tests.push((element) => (element.html ? element.tag === tag.toLowerCase() : element.tag === tag));
    } else if (id !== undefined) tests.push((element) => element.attributes.id === id);
    else if (className !== undefined) tests.push((element) => classesOf(element).includes(className));
    else tests.push(attributeTest(attribute!, operator, doubleQuoted ?? singleQuoted ?? bare ?? ''));
    rest = rest.slice(whole.length);
    first = false;
  }
  // `*` alone finds the elements the browser adds too.
  if (tests.length === 0) return inTree && text === '*' ? () => true : undefined;
  return (element) => tests.every((test) => test(element));
}

/** The selectors of a list, split at the commas outside quotes; undefined when a quote is left open. */
function selectorParts(selector: string): string[] | undefined {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < selector.length; index++) {
    const char = selector[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ',') {
      parts.push(selector.slice(start, index).trim());
      start = index + 1;
    }
  }
  if (quote) return undefined;
  parts.push(selector.slice(start).trim());
  return parts;
}

/** The test of a selector list (`.a, .b`) the analysis can match (see compoundTest); undefined for any other. */
export function selectorTest(selector: string): ElementTest | undefined {
  const parts = selectorParts(selector);
  if (!parts || parts.some((part) => part === '')) return undefined;
  const tests: ElementTest[] = [];
  for (const part of parts) {
    const test = compoundTest(part);
    if (!test) return undefined;
    tests.push(test);
  }
  return (element) => tests.some((test) => test(element));
}

/** The elements a selector finds, in document order; undefined when the analysis cannot match it. */
export function elementsMatching(elements: readonly PageElement[], selector: string): PageElement[] | undefined {
  const test = selectorTest(selector);
  return test ? elements.filter(test) : undefined;
}

/** The characters that join two compound selectors: a descendant (whitespace), a child, the next sibling, a later sibling. */
const COMBINATORS = new Set([' ', '>', '+', '~']);

/**
 * A complex selector (`#classes > button.label`) as its compound selectors and the combinators
 * between them, left to right; undefined when it is none (a combinator at either end, two in a row).
 */
function complexParts(text: string): { compounds: string[]; combinators: string[] } | undefined {
  const compounds: string[] = [];
  const combinators: string[] = [];
  let current = '';
  let pending: string | undefined;
  let quote: string | undefined;
  let inBrackets = false;
  for (const char of text.trim()) {
    if (quote || inBrackets) {
      current += char;
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === ']') inBrackets = false;
      continue;
    }
    const combinator = /[\t\n\f\r ]/.test(char) ? ' ' : COMBINATORS.has(char) ? char : undefined;
    if (combinator !== undefined) {
      if (current !== '') {
        compounds.push(current);
        current = '';
      } else if (compounds.length === 0 || (combinator !== ' ' && pending !== undefined && pending !== ' ')) return undefined;
      if (pending === undefined || pending === ' ') pending = combinator;
      continue;
    }
    if (current === '' && compounds.length > 0) {
      if (pending === undefined) return undefined;
      combinators.push(pending);
      pending = undefined;
    }
    if (char === '[') inBrackets = true;
    current += char;
  }
  if (quote || inBrackets || current === '') return undefined;
  compounds.push(current);
  return { compounds, combinators };
}

/**
 * The elements of a page's tree (in document order) a complex selector finds, worked out in one pass:
 * for each compound of the selector, read left to right, whether each element matches the selector
 * up to it, and whether one of its ancestors, or of its earlier siblings, does. A parent and an
 * earlier sibling come before an element in document order, so each answer is read, never searched
 * for. Undefined when the selector has a part this cannot match (see compoundTest).
 */
function complexMatches(elements: readonly TreeElement[], text: string): Set<TreeElement> | undefined {
  const parts = complexParts(text);
  if (!parts) return undefined;
  const tests: ElementTest[] = [];
  for (const compound of parts.compounds) {
    const test = compoundTest(compound, true);
    if (!test) return undefined;
    tests.push(test);
  }
  const { combinators } = parts;
  // For each element: whether it matches up to compound i, whether an ancestor does, whether an earlier sibling does.
  const matched = new Map<TreeElement, boolean[]>();
  const inAncestor = new Map<TreeElement, boolean[]>();
  const inEarlierSibling = new Map<TreeElement, boolean[]>();
  const found = new Set<TreeElement>();
  for (const element of elements) {
    const parent = element.parent;
    const previous = element.previous;
    const own: boolean[] = [];
    const ancestors: boolean[] = [];
    const siblings: boolean[] = [];
    for (let index = 0; index < tests.length; index++) {
      ancestors.push(parent !== undefined && (matched.get(parent)![index]! || inAncestor.get(parent)![index]!));
      siblings.push(previous !== undefined && (matched.get(previous)![index]! || inEarlierSibling.get(previous)![index]!));
      let result = tests[index]!(element);
      if (result && index > 0) {
        const before = index - 1;
        switch (combinators[before]) {
          case '>':
            result = parent !== undefined && matched.get(parent)![before]!;
            break;
          case '+':
            result = previous !== undefined && matched.get(previous)![before]!;
            break;
          case '~':
            result = siblings[before]!;
            break;
          default:
            result = ancestors[before]!;
        }
      }
      own.push(result);
    }
    matched.set(element, own);
    inAncestor.set(element, ancestors);
    inEarlierSibling.set(element, siblings);
    if (own[tests.length - 1]) found.add(element);
  }
  return found;
}

/**
 * The elements of a page's tree a selector list finds, in document order (a selector with
 * combinators, `#classes button`, or a tag a browser may add, `body`); undefined when the analysis
 * cannot match it, or it finds an element the page does not write, whose place no note can give.
 */
export function treeElementsMatching(elements: readonly TreeElement[], selector: string): TreeElement[] | undefined {
  const parts = selectorParts(selector);
  if (!parts || parts.some((part) => part === '')) return undefined;
  const matches: Set<TreeElement>[] = [];
  for (const part of parts) {
    const found = complexMatches(elements, part);
    if (!found) return undefined;
    matches.push(found);
  }
  const found = elements.filter((element) => matches.some((set) => set.has(element)));
  return found.every((element) => element.written) ? found : undefined;
}
