/**
 * What "Fix" in the overfit panel acts on: the editor's diagnostic for the finding the panel shows,
 * and that diagnostic's preferred quick fix. It does not import vscode (the shapes below are the
 * parts of VS Code's types it reads), so the choice is tested in Node.
 */

interface DiagnosticLike {
  readonly code?: string | number | { readonly value: string | number } | undefined;
  readonly source?: string | undefined;
  readonly range: { readonly start: { readonly line: number }; readonly end: { readonly line: number } };
}

interface ActionLike<D extends DiagnosticLike> {
  readonly isPreferred?: boolean | undefined;
  readonly edit?: unknown;
  readonly diagnostics?: readonly D[] | undefined;
}

export function ruleOf(diagnostic: DiagnosticLike): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/**
 * The diagnostic of the rule's finding at `line` (1-based): starting on that line, else spanning it,
 * else the rule's nearest one (the file may have changed since the check).
 */
export function findingAt<D extends DiagnosticLike>(diagnostics: readonly D[], line: number, ruleId: string, source: string): D | undefined {
  const zeroBased = line - 1;
  const ofRule = diagnostics.filter((diagnostic) => diagnostic.source === source && ruleOf(diagnostic) === ruleId);
  const distance = (diagnostic: D) => Math.abs(diagnostic.range.start.line - zeroBased);
  return (
    ofRule.find((diagnostic) => diagnostic.range.start.line === zeroBased) ??
    ofRule.find((diagnostic) => diagnostic.range.start.line <= zeroBased && diagnostic.range.end.line >= zeroBased) ??
    [...ofRule].sort((a, b) => distance(a) - distance(b))[0]
  );
}

/** The preferred quick fix of that rule's finding, when the rule has one that edits the code. */
export function preferredFix<D extends DiagnosticLike, A extends ActionLike<D>>(actions: readonly A[], ruleId: string): A | undefined {
  return actions.find((action) => action.isPreferred === true && action.edit !== undefined && (action.diagnostics ?? []).some((diagnostic) => ruleOf(diagnostic) === ruleId));
}
