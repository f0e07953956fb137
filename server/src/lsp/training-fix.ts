/** The language server's part of the training run: the code edit of a learning-curve doctor's fix. */
import { pathToFileURL } from 'node:url';
import type { OptionalVersionedTextDocumentIdentifier, TextEdit } from 'vscode-languageserver';
import type { TrainingFix } from '../../../overfit/src/training/types';
import type { TrainingFixResult } from '../../../shared/protocol';
import { LineMap } from '../analysis/positions';
import { trainingFixEdit } from '../analysis/training-fixes';
import type { Workspace } from '../analysis/workspace';

/**
 * The fix as a workspace edit of the file's current text (the editor's, when it is open). With
 * `documentChanges`, the edit names the document's version, so the editor refuses it once the text
 * has moved on.
 */
export function trainingFixResult(workspace: Workspace, fix: TrainingFix, target: (uri: string) => OptionalVersionedTextDocumentIdentifier, documentChanges: boolean): TrainingFixResult {
  const file = fix.at.file;
  const text = workspace.read(file);
  if (text === undefined) return { kind: 'unplaced', reason: `${file} cannot be read` };
  const placed = trainingFixEdit(file, text, fix);
  if (placed.kind === 'unplaced') return placed;
  const lines = new LineMap(text);
  const edits: TextEdit[] = placed.edits.map((edit) => ({ range: { start: lines.position(edit.span.start), end: lines.position(edit.span.end) }, newText: edit.text }));
  const textDocument = target(pathToFileURL(file).href);
  return {
    kind: 'edit',
    title: placed.title,
    edit: documentChanges ? { documentChanges: [{ textDocument, edits }] } : { changes: { [textDocument.uri]: edits } },
  };
}
