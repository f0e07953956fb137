import * as path from 'node:path';
import type { ElementsOfPage, FieldOfPage, PageLookup } from '../interpreter/page-fields';
import type { PageField } from './form-fields';
import { elementsMatching, treeElementsMatching, type PageElement, type TreeElement } from './page-elements';
import { readPage, type HtmlPage } from './page';
import { readPageTree } from './page-tree';
import { isHtmlFile } from '../source';
import { relativeImports, resolveRelative } from '../resolve';

/** Whether an address leads to another host or scheme (`https://cdn…`, `//cdn…`, `data:`), not to a file of the project. */
export function isOtherHost(address: string): boolean {
  return /^[A-Za-z][A-Za-z\d+.-]*:/.test(address) || address.startsWith('//');
}

/**
 * The file a page's `<script src>` loads, when it is one of the project's: a relative address from the
 * page's folder, and one from the root of the site (`/js/app.js`) from the page's folder too, which
 * is where the development servers of such projects serve it from. Undefined for an address on
 * another host or scheme (`https:`, `//cdn…`), which is no file of the project.
 */
export function scriptFileOf(page: string, src: string): string | undefined {
  const address = src.replace(/[?#].*$/s, '');
  if (address === '' || isOtherHost(address)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURI(address);
  } catch {
    return undefined;
  }
  return path.resolve(path.dirname(page), decoded.replace(/^\/+/, ''));
}

/**
 * The page a script runs in, as far as the files tell: a page's own scripts run in it, and see its
 * fields and elements only. A script file runs in the pages that load it (`<script src="js/app.js">`),
 * itself or through the modules it imports (`dependencies`); one no page loads, in the pages of its
 * folder (`index.html` beside `index.js` and `ui.js`, a page that loads a bundle made of them). For a
 * field, that is the nearest folder above the script that has a page with the field; for a list of
 * elements, the nearest folder that has a page at all. Pages that disagree (a field's value, the
 * elements found, a page that finds none) leave it open (null): which of them the script runs in is
 * not known. A selector that finds nothing is left open too: the code may be about to make those
 * elements.
 */
export function nearestPages(
  pages: Iterable<string>,
  read: (page: string) => string | undefined,
  dependencies: (file: string) => readonly string[] = () => [],
  /** The page the run starts from, when it starts from one: the code it loads runs in it. */
  entry?: string,
): PageLookup {
  const byFolder = new Map<string, string[]>();
  const allPages = [...pages];
  for (const page of allPages) {
    const folder = path.dirname(page);
    const list = byFolder.get(folder);
    if (list) list.push(page);
    else byFolder.set(folder, [page]);
  }
  // What one pass over a page reads (its fields, its scripts), once per page.
  const pagesRead = new Map<string, { readonly text: string; readonly page: HtmlPage } | undefined>();
  const pageOf = (page: string) => {
    if (!pagesRead.has(page)) {
      const text = read(page);
      pagesRead.set(page, text === undefined ? undefined : { text, page: readPage(text) });
    }
    return pagesRead.get(page);
  };
  // A page's form fields by id (getElementById gives the first element with the id), and its
  // elements, each read when first asked for: keeping every element costs a page's code nothing it needs.
  const fieldsRead = new Map<string, ReadonlyMap<string, PageField>>();
  const fieldsOf = (page: string): ReadonlyMap<string, PageField> => {
    let known = fieldsRead.get(page);
    if (!known) {
      const fields = new Map<string, PageField>();
      for (const field of pageOf(page)?.page.fields ?? []) if (!fields.has(field.id)) fields.set(field.id, field);
      fieldsRead.set(page, (known = fields));
    }
    return known;
  };
  // The scripts each page runs: those it loads, the modules its inline scripts import, and the
  // modules those import. Worked out on the first lookup of a script file, for every page: which
  // pages load a script is a question about all of them. A page that may run scripts this cannot
  // see into (a `<base href>` moves its addresses; a script that is no file of the project may be a
  // bundle made of them) may run any.
  let loading: { readonly byScript: Map<string, string[]>; readonly unseen: string[]; readonly scriptsOf: Map<string, Set<string>> } | undefined;
  const pageScripts = () => {
    if (loading) return loading;
    loading = { byScript: new Map(), unseen: [], scriptsOf: new Map() };
    for (const page of allPages) {
      const parsed = pageOf(page);
      if (!parsed) continue;
      const { text, page: loaded } = parsed;
      const scripts = new Set<string>();
      const add = (script: string) => {
        if (scripts.has(script)) return;
        scripts.add(script);
        for (const imported of dependencies(script)) scripts.add(imported);
      };
      // A `<base href>` moves where the page's addresses (and its inline modules' imports) lead.
      let unseen = loaded.hasBase;
      for (const src of loaded.hasBase ? [] : loaded.sources) {
        const script = scriptFileOf(page, src);
        if (script === undefined) continue;
        if (read(script) === undefined) unseen = true;
        else add(script);
      }
      for (const inline of loaded.hasBase ? [] : loaded.scripts) {
        for (const specifier of relativeImports(text.slice(inline.start, inline.end))) {
          const script = resolveRelative(page, specifier, (candidate) => read(candidate) !== undefined);
          if (script !== undefined) add(script);
        }
      }
      loading.scriptsOf.set(page, scripts);
      if (unseen) loading.unseen.push(page);
      for (const script of scripts) {
        const loaders = loading.byScript.get(script);
        if (loaders) loaders.push(page);
        else loading.byScript.set(script, [page]);
      }
    }
    return loading;
  };
  /** The pages that load the script, with those that may; none when no page is known to. */
  const loadersOf = (file: string): readonly string[] => {
    const { byScript, unseen } = pageScripts();
    const loaders = byScript.get(file) ?? [];
    return loaders.length === 0 ? [] : [...new Set([...loaders, ...unseen])];
  };
  const elementsRead = new Map<string, readonly PageElement[]>();
  const elementsOf = (page: string): readonly PageElement[] => {
    let known = elementsRead.get(page);
    if (!known) {
      const text = read(page);
      elementsRead.set(page, (known = text === undefined ? [] : readPage(text, { elements: true }).elements));
    }
    return known;
  };
  const treesRead = new Map<string, readonly TreeElement[] | undefined>();
  const treeOf = (page: string): readonly TreeElement[] | undefined => {
    if (!treesRead.has(page)) {
      const text = read(page);
      treesRead.set(page, text === undefined ? [] : readPageTree(text));
    }
    return treesRead.get(page);
  };
  /** What the selector finds in the page: read from its elements alone when it can be, else from its tree. */
  const matching = (page: string, selector: string): readonly PageElement[] | undefined => {
    const flat = elementsMatching(elementsOf(page), selector);
    if (flat) return flat;
    const tree = treeOf(page);
    return tree && treeElementsMatching(tree, selector);
  };
  /**
   * What the page the script in `file` runs in gives, by `find` on each candidate page; `agree` tells
   * whether two pages' finds are one. With `everyPage`, the pages that load the script, or else the
   * nearest folder with a page, decide, and a page of them that finds nothing disagrees with one that does.
   */
  const nearest = <T extends { readonly page: string }>(file: string, find: (page: string) => T | undefined, agree: (one: T, other: T) => boolean, everyPage = false): T | null | undefined => {
    if (isHtmlFile(file)) return find(file);
    // A run that starts from a page runs the code it loads in that page.
    if (entry !== undefined && isHtmlFile(entry) && pageScripts().scriptsOf.get(entry)?.has(file)) return find(entry);
    const among = (pages: readonly string[]): T | null | undefined => {
      const found = pages.flatMap((page) => find(page) ?? []);
      if (found.length === 0) return undefined;
      return found.every((each) => agree(each, found[0]!)) && (!everyPage || found.length === pages.length) ? found[0] : null;
    };
    const loaders = loadersOf(file);
    if (loaders.length > 0) return among(loaders);
    for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
      const pages = byFolder.get(folder) ?? [];
      const found = among(pages);
      if (found !== undefined) return found;
      if (everyPage && pages.length > 0) return undefined;
      if (path.dirname(folder) === folder) return undefined;
    }
  };
  const shapeOf = (elements: readonly PageElement[]): string => JSON.stringify(elements.map((element) => [element.tag, Object.entries(element.attributes)]));
  return {
    field: (file, id) =>
      nearest<FieldOfPage>(
        file,
        (page) => {
          const field = fieldsOf(page).get(id);
          return field ? { page, field } : undefined;
        },
        (one, other) =>
          one.field.value === other.field.value &&
          one.field.checked === other.field.checked &&
          one.field.selectedIndex === other.field.selectedIndex &&
          JSON.stringify(one.field.options) === JSON.stringify(other.field.options),
      ),
    elements: (file, selector) =>
      nearest<ElementsOfPage>(
        file,
        (page) => {
          const elements = matching(page, selector);
          return elements && elements.length > 0 ? { page, elements } : undefined;
        },
        (one, other) => shapeOf(one.elements) === shapeOf(other.elements),
        true,
      ),
  };
}
