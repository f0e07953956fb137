/** The language server's part of the overfit check: code lenses above models, and their specs on request. */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyRule } from '../../../rules/core/rule';
import type { Cause } from '../../../overfit/src/types';
import { locationKey } from '../../../overfit/src/model-location';
import { COMMANDS, type OverfitLensModel, type OverfitTargetsResult, type Settings } from '../../../shared/protocol';
import { LineMap } from '../analysis/positions';
import type { Workspace } from '../analysis/workspace';
import { fileModels, staticCauses } from '../overfit-request';

export function overfitTargets(workspace: Workspace, file: string, rules: Readonly<Record<string, AnyRule>>, settings: Settings): OverfitTargetsResult {
  const { targets, findings } = fileModels(workspace, file, rules, settings.rules);
  const lines = new Map<string, LineMap>();
  const lineOf = (span: { file: string; start: number }) => {
    let map = lines.get(span.file);
    if (!map) lines.set(span.file, (map = new LineMap(workspace.read(span.file) ?? '')));
    return map.position(span.start).line + 1;
  };
  const causes: Record<string, Cause[]> = {};
  for (const target of targets) causes[locationKey(target)] = staticCauses(target, findings, lineOf);
  return { targets, causes, file };
}

/**
 * One lens per model created in the document, on the line that creates it. Its command names the
 * model by its place: two factories may call their models by the same name.
 */
export function overfitCodeLenses(workspace: Workspace, document: TextDocument, file: string, params: CodeLensParams): CodeLens[] {
  const { run } = workspace.run(file);
  const seen = new Set<number>();
  const lenses: CodeLens[] = [];
  for (const model of run.graph.models) {
    if (model.kind === 'loaded' || model.span.file !== file) continue;
    const line = document.positionAt(model.span.start).line;
    if (seen.has(line)) continue;
    seen.add(line);
    const name = model.name ?? `${model.kind} model at line ${line + 1}`;
    const identity: OverfitLensModel = { name, file: model.span.file, line: line + 1 };
    lenses.push({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: 'Run overfit check', command: COMMANDS.runOverfitCheck, arguments: [params.textDocument.uri, identity] },
    });
  }
  return lenses;
}
