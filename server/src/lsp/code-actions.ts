import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, FIX_ALL_KIND, SOURCE } from '../../../shared/protocol';
import { isDiagnosticData, type EditData, type FixData } from './diagnostics';

function workspaceEdit(edits: readonly EditData[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const { uri, edit } of edits) (changes[uri] ??= []).push(edit);
  return { changes };
}

const DISABLE_NEXT_LINE = /^(\s*)\/\/\s*tfjs-doctor-disable-next-line\b(.*)$/;

/** Inserts (or extends) a `// tfjs-doctor-disable-next-line` comment above the diagnostic's line. */
function disableLineEdit(document: TextDocument, line: number, ruleId: string): TextEdit {
  const lineText = (n: number): string => document.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }).replace(/\r?\n$/, '');
  const previous = line > 0 ? DISABLE_NEXT_LINE.exec(lineText(line - 1)) : null;
  if (previous) {
    const end = { line: line - 1, character: lineText(line - 1).length };
    const ids = previous[2]!.trim();
    return { range: { start: end, end }, newText: ids.length > 0 ? `, ${ruleId}` : ` ${ruleId}` };
  }
  const indent = /^\s*/.exec(lineText(line))![0];
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// tfjs-doctor-disable-next-line ${ruleId}\n` };
}

/** Inserts a `/* tfjs-doctor-disable *\/` comment at the top of the file (below a shebang). */
function disableFileEdit(document: TextDocument, ruleId: string): TextEdit {
  const line = document.getText().startsWith('#!') ? 1 : 0;
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: `/* tfjs-doctor-disable ${ruleId} */\n` };
}

function fixAction(fix: FixData, diagnostic: Diagnostic, preferred: boolean, kind: string = CodeActionKind.QuickFix): CodeAction {
  return { title: fix.title, kind, diagnostics: [diagnostic], isPreferred: preferred, edit: workspaceEdit(fix.edits) };
}

/** The quick fixes for the diagnostics the editor asks about. */
export function codeActions(params: CodeActionParams, document: TextDocument): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (!wants(CodeActionKind.QuickFix)) return actions;
  const disabledLines = new Set<string>();
  const documented = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE || !isDiagnosticData(diagnostic.data)) continue;
    const { ruleId, fix, suggestions } = diagnostic.data;
    if (fix) actions.push(fixAction(fix, diagnostic, true));
    for (const suggestion of suggestions) actions.push(fixAction(suggestion, diagnostic, false));
    const line = diagnostic.range.start.line;
    if (!disabledLines.has(`${ruleId}:${line}`)) {
      disabledLines.add(`${ruleId}:${line}`);
      actions.push({
        title: `Disable ${ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: [disableLineEdit(document, line, ruleId)] } },
      });
    }
    if (!documented.has(ruleId)) {
      documented.add(ruleId);
      actions.push({
        title: `Disable ${ruleId} for the entire file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: [disableFileEdit(document, ruleId)] } },
      });
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

/** `source.fixAll.tfjs-doctor`: every safe fix of the document whose edits do not overlap another's. */
export function fixAllAction(params: CodeActionParams, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
  const only = params.context.only;
  if (!only?.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`))) return undefined;
  const taken: EditData[] = [];
  const overlaps = (a: EditData, b: EditData): boolean => {
    if (a.uri !== b.uri) return false;
    const before = (p: { line: number; character: number }, q: { line: number; character: number }): boolean => p.line < q.line || (p.line === q.line && p.character <= q.character);
    return !(before(a.edit.range.end, b.edit.range.start) || before(b.edit.range.end, a.edit.range.start));
  };
  for (const diagnostic of diagnostics) {
    if (!isDiagnosticData(diagnostic.data) || !diagnostic.data.fix) continue;
    const edits = diagnostic.data.fix.edits;
    if (edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    taken.push(...edits);
  }
  if (taken.length === 0) return undefined;
  return { title: 'Fix all safe tfjs-doctor problems', kind: FIX_ALL_KIND, edit: workspaceEdit(taken) };
}
