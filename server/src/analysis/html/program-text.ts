import { firstParseError } from '../syntax-errors';
import { ts } from '../typescript';
import type { PageHandler, PageScript } from './page';

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
 * An event handler's code is the body of a function the event calls: in the program it is an arrow
 * function of its own, written over the markup just before and after the attribute's value (the
 * attribute's name and quotes), which nothing calls, as the analysis reads a function that only an
 * event calls. The semicolon before it ends whatever came before; a script after a handler gets one
 * as well (HANDLER_END), so that `(function () { ... })()` at its start does not call the arrow.
 */
export const HANDLER_OPEN = ';(()=>{';
const HANDLER_CLOSE = '})';
const HANDLER_END = ';';

/** The start of the statement that holds a handler's code in the program. */
export function handlerStatementStart(handler: PageHandler): number {
  return handler.start - HANDLER_OPEN.length;
}

type Piece = { readonly kind: 'script'; readonly script: PageScript } | { readonly kind: 'handler'; readonly handler: PageHandler };

function startOf(piece: Piece): number {
  return piece.kind === 'script' ? piece.script.start : piece.handler.start;
}

function endOf(piece: Piece): number {
  return piece.kind === 'script' ? piece.script.end : piece.handler.end;
}

/** Whether the handler's code, as the program holds it, is JavaScript: code of a template language (`{{ go() }}`, `<%= ... %>`) is not. */
function parsesAlone(page: string, handler: PageHandler): boolean {
  const code = `${HANDLER_OPEN}${page.slice(handler.start, handler.end)}${HANDLER_CLOSE}`;
  const alone = ts.createSourceFile('handler.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  return !firstParseError(alone) && alone.statements.length === 2;
}

/** What the program writes over the start of the markup after a piece: the end of what came before. */
function endAfter(piece: Piece | undefined, markup: string): string {
  if (piece?.kind === 'handler') return HANDLER_CLOSE;
  // The markup before every script but the first starts with the end tag of the one before.
  if (piece?.kind === 'script' && markup.length >= SEPARATOR.length) return SEPARATOR;
  return '';
}

/**
 * The scripts and the event handlers whose code the program holds: every script, and each handler
 * that is JavaScript and leaves room in the markup around it for the function it becomes.
 */
function layout(page: string, scripts: readonly PageScript[], handlers: readonly PageHandler[]): Piece[] {
  const candidates: Piece[] = [...scripts.map((script) => ({ kind: 'script' as const, script })), ...handlers.filter((handler) => parsesAlone(page, handler)).map((handler) => ({ kind: 'handler' as const, handler }))];
  candidates.sort((a, b) => startOf(a) - startOf(b));
  const kept: Piece[] = [];
  candidates.forEach((piece, index) => {
    if (piece.kind === 'script') {
      kept.push(piece);
      return;
    }
    const before = kept.at(-1);
    const from = before ? endOf(before) : 0;
    const room = piece.handler.start - from - endAfter(before, page.slice(from, piece.handler.start)).length;
    // Up to the next piece, or the end of the page: what follows is never less room than that.
    const next = candidates[index + 1];
    const after = (next ? startOf(next) : page.length) - piece.handler.end;
    if (room >= HANDLER_OPEN.length && after >= HANDLER_CLOSE.length + HANDLER_END.length) kept.push(piece);
  });
  return kept;
}

/**
 * The scripts of a page as one JavaScript text of the page's length: the code of each script and
 * event handler where it is, everything else blanked to spaces with its line breaks kept. An offset
 * in it is the same offset in the page, so lines, columns, findings and edits need no mapping; the
 * lines are the page's as editors count them (\n, \r\n, \r; the line separator is not one to them).
 * Also the handlers it holds: those whose code is JavaScript and fits.
 */
export function programText(page: string, scripts: readonly PageScript[], handlers: readonly PageHandler[] = []): { readonly text: string; readonly handlers: readonly PageHandler[] } {
  const pieces = layout(page, scripts, handlers);
  const parts: string[] = [];
  let offset = 0;
  let before: Piece | undefined;
  for (const piece of pieces) {
    const markup = page.slice(offset, startOf(piece));
    const end = endAfter(before, markup);
    const open = piece.kind === 'handler' ? HANDLER_OPEN : before?.kind === 'handler' ? HANDLER_END : '';
    parts.push(end + blank(markup.slice(end.length, markup.length - open.length)) + open);
    parts.push(page.slice(startOf(piece), endOf(piece)));
    offset = endOf(piece);
    before = piece;
  }
  const rest = page.slice(offset);
  const close = before?.kind === 'handler' ? HANDLER_CLOSE : '';
  parts.push(close + blank(rest.slice(close.length)));
  return { text: parts.join(''), handlers: pieces.flatMap((piece) => (piece.kind === 'handler' ? [piece.handler] : [])) };
}
