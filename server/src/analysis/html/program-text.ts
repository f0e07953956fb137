import type { PageScript } from './page';

/** A run of UTF-16 units without a line break. */
const NOT_LINE_BREAKS = /[^\r\n]+/g;

/** The text with every UTF-16 unit but its line breaks made a space: the same length, the same lines. */
function blank(text: string): string {
  return text.replace(NOT_LINE_BREAKS, (run) => ' '.repeat(run.length));
}

/**
 * Between two scripts, over the `</script` that ends the first one (8 characters, never a line
 * break): a statement of its own, on a line of its own, that belongs to neither script. The line
 * separator ends a `//` comment the first script ends with and lets its last statement end without
 * a semicolon; `if` can only start a statement, so nothing of either script joins it. (A lone
 * semicolon would become the end of the first script's last statement, whose span would then reach
 * into the markup; `{}` after `(a)` is taken for an arrow function that lacks its `=>`.) The
 * statements that start between scripts are not run.
 */
const SEPARATOR = '\u2028if(0);';

/**
 * The scripts of a page as one JavaScript text of the page's length: the code of each script where
 * it is, everything else blanked to spaces with its line breaks kept. An offset in it is the same
 * offset in the page, so lines, columns, findings and edits need no mapping; the lines are the
 * page's as editors count them (\n, \r\n, \r; the line separator is not one to them).
 */
export function programText(page: string, scripts: readonly PageScript[]): string {
  const parts: string[] = [];
  let offset = 0;
  scripts.forEach((script, index) => {
    const markup = page.slice(offset, script.start);
    // The markup before every script but the first starts with the end tag of the one before.
    const separated = index > 0 && markup.length >= SEPARATOR.length;
    parts.push(separated ? SEPARATOR + blank(markup.slice(SEPARATOR.length)) : blank(markup));
    parts.push(page.slice(script.start, script.end));
    offset = script.end;
  });
  parts.push(blank(page.slice(offset)));
  return parts.join('');
}
