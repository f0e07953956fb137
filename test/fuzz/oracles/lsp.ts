/** What the language server's answers must satisfy: ranges inside the document they were asked about, edits that apply. */
import type { CodeAction, CodeLens, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { oneLine, type Failure } from '../failure';
import { before, editorLines, rangeProblem } from './positions';

function invalid(check: string, message: string, detail?: string): Failure {
  return { kind: 'invalid', target: 'lsp', check, message, ...(detail !== undefined ? { detail } : {}) };
}

/** Why a list of edits cannot be applied to the text (out of bounds, overlapping), or undefined. */
export function editsProblem(edits: readonly TextEdit[], text: string): string | undefined {
  if (!Array.isArray(edits)) return 'edits are not a list';
  const lines = editorLines(text);
  for (const edit of edits) {
    if (typeof edit?.newText !== 'string') return `an edit without newText: ${JSON.stringify(edit)}`;
    const problem = rangeProblem(edit.range, lines);
    if (problem) return problem;
  }
  const sorted = [...edits].sort((a, b) => (before(a.range.start, b.range.start) ? -1 : before(b.range.start, a.range.start) ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (before(sorted[i]!.range.start, sorted[i - 1]!.range.end)) return `overlapping edits ${JSON.stringify(sorted[i - 1]!.range)} and ${JSON.stringify(sorted[i]!.range)}`;
  }
  return undefined;
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///fuzz', 'typescript', 1, text), [...edits]);
}

/** Published diagnostics: inside the text of the version they were published for, from tfjs-doctor, with a message. */
export function checkDiagnostics(diagnostics: readonly Diagnostic[], text: string, where: string): Failure[] {
  const lines = editorLines(text);
  const failures: Failure[] = [];
  for (const diagnostic of diagnostics) {
    const problem = rangeProblem(diagnostic.range, lines);
    if (problem) failures.push(invalid('diagnostic-range', `${problem} (${String(diagnostic.code)}, ${where})`));
    // A finding names its rule; the note that a file was not (fully) analysed has no rule.
    const isNote = typeof diagnostic.message === 'string' && diagnostic.message.startsWith('Not analysed:') && diagnostic.code === undefined;
    if (typeof diagnostic.message !== 'string' || diagnostic.message.length === 0 || (typeof diagnostic.code !== 'string' && !isNote) || diagnostic.source !== 'tfjs-doctor') {
      failures.push(invalid('diagnostic-shape', `a diagnostic without code, source or message (${where})`, JSON.stringify(diagnostic).slice(0, 500)));
    }
    if (![1, 2, 3, 4].includes(diagnostic.severity ?? 0)) failures.push(invalid('diagnostic-shape', `severity ${String(diagnostic.severity)} (${where})`));
  }
  return failures;
}

/** Edits of one document in a workspace edit, with the version they are for when the server says. */
export interface EditGroup {
  readonly uri: string;
  /** undefined: no version given (plain `changes`); null: for the file on disk. */
  readonly version: number | null | undefined;
  readonly edits: readonly TextEdit[];
}

export function editGroups(edit: WorkspaceEdit | undefined): EditGroup[] {
  const groups: EditGroup[] = Object.entries(edit?.changes ?? {}).map(([uri, edits]) => ({ uri, version: undefined, edits }));
  for (const change of edit?.documentChanges ?? []) {
    if ('textDocument' in change) groups.push({ uri: change.textDocument.uri, version: change.textDocument.version, edits: change.edits.filter((edit): edit is TextEdit => 'range' in edit) });
  }
  return groups;
}

export interface DocumentsAtRequest {
  /** The text of a document (open, or on disk) when the request was sent. */
  readonly textOf: (uri: string) => string | undefined;
  /** The version of an open document when the request was sent. */
  readonly versionOf: (uri: string) => number | undefined;
}

/** Whether an editor applies the group to the document as it was: an edit for another version is refused. */
export function applies(group: EditGroup, documents: DocumentsAtRequest): boolean {
  if (group.version === undefined) return true;
  const open = documents.versionOf(group.uri);
  return group.version === null ? open === undefined : group.version === open;
}

/** The edits of an action an editor would apply to one document. */
export function applicableEdits(action: CodeAction, uri: string, documents: DocumentsAtRequest): TextEdit[] {
  return editGroups(action.edit).flatMap((group) => (group.uri === uri && applies(group, documents) ? group.edits : []));
}

/** Each action's edits that an editor would apply must apply to the documents as they were when the request was sent. `check` says which actions to hold to that. */
export function checkCodeActions(value: unknown, documents: DocumentsAtRequest, check: (action: CodeAction) => boolean, where: string): Failure[] {
  if (value === null) return [];
  if (!Array.isArray(value)) return [invalid('code-action-shape', `code actions are not a list (${where})`)];
  const failures: Failure[] = [];
  for (const action of value as CodeAction[]) {
    if (typeof action?.title !== 'string') {
      failures.push(invalid('code-action-shape', `a code action without a title (${where})`));
      continue;
    }
    if (!action.edit || !check(action)) continue;
    for (const group of editGroups(action.edit)) {
      const text = documents.textOf(group.uri);
      if (text === undefined || !applies(group, documents)) continue;
      const problem = editsProblem(group.edits, text);
      if (problem) failures.push(invalid('code-action-edit', `${problem} (${oneLine(action.title, 80)}, ${where})`));
    }
  }
  return failures;
}

export function checkCodeLenses(value: unknown, text: string, where: string): Failure[] {
  if (value === null) return [];
  if (!Array.isArray(value)) return [invalid('code-lens-shape', `code lenses are not a list (${where})`)];
  const lines = editorLines(text);
  const failures: Failure[] = [];
  for (const lens of value as CodeLens[]) {
    const problem = rangeProblem(lens?.range, lines);
    if (problem) failures.push(invalid('code-lens-range', `${problem} (${where})`));
    if (lens?.command !== undefined && (typeof lens.command.title !== 'string' || typeof lens.command.command !== 'string')) {
      failures.push(invalid('code-lens-shape', `a lens command without title or command (${where})`));
    }
  }
  return failures;
}

/** tfjsDoctor/overfitTargets: { targets, causes, file }, each target on a line of its file. */
export function checkOverfitTargets(value: unknown, textOfFile: (file: string) => string | undefined, where: string): Failure[] {
  const result = value as { targets?: unknown; causes?: unknown; file?: unknown } | null;
  if (typeof result !== 'object' || result === null || !Array.isArray(result.targets) || typeof result.causes !== 'object' || result.causes === null || typeof result.file !== 'string') {
    return [invalid('overfit-targets-shape', `not { targets, causes, file } (${where})`, JSON.stringify(value)?.slice(0, 500))];
  }
  const failures: Failure[] = [];
  for (const target of result.targets as { name?: unknown; file?: unknown; line?: unknown }[]) {
    if (typeof target?.name !== 'string' || typeof target.file !== 'string' || typeof target.line !== 'number' || !Number.isInteger(target.line) || target.line < 1) {
      failures.push(invalid('overfit-targets-shape', `a target without name, file or line (${where})`, JSON.stringify(target).slice(0, 500)));
      continue;
    }
    const text = textOfFile(target.file);
    if (text !== undefined && target.line > editorLines(text).length) {
      failures.push(invalid('overfit-targets-line', `target ${JSON.stringify(target.name)} on line ${target.line} of a ${editorLines(text).length}-line file (${where})`));
    }
  }
  return failures;
}
