import * as path from 'node:path';
import type { FieldOfPage, PageFieldLookup } from '../interpreter/page-fields';
import type { PageField } from './form-fields';
import { readPage } from './page';
import { isHtmlFile } from '../source';

/**
 * The fields of the page a script runs in, as far as the files tell: a page's own scripts run in it,
 * and see its fields only; a script file runs in the pages of its folder (`index.html` beside `index.js` and `ui.js`), or of
 * the nearest folder above it that has a page with the field. Pages of one folder that give a field
 * different values leave it open (null): which of them loads the script is not known.
 */
export function nearestPageFields(pages: Iterable<string>, read: (page: string) => string | undefined): PageFieldLookup {
  const byFolder = new Map<string, string[]>();
  for (const page of pages) {
    const folder = path.dirname(page);
    const list = byFolder.get(folder);
    if (list) list.push(page);
    else byFolder.set(folder, [page]);
  }
  const fields = new Map<string, ReadonlyMap<string, PageField>>();
  const fieldsOf = (page: string): ReadonlyMap<string, PageField> => {
    let known = fields.get(page);
    if (!known) {
      const text = read(page);
      const byId = new Map<string, PageField>();
      // getElementById gives the first element with the id.
      for (const field of text === undefined ? [] : readPage(text).fields) if (!byId.has(field.id)) byId.set(field.id, field);
      fields.set(page, (known = byId));
    }
    return known;
  };
  return (file, id) => {
    if (isHtmlFile(file)) {
      const own = fieldsOf(file).get(id);
      return own ? { page: file, field: own } : undefined;
    }
    for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
      const found: FieldOfPage[] = (byFolder.get(folder) ?? []).flatMap((page) => {
        const field = fieldsOf(page).get(id);
        return field ? [{ page, field }] : [];
      });
      if (found.length > 0) return found.every(({ field }) => field.value === found[0]!.field.value && field.checked === found[0]!.field.checked) ? found[0] : null;
      if (path.dirname(folder) === folder) return undefined;
    }
  };
}
