import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type OptionalVersionedTextDocumentIdentifier,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, FIX_ALL_KIND, SOURCE } from '../../../shared/protocol';
import type { EditData, FixData, Problem } from './diagnostics';
import type { Check } from './validator';

/** Where the edits of code actions go, and how the editor wants them written. */
export interface EditTargets {
  /** Whether the editor accepts `documentChanges`, which name the version each edit is for. */
  readonly documentChanges: boolean;
  /** The document an edit of `uri` is for, with its version (null: a file that is not open). */
  target(uri: string): OptionalVersionedTextDocumentIdentifier;
}

/**
 * The edits as one workspace edit. With `documentChanges`, every document's edits carry the version
 * they were computed for, and the editor refuses them if the document has changed since. Without,
 * the editor applies them to whatever text it has: they come from a check of the current text
 * (Validator.currentCheck), never from an older one.
 */
function workspaceEdit(edits: readonly EditData[], targets: EditTargets): WorkspaceEdit {
  const byDocument = new Map<string, { textDocument: OptionalVersionedTextDocumentIdentifier; edits: TextEdit[] }>();
  for (const { uri, edit } of edits) {
    const textDocument = targets.target(uri);
    let entry = byDocument.get(textDocument.uri);
    if (!entry) byDocument.set(textDocument.uri, (entry = { textDocument, edits: [] }));
    entry.edits.push(edit);
  }
  if (targets.documentChanges) return { documentChanges: [...byDocument.values()] };
  return { changes: Object.fromEntries([...byDocument].map(([uri, entry]) => [uri, entry.edits])) };
}

const DISABLE_NEXT_LINE = /^(\s*)\/\/\s*tfjs-doctor-disable-next-line\b(.*)$/;
const LINE_BREAK = /(\r\n|\r|\n)$/;

/** The inline script of a page that holds an offset; undefined in a module. */
type Script = NonNullable<Check['scripts']>[number];

/**
 * Inserts (or extends) a `// tfjs-doctor-disable-next-line` comment above the diagnostic's line.
 * In an HTML page, on the line where a script starts after its `<script>` tag, the line above is
 * markup: a `/* tfjs-doctor-disable-line *\/` comment goes before the script's code instead.
 */
function disableLineEdit(document: TextDocument, line: number, ruleId: string, script: Script | undefined): TextEdit {
  const rawLine = (n: number): string => document.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } });
  const lineText = (n: number): string => rawLine(n).replace(LINE_BREAK, '');
  if (script && script.start > document.offsetAt({ line, character: 0 })) {
    const start = document.positionAt(script.start);
    return { range: { start, end: start }, newText: `/* tfjs-doctor-disable-line ${ruleId} */ ` };
  }
  const previous = line > 0 ? DISABLE_NEXT_LINE.exec(lineText(line - 1)) : null;
  if (previous) {
    const end = { line: line - 1, character: lineText(line - 1).length };
    const ids = previous[2]!.trim();
    return { range: { start: end, end }, newText: ids.length > 0 ? `, ${ruleId}` : ` ${ruleId}` };
  }
  const indent = /^\s*/.exec(lineText(line))![0];
  // The file's own line break: a \n in a file of \r\n lines would mix the two.
  const lineBreak = LINE_BREAK.exec(rawLine(line))?.[1] ?? (line > 0 ? LINE_BREAK.exec(rawLine(line - 1))?.[1] : undefined) ?? '\n';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// tfjs-doctor-disable-next-line ${ruleId}${lineBreak}` };
}

/**
 * Inserts a `/* tfjs-doctor-disable *\/` comment at the top of the file (below a shebang), or in an
 * HTML page at the start of the script the finding is in, on the line of its `<script>` tag.
 */
function disableFileEdit(document: TextDocument, ruleId: string, script: Script | undefined): TextEdit {
  if (script) {
    const start = document.positionAt(script.start);
    const startsLine = LINE_BREAK.test(document.getText().charAt(script.start)) || script.start === script.end;
    return { range: { start, end: start }, newText: `/* tfjs-doctor-disable ${ruleId} */${startsLine ? '' : ' '}` };
  }
  const line = document.getText().startsWith('#!') ? 1 : 0;
  const position = { line, character: 0 };
  const lineBreak = LINE_BREAK.exec(document.getText({ start: position, end: { line: line + 1, character: 0 } }))?.[1] ?? '\n';
  return { range: { start: position, end: position }, newText: `/* tfjs-doctor-disable ${ruleId} */${lineBreak}` };
}

