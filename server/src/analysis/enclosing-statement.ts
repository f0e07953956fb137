import { ts } from './typescript';

/** A node that starts a line of code of its own: a statement, a class member, an `export =`. */
function isStatementLike(node: ts.Node): boolean {
  return (
    (node.kind >= ts.SyntaxKind.FirstStatement && node.kind <= ts.SyntaxKind.LastStatement) ||
    ts.isPropertyDeclaration(node) ||
    ts.isExportAssignment(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node)
  );
}

/**
 * The offset where the innermost statement holding `offset` starts: `const combined =` for a model
 * whose `tf.model(` call is on the next line. The offset itself when no statement holds it.
 */
export function statementStart(sourceFile: ts.SourceFile, offset: number): number {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.getStart(sourceFile) || offset >= node.end) return;
    if (isStatementLike(node)) found = node;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found ? found.getStart(sourceFile) : offset;
}
