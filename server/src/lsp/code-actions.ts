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
export function codeActions(params: CodeActionParams, check: Check, targets: EditTargets): CodeAction[] {
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
    const { disable } = problem;
    if (disable && !disabledLines.has(`${ruleId}:${line}`)) {
      disabledLines.add(`${ruleId}:${line}`);
      actions.push({
        title: `Disable ${ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit([disable.line], targets),
      });
    }
    if (!documented.has(ruleId)) {
      documented.add(ruleId);
      if (disable) {
        actions.push({
          title: `Disable ${ruleId} for the entire file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: workspaceEdit([disable.file], targets),
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