function fixAction(fix: FixData, diagnostic: Diagnostic, preferred: boolean, targets: EditTargets): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: workspaceEdit(fix.edits, targets) };
}

function before(p: Position, q: Position): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether two ranges share a position (touching counts). */
function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * The problem of the current check that a diagnostic from the editor stands for. The editor moves
 * its diagnostics along with the user's typing until new ones arrive, so a diagnostic's range is in
 * the current text but may be a little off: the same rule at the same range and with the same
 * message is preferred, then at the same range, then at an overlapping one.
 */
function problemFor(diagnostic: Diagnostic, problems: readonly Problem[]): Problem | undefined {
  const sameRule = problems.filter((problem) => problem.ruleId === diagnostic.code);
  return (
    sameRule.find((problem) => sameRange(problem.diagnostic.range, diagnostic.range) && problem.diagnostic.message === diagnostic.message) ??
    sameRule.find((problem) => sameRange(problem.diagnostic.range, diagnostic.range)) ??
    sameRule.find((problem) => overlaps(problem.diagnostic.range, diagnostic.range))
  );
}

/**
 * The quick fixes for the diagnostics the editor asks about, from a check of the document's current
 * text: a diagnostic whose problem that check no longer finds gets none.
 */
export function codeActions(params: CodeActionParams, document: TextDocument, check: Check, targets: EditTargets): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (!wants(CodeActionKind.QuickFix)) return actions;
  const offered = new Set<Problem>();
  const disabledLines = new Set<string>();
  const documented = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const problem = problemFor(diagnostic, check.problems);
    if (!problem || offered.has(problem)) continue;
    offered.add(problem);
    const { ruleId, fix, suggestions } = problem;
    if (fix) actions.push(fixAction(fix, diagnostic, true, targets));
    for (const suggestion of suggestions) actions.push(fixAction(suggestion, diagnostic, false, targets));
    const line = problem.diagnostic.range.start.line;
    const offset = document.offsetAt(problem.diagnostic.range.start);
    const script = check.scripts?.find((candidate) => candidate.start <= offset && offset <= candidate.end);
    // A comment outside the scripts of a page would be markup, shown on the page.
    const commentable = !check.scripts || script !== undefined;
    if (commentable && !disabledLines.has(`${ruleId}:${line}`)) {
      disabledLines.add(`${ruleId}:${line}`);
      actions.push({
        title: `Disable ${ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit([{ uri: document.uri, edit: disableLineEdit(document, line, ruleId, script) }], targets),
      });
    }
    if (!documented.has(ruleId)) {
      documented.add(ruleId);
      if (commentable) {
        actions.push({
          title: `Disable ${ruleId} for the entire file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: workspaceEdit([{ uri: document.uri, edit: disableFileEdit(document, ruleId, script) }], targets),
        });
      }
      actions.push({
        title: `Show documentation for ${ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${ruleId}`, command: COMMANDS.showRuleDocumentation, arguments: [ruleId] },
      });
    }
  }
  return actions;
}

/** Whether the request asks for `source.fixAll.tfjs-doctor` (or a kind that contains it). */
export function wantsFixAll(params: CodeActionParams): boolean {
  return params.context.only?.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`)) ?? false;
}

/** `source.fixAll.tfjs-doctor`: every safe fix of the check whose edits do not overlap another's. */
export function fixAllAction(check: Check, targets: EditTargets): CodeAction | undefined {
  const taken: EditData[] = [];
  // Edits that only touch (an insertion at the end of a replaced range) do not clash.
  const clash = (a: EditData, b: EditData): boolean => a.uri === b.uri && before(b.edit.range.start, a.edit.range.end) && before(a.edit.range.start, b.edit.range.end);
  for (const { fix } of check.problems) {
    if (!fix) continue;
    if (fix.edits.some((edit) => taken.some((other) => clash(edit, other)))) continue;
    taken.push(...fix.edits);
  }
  if (taken.length === 0) return undefined;
  return { title: 'Fix all safe tfjs-doctor problems', kind: FIX_ALL_KIND, edit: workspaceEdit(taken, targets) };
}
