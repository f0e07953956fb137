/**
 * One variant of a model whose layers depend on a choice the code makes when it runs (`switch
 * (rnnType) { case 'SimpleRNN': model.add(...) ... }`, `if (modelType === 'cnn') ...`): the static
 * build can rebuild the first one, and says so. Layers added on some paths for any other reason (in
 * a callback, a loop, after an early return) leave the model as it was: not rebuildable.
 */
import type { LayerSlot, ModelNode } from '../../rules/core/graph';
import type { Span } from '../../rules/core/span';
import type { ModelVariant } from '../../overfit/src/spec';
import { ts } from './analysis/typescript';

type SourceOf = (file: string) => ts.SourceFile | undefined;

/** Where a slot sits: the alternative of each choice it is inside, outermost first. */
interface Placement {
  readonly choices: readonly { readonly point: ts.Node; readonly alternative: number; readonly label?: string; readonly discriminant?: string }[];
}

/** The variant of the model that takes the first alternative of every choice, or undefined when a layer's condition is not such a choice. */
export function firstVariant(model: ModelNode, sourceOf: SourceOf, lineOf: (span: Span) => number): ModelVariant | undefined {
  if (model.kind !== 'sequential' || !model.slots.some((slot) => slot.conditional)) return undefined;
  if (model.slots.some((slot) => slot.repeated || !slot.layer)) return undefined;
  const sourceFile = sourceOf(model.span.file);
  if (!sourceFile) return undefined;
  const home = enclosingFunction(nodeAt(sourceFile, model.span.start));
  const placements = new Map<LayerSlot, Placement>();
  for (const slot of model.slots) {
    if (!slot.conditional) continue;
    if (slot.span.file !== model.span.file) return undefined;
    const placement = placementOf(nodeAt(sourceFile, slot.span.start), home, sourceFile);
    if (!placement || placement.choices.length === 0) return undefined;
    placements.set(slot, placement);
  }
  // The alternatives the first conditional layer in the code takes; a later switch on the same value takes the same case.
  const labels = new Map<string, string>();
  const chosen = new Map<ts.Node, number>();
  const described: string[] = [];
  const lineOfNode = (node: ts.Node) => lineOf({ file: model.span.file, start: node.getStart(sourceFile), end: node.getEnd() });
  const keep = new Set<LayerSlot>();
  for (const slot of model.slots) {
    const placement = placements.get(slot);
    let kept = true;
    for (const choice of placement?.choices ?? []) {
      if (choice.discriminant !== undefined) {
        const label = labels.get(choice.discriminant);
        if (label === undefined) {
          labels.set(choice.discriminant, choice.label!);
          described.push(`${choice.label === 'default' ? 'the default case' : `case ${choice.label}`} of \`switch (${choice.discriminant})\` (line ${lineOfNode(choice.point)})`);
        } else if (label !== choice.label) kept = false;
      } else {
        const alternative = chosen.get(choice.point);
        if (alternative === undefined) {
          chosen.set(choice.point, choice.alternative);
          described.push(`the ${choice.alternative === 0 ? 'first' : 'second'} branch of the condition at line ${lineOfNode(choice.point)}`);
        } else if (alternative !== choice.alternative) kept = false;
      }
      if (!kept) break;
    }
    if (kept) keep.add(slot);
  }
  if (keep.size === 0) return undefined;
  return {
    keep: (slot) => keep.has(slot),
    note: `The layers of the model depend on a choice the code makes when it runs; the check built the variant it takes first: ${described.join(', ')}. The other variants may train differently: run the check in execute mode, or on a script that makes the choice, for theirs.`,
  };
}

/** The innermost node that starts at `position`, or the one that contains it. */
export function nodeAt(sourceFile: ts.SourceFile, position: number): ts.Node {
  let found: ts.Node = sourceFile;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sourceFile) <= position && position < node.getEnd()) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

/** The innermost function around the node. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return current;
  return undefined;
}

/**
 * The choices between the slot and the function the model is made in: each `if` branch or `switch`
 * case it is inside. Undefined when something else makes it conditional: another function (a
 * callback), a loop, a `try`, or an earlier `return`.
 */
function placementOf(node: ts.Node, home: ts.Node | undefined, sourceFile: ts.SourceFile): Placement | undefined {
  const choices: Placement['choices'][number][] = [];
  let child = node;
  for (let current = node.parent; current && current !== home; child = current, current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isIterationStatement(current, false) || ts.isTryStatement(current)) return undefined;
    if (ts.isIfStatement(current) && child !== current.expression) {
      choices.unshift({ point: current, alternative: child === current.thenStatement ? 0 : 1 });
    } else if (ts.isConditionalExpression(current) && child !== current.condition) {
      choices.unshift({ point: current, alternative: child === current.whenTrue ? 0 : 1 });
    } else if (ts.isCaseClause(current) || ts.isDefaultClause(current)) {
      const block = current.parent;
      const statement = block.parent;
      const index = block.clauses.indexOf(current);
      const label = ts.isCaseClause(current) ? current.expression.getText(sourceFile) : 'default';
      choices.unshift({ point: statement, alternative: index, label, discriminant: statement.expression.getText(sourceFile) });
    }
  }
  if (!isInside(node, home)) return undefined;
  return { choices };
}

/** Whether the node is inside the model's function (a model made at the top level has none). */
function isInside(node: ts.Node, home: ts.Node | undefined): boolean {
  if (!home) return true;
  for (let at: ts.Node | undefined = node; at; at = at.parent) if (at === home) return true;
  return false;
}
