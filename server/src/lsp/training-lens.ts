/** The "Run training with tfjs-doctor" code lens: one per file that trains a model. */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS } from '../../../shared/protocol';
import { statementStart } from '../analysis/enclosing-statement';
import type { Workspace } from '../analysis/workspace';

export const TRAINING_LENS_TITLE = 'Run training with tfjs-doctor';

/**
 * The lens that runs the file with its training watched, when the file trains a model (a fit,
 * fitDataset, trainOnBatch or custom gradient step written in it). It sits beside the first "Run
 * overfit check" (above the first model the file creates), or above the first training call when the
 * model comes from another file. The run is of the whole script: one lens per file. The client shows
 * it only in a trusted workspace, where the file's code may run.
 */
export function trainingCodeLens(workspace: Workspace, document: TextDocument, file: string, params: CodeLensParams): CodeLens[] {
  const { run } = workspace.run(file);
  const sourceFile = workspace.parse(file)?.sourceFile;
  const models = run.graph.models;
  const training = models
    .flatMap((model) => [...model.fits, ...model.gradients.filter((gradient) => gradient.api !== 'model.compile')])
    .map((call) => call.span)
    .filter((span) => span.file === file)
    .sort((a, b) => a.start - b.start);
  if (training.length === 0) return [];
  const created = models.filter((model) => model.kind !== 'loaded' && model.span.file === file).map((model) => model.span.start);
  const anchor = created.length > 0 ? Math.min(...created) : training[0]!.start;
  const line = document.positionAt(sourceFile ? statementStart(sourceFile, anchor) : anchor).line;
  return [
    {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: TRAINING_LENS_TITLE, command: COMMANDS.runTraining, arguments: [params.textDocument.uri] },
    },
  ];
}
