import type { ParsedFile } from '../source';
import { firstParseError, syntaxErrorAt } from '../syntax-errors';
import { ts } from '../typescript';
import { readPage, type PageScript } from './page';
import { programText } from './program-text';

/**
 * The first syntax error of the scripts, each parsed alone as a browser parses it: an error in one
 * script is that script's, and a comment or string it leaves open does not run on into the next.
 */
function firstScriptError(page: string, scripts: readonly PageScript[]): { readonly offset: number; readonly message: string } | undefined {
  for (const script of scripts) {
    const alone = ts.createSourceFile('script.js', page.slice(script.start, script.end), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
    const error = firstParseError(alone);
    if (error) return { offset: script.start + error.offset, message: error.message };
  }
  return undefined;
}

/**
 * An HTML page parsed for the analysis: its inline scripts and event handlers as one program (programText), in which
 * every offset is the page's. The classic scripts share the global scope and run in document order,
 * the modules after them (see ModuleEvaluator.runPageScripts). An undeclared `tf` is tfjs only when
 * the page loads the tfjs bundle.
 */
export function parsePage(file: string, text: string): ParsedFile {
  const page = readPage(text);
  const program = programText(text, page.scripts, page.handlers);
  const sourceFile = ts.createSourceFile(file, program.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  // With one script and no handler the program's errors are the script's; with more, each script is
  // parsed alone as well (the handlers it holds parse alone: programText keeps no other).
  const error = (page.scripts.length > 1 || program.handlers.length > 0 ? firstScriptError(text, page.scripts) : undefined) ?? firstParseError(sourceFile);
  return {
    path: file,
    text: program.text,
    sourceFile,
    syntaxError: error ? syntaxErrorAt(program.text, error) : undefined,
    tfGlobal: page.loadsTfjs,
    scripts: page.scripts,
    ...(program.handlers.length > 0 ? { handlers: program.handlers } : {}),
  };
}
