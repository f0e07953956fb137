import * as path from 'node:path';
import type { ElementsOfPage, FieldOfPage, PageLookup } from '../interpreter/page-fields';
import type { PageField } from './form-fields';
import { elementsMatching, type PageElement } from './page-elements';
import { readPage } from './page';
import { isHtmlFile } from '../source';

/**
 * The page a script runs in, as far as the files tell: a page's own scripts run in it, and see its
 * fields and elements only; a script file runs in the pages of its folder (`index.html` beside
 * `index.js` and `ui.js`). For a field, that is the nearest folder above the script that has a page
 * with the field; for a list of elements, the nearest folder that has a page at all. Pages of that
 * folder that disagree (a field's value, the elements found, a page that finds none) leave it open
 * (null): which of them loads the script is not known. A selector that finds nothing is left open
 * too: the code may be about to make those elements.
 */
export function nearestPages(pages: Iterable<string>, read: (page: string) => string | undefined): PageLookup {
  const byFolder = new Map<string, string[]>();
  for (const page of pages) {
    const folder = path.dirname(page);
    const list = byFolder.get(folder);
    if (list) list.push(page);
    else byFolder.set(folder, [page]);
  }
  // A page's form fields by id (getElementById gives the first element with the id), and its
  // elements, each read when first asked for: keeping every element costs a page's code nothing it needs.
  const fieldsRead = new Map<string, ReadonlyMap<string, PageField>>();
  const fieldsOf = (page: string): ReadonlyMap<string, PageField> => {
    let known = fieldsRead.get(page);
    if (!known) {
      const text = read(page);
      const fields = new Map<string, PageField>();
      for (const field of text === undefined ? [] : readPage(text).fields) if (!fields.has(field.id)) fields.set(field.id, field);
      fieldsRead.set(page, (known = fields));
    }
    return known;
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
  /**
   * What the page the script in `file` runs in gives, by `find` on each candidate page; `agree` tells
   * whether two pages' finds are one. With `everyPage`, the nearest folder with a page decides, and a
   * page of it that finds nothing disagrees with one that does.
   */
  const nearest = <T extends { readonly page: string }>(file: string, find: (page: string) => T | undefined, agree: (one: T, other: T) => boolean, everyPage = false): T | null | undefined => {
    if (isHtmlFile(file)) return find(file);
    for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
      const pages = byFolder.get(folder) ?? [];
      const found = pages.flatMap((page) => find(page) ?? []);
      if (found.length > 0) return found.every((each) => agree(each, found[0]!)) && (!everyPage || found.length === pages.length) ? found[0] : null;
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
        (one, other) => one.field.value === other.field.value && one.field.checked === other.field.checked,
      ),
    elements: (file, selector) =>
      nearest<ElementsOfPage>(
        file,
        (page) => {
          const elements = elementsMatching(elementsOf(page), selector);
          return elements && elements.length > 0 ? { page, elements } : undefined;
        },
        (one, other) => shapeOf(one.elements) === shapeOf(other.elements),
        true,
      ),
  };
}
