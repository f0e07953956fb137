/** The language server's part of the overfit check: code lenses above models, and their specs on request. */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyRule } from '../../../rules/core/rule';
import type { Cause } from '../../../overfit/src/types';
import { locationKey } from '../../../overfit/src/model-location';
import { modelTargets } from '../../../overfit/src/spec';
import type { Span } from '../../../rules/core/span';
import { COMMANDS, type LearningRateEditResult, type OverfitLensModel, type OverfitTargetsResult, type Settings } from '../../../shared/protocol';
import { learningRateEdit } from '../analysis/learning-rate-edit';
import { statementStart } from '../analysis/enclosing-statement';
import { LineMap } from '../analysis/positions';
import type { Workspace } from '../analysis/workspace';
import { fileModels } from '../overfit-request';
import { stepCalls } from '../step-calls';

export function overfitTargets(workspace: Workspace, file: string, rules: Readonly<Record<string, AnyRule>>, settings: Settings): OverfitTargetsResult {
  const { targets, trainingSteps, stepCalls, stepCauses, loadedModels, modelsElsewhere } = fileModels(workspace, file, rules, settings.rules);
  const causes: Record<string, Cause[]> = {};
  for (const target of targets) causes[locationKey(target)] = [...(target.codeCauses ?? [])];
  return { targets, causes, file, ...(trainingSteps.length > 0 ? { trainingSteps } : {}), ...(loadedModels.length > 0 ? { loadedModels } : {}), ...(modelsElsewhere.length > 0 ? { modelsElsewhere } : {}), ...(stepCalls.length > 0 ? { stepCalls } : {}), ...(stepCauses.length > 0 ? { stepCauses } : {}) };
}

/**
 * One lens per model created in the document, on the line where the statement that creates it
 * starts: above `const combined =`, not between it and a `tf.model(` on the next line. Models made
 * by one statement share its line, each lens named after its model. Its command names the model by
 * the place that creates it: two factories may call their models by the same name.
 */
export function overfitCodeLenses(workspace: Workspace, document: TextDocument, file: string, params: CodeLensParams): CodeLens[] {
  const { run } = workspace.run(file);
  const sourceFile = workspace.parse(file)?.sourceFile;
  const placed: { line: number; identity: OverfitLensModel; named?: boolean }[] = [];
  const seen = new Set<number>();
  for (const model of run.graph.models) {
    if (model.kind === 'loaded' || model.span.file !== file) continue;
    const created = document.positionAt(model.span.start).line;
    if (seen.has(created)) continue;
    seen.add(created);
    const name = model.name ?? `${model.kind} model at line ${created + 1}`;
    const line = sourceFile ? document.positionAt(statementStart(sourceFile, model.span.start)).line : created;
    // The identity is the line that creates the model, whichever line the lens is drawn on.
    placed.push({ line, identity: { name, file: model.span.file, line: created + 1 } });
  }
  // Training functions nothing calls that no model's lens reaches: a step over variables of the
  // code's own, or every one of several (the model's lens checks through the first).
  const lineOf = (span: Span) => document.positionAt(span.start).line + 1;
  const calls = stepCalls(run.graph, sourceFile, file, () => modelTargets(run.graph, file, lineOf), lineOf, []);
  for (const call of calls) {
    if (call.trains.length > 0 && calls.length < 2) continue;
    const line = call.line - 1;
    if (placed.some((other) => other.line === line)) continue;
    placed.push({ line, identity: { name: call.owner, file, line: call.line }, named: true });
  }
  return placed.map(({ line, identity, named }) => ({
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    command: {
      title: named || placed.filter((other) => other.line === line).length > 1 ? `Run overfit check: ${identity.name}` : 'Run overfit check',
      command: COMMANDS.runOverfitCheck,
      arguments: [params.textDocument.uri, identity],
    },
  }));
}

/**
 * The edit that writes `learningRate` into the optimizer of the model created at `line` of `file`:
 * at the compile call in effect for its first fit (else its last compile), wherever that is.
 */
export function modelLearningRateEdit(workspace: Workspace, file: string, line: number, learningRate: number, uriOf: (file: string) => string): LearningRateEditResult {
  // As the check sees the model: with the files that import its file, where it may be compiled.
  const { run } = workspace.program([file, ...workspace.dependents(file, 32)]);
  const lineMap = (path: string) => new LineMap(workspace.read(path) ?? '');
  const created = lineMap(file);
  const model = run.graph.models.find((candidate) => candidate.span.file === file && created.position(candidate.span.start).line + 1 === line);
  if (!model) return { reason: `No model is created at line ${line} any more: run the check again.` };
  const compile = model.fits[0]?.compile ?? model.compiles.at(-1);
  if (!compile) return { reason: `${model.name ?? 'The model'} is not compiled where the analysis can see it: set the learning rate where its optimizer is created.` };
  const text = workspace.read(compile.span.file) ?? '';
  const map = new LineMap(text);
  const edit = learningRateEdit(text, { file: compile.span.file, line: map.position(compile.span.start).line + 1 }, learningRate);
  if (edit.kind === 'none') return { reason: edit.reason };
  const textOf = (path: string) => (path === compile.span.file ? map : lineMap(path));
  return {
    description: edit.description,
    edits: edit.edits.map((change) => ({
      uri: uriOf(change.span.file),
      range: { start: textOf(change.span.file).position(change.span.start), end: textOf(change.span.file).position(change.span.end) },
      newText: change.text,
    })),
  };
}
