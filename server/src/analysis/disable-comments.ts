import type { TextEdit } from '../../../rules/core/rule';
import { commentFits } from './comments';
import { LineMap } from './positions';
import type { ParsedFile } from './source';
import { readDirectives } from './suppressions';

/** The edits of "Disable <rule> for this line" and "... for the entire file" for one finding. */
export interface DisableEdits {
  readonly line: TextEdit;
  readonly file: TextEdit;
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * The disable comments for a finding of `ruleId` that starts at `start`, written where the
 * suppressions read them (suppressions.ts): a finding is silenced for the line it starts on.
 *
 * - Above that line, `// tfjs-doctor-disable-next-line <rule>`, or the rule added to such a comment
 *   already there;
 * - when the line does not start in code (it starts inside a multi-line template literal or string,
 *   or, in an HTML page, in the markup before a `<script>`), `/* tfjs-doctor-disable-line <rule> *\/`
 *   on the line itself: at the start of the page's script, or just before the finding.
 *
 * Undefined when the finding is not in code (the markup of a page), where a comment would be text.
 */
export function disableEdits(parsed: ParsedFile, start: number, ruleId: string, lines = new LineMap(parsed.text)): DisableEdits | undefined {
  const script = parsed.scripts?.find((candidate) => candidate.start <= start && start <= candidate.end);
  if (parsed.scripts && !script) return undefined;
  return { line: lineEdit(parsed, start, ruleId, lines, script), file: fileEdit(parsed, ruleId, lines, script) };
}

function insert(file: string, at: number, text: string): TextEdit {
  return { span: { file, start: at, end: at }, text };
}

/** The file's own line break at a line (or the one before it): a \n in a file of \r\n lines would mix the two. */
function lineBreakAt(text: string, lines: LineMap, line: number): string {
  for (const candidate of [line, line - 1]) {
    if (candidate < 0) continue;
    const end = lines.offset(candidate, Number.MAX_SAFE_INTEGER);
    const found = LINE_BREAK.exec(text.slice(end, end + 2));
    if (found?.index === 0) return found[0];
  }
  return '\n';
}

function lineEdit(parsed: ParsedFile, start: number, ruleId: string, lines: LineMap, script: { readonly start: number } | undefined): TextEdit {
  const { text, sourceFile, path } = parsed;
  const line = lines.position(start).line;
  const lineStart = lines.offset(line, 0);
  const above = readDirectives(sourceFile, (offset) => lines.position(offset).line).find(
    (directive) => directive.kind === 'disable-next-line' && directive.line === line && directive.rules !== undefined,
  );
  if (above) return insert(path, above.idsEnd, `, ${ruleId}`);
  const inCode = !script || script.start <= lineStart;
  if (inCode && commentFits(sourceFile, lineStart)) {
    const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
    return insert(path, lineStart, `${indent}// tfjs-doctor-disable-next-line ${ruleId}${lineBreakAt(text, lines, line)}`);
  }
  const at = script && script.start > lineStart && commentFits(sourceFile, script.start) ? script.start : start;
  return insert(path, at, `/* tfjs-doctor-disable-line ${ruleId} */ `);
}

/**
 * `/* tfjs-doctor-disable <rule> *\/` at the top of the file (below a shebang), or in an HTML page
 * at the start of the script the finding is in, on the line of its `<script>` tag.
 */
function fileEdit(parsed: ParsedFile, ruleId: string, lines: LineMap, script: { readonly start: number; readonly end: number } | undefined): TextEdit {
  const { text, path } = parsed;
  if (script) {
    const startsLine = LINE_BREAK.test(text.charAt(script.start)) || script.start === script.end;
    return insert(path, script.start, `/* tfjs-doctor-disable ${ruleId} */${startsLine ? '' : ' '}`);
  }
  const line = text.startsWith('#!') ? 1 : 0;
  return insert(path, lines.offset(line, 0), `/* tfjs-doctor-disable ${ruleId} */${lineBreakAt(text, lines, line)}`);
}
