import type { DefaultTreeAdapterTypes } from 'parse5';
import { attributesOf } from './form-fields';
import { loadParse5 } from './page';
import type { TreeElement } from './page-elements';

/**
 * The most start tags a page may have for its tree to be built: the HTML tree builder's work grows
 * with the depth of the markup at every tag, so a page of many deeply nested elements would take
 * seconds; real pages a script looks up elements in are far smaller.
 */
const MAX_START_TAGS = 10_000;

/**
 * The most elements the tree may have: misnested formatting tags (`<font>` left open across blocks)
 * make a browser re-create them in each block that follows, so a small page can make millions.
 */
const MAX_ELEMENTS = 20_000;

/** Thrown by the tree builder at its cap, to stop it. */
class TooManyElements extends Error {}

/** The most start tags a page may have before the count stops: the cap, one over. */
function startTagsUpTo(text: string, cap: number): number {
  const tags = /<[A-Za-z]/g;
  let count = 0;
  while (count <= cap && tags.exec(text)) count++;
  return count;
}

type ParentNode = DefaultTreeAdapterTypes.ParentNode;
type Element = DefaultTreeAdapterTypes.Element;

function isElement(node: DefaultTreeAdapterTypes.ChildNode): node is Element {
  return 'tagName' in node;
}

/**
 * The elements of a page as a browser builds its tree, in document order, outside templates (their
 * content is no part of the document): with the elements the browser adds (`html`, `head`, `body`,
 * a table's `tbody`) and the end tags it implies, which a selector with combinators needs
 * (`#classes button`). Undefined for a page too large to build (see MAX_START_TAGS, MAX_ELEMENTS).
 */
export function readPageTree(text: string): TreeElement[] | undefined {
  if (startTagsUpTo(text, MAX_START_TAGS) > MAX_START_TAGS) return undefined;
  const parse5 = loadParse5();
  let made = 0;
  const treeAdapter: typeof parse5.defaultTreeAdapter = {
    ...parse5.defaultTreeAdapter,
    createElement(...args) {
      if (++made > MAX_ELEMENTS) throw new TooManyElements();
      return parse5.defaultTreeAdapter.createElement(...args);
    },
  };
  let document: DefaultTreeAdapterTypes.Document;
  try {
    document = parse5.parse(text, { sourceCodeLocationInfo: true, treeAdapter });
  } catch (error) {
    if (error instanceof TooManyElements) return undefined;
    throw error;
  }
  const elements: TreeElement[] = [];
  // Depth first without recursion: a page may nest elements thousands deep.
  const pending: { readonly node: ParentNode; readonly element: TreeElement | undefined }[] = [{ node: document, element: undefined }];
  while (pending.length > 0) {
    const { node, element: parent } = pending.pop()!;
    const children: { readonly node: ParentNode; readonly element: TreeElement }[] = [];
    let previous: TreeElement | undefined;
    for (const child of node.childNodes) {
      if (!isElement(child)) continue;
      const startTag = child.sourceCodeLocation?.startTag;
      const element: TreeElement = {
        tag: child.tagName,
        html: child.namespaceURI === parse5.html.NS.HTML,
        attributes: attributesOf(child),
        start: startTag?.startOffset ?? 0,
        end: startTag?.endOffset ?? 0,
        parent,
        previous,
        written: startTag !== undefined,
      };
      previous = element;
      children.push({ node: child, element });
    }
    // Document order: a parent before its children, each child's subtree before the next child.
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
    if (parent) elements.push(parent);
  }
  return elements;
}
