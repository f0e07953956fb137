/**
 * What the analysis contributes to an overfit check: the file's models as specs the worker can
 * rebuild, and the static findings that may explain a failure.
 */
import { modelTargets } from '../../overfit/src/spec';
import type { GradientNode, ModelNode, ProgramGraph } from '../../rules/core/graph';
import type { Cause, ModelLocation, ModelTarget, StepCall, StepLoss, TrainingStepPlace } from '../../overfit/src/types';
import type { AnyRule } from '../../rules/core/rule';
import type { Span } from '../../rules/core/span';
import type { Finding, RuleSettings } from './analysis/linter';
import { LineMap } from './analysis/positions';
import type { Workspace } from './analysis/workspace';
import { resolveRelative } from './analysis/resolve';
import { isOtherHost } from './analysis/html/nearest-page';
import { firstVariant, nodeAt } from './layer-variants';
import { LIST_STAND_IN_LENGTH, layerListParameters, listStandIns, type LayerListParameter } from './list-stand-ins';
import { parameterKey, type ParameterStandIns } from './analysis/interpreter/interpreter';
import type { ProgramRun } from './analysis/interpreter/program';
import type { CommandLineOption } from './analysis/interpreter/command-line';
import { propertyOf, type ElementsRead, type FieldRead, type PageLookup } from './analysis/interpreter/page-fields';
import type { PageField } from './analysis/html/form-fields';
import * as path from 'node:path';
import { declaredName, stepLossOf } from './loss-expressions';
import { stepCalls } from './step-calls';
import { ts } from './analysis/typescript';

export interface FileModels {
  /** Each with the errors and warnings found where it is built, compiled or trained (`codeCauses`). */
  readonly targets: ModelTarget[];
  /** The file's custom training steps that train no model it knows (variables of their own). */
  readonly trainingSteps: TrainingStepPlace[];
  /** Exported functions that take a training step on the data they are given and that nothing calls, with stand-ins for it. */
  readonly stepCalls: StepCall[];
  /** The linter's errors inside the file's custom training steps. */
  readonly stepCauses: Cause[];
  /** The models the file loads at run time, by their line, and whether the code trains them. */
  readonly loadedModels: { readonly line: number; readonly trained: boolean }[];
  /** The models the files the file imports make, by their place, when it has none of its own. */
  readonly modelsElsewhere: ModelLocation[];
}

/** How many files that import `file` run with it, as the linter runs them: their calls give its factories their arguments. */
const MAX_IMPORTERS = 32;

/**
 * The models of `file` and its findings, from the workspace's analysis. The file runs together with
 * the files that import it, so a factory with parameters is built with the arguments its callers
 * pass (test files excepted: the analysis does not take argument values from them).
 */
export function fileModels(workspace: Workspace, file: string, rules: Readonly<Record<string, AnyRule>>, settings: RuleSettings): FileModels {
  const entries = [file, ...workspace.dependents(file, MAX_IMPORTERS)];
  const { run } = workspace.program(entries);
  const lineMaps = new Map<string, LineMap>();
  const lineMap = (path: string): LineMap => {
    let map = lineMaps.get(path);
    if (!map) lineMaps.set(path, (map = new LineMap(workspace.read(path) ?? '')));
    return map;
  };
  const lineOf = (span: Span) => lineMap(span.file).position(span.start).line + 1;
  const endLineOf = (span: Span) => lineMap(span.file).position(span.end).line + 1;
  const variantOf = (model: ModelNode) => firstVariant(model, (path) => workspace.parse(path)?.sourceFile, lineOf);
  const targetsOf = (graph: ProgramGraph) => modelTargets(graph, file, lineOf, endLineOf, variantOf);
  const built = withStartingInputs(workspace, entries, run, withListStandIns(workspace, entries, file, run.graph, lineOf, targetsOf), lineOf, targetsOf);
  // A model built, compiled or trained in other files has its findings there.
  const files = [file, ...new Set(built.flatMap((target) => (target.regions ?? []).map((region) => region.file)).filter((other) => other !== file))];
  const findings = files.flatMap((name) => workspace.lintFile(name, rules, settings));
  const sourceFile = workspace.parse(file)?.sourceFile;
  const targets = built.map((target) => {
    const codeCauses = staticCauses(target, findings, lineOf);
    const factory = target.file === file && sourceFile ? enclosingFunctionName(sourceFile, target.line) : undefined;
    return { ...target, ...(factory !== undefined ? { factory } : {}), ...(codeCauses.length > 0 ? { codeCauses } : {}) };
  });
  const modelSteps = new Set(run.graph.models.flatMap((model) => model.gradients));
  const ownSteps = run.graph.gradients.filter((step) => step.span.file === file && step.wrt === 'variables' && !modelSteps.has(step) && step.api !== 'model.compile');
  // One per place: the analysis may have followed a step more than once (a function called from several places).
  const trainingSteps: TrainingStepPlace[] = [];
  for (const step of ownSteps) {
    const line = lineOf(step.span);
    const loss = variablesLoss(run.graph, step, lineOf, (span) => declaredName(workspace.parse(span.file)?.sourceFile, span));
    const known = trainingSteps.findIndex((place) => place.api === step.api && place.line === line);
    if (known < 0) trainingSteps.push({ api: step.api, line, ...(loss ? { loss } : {}) });
    else if (loss && !trainingSteps[known]!.loss) trainingSteps[known] = { ...trainingSteps[known]!, loss };
  }
  const fileCauses = findings.filter(isCause).flatMap((finding) => (finding.span.file === file ? [causeOf(finding, lineOf)] : []));
  const sourceOfFile = workspace.parse(file)?.sourceFile;
  let calls = stepCalls(run.graph, sourceOfFile, file, () => targets, lineOf, fileCauses);
  // A training function a browser script calls with its real data (`train(data, log)` from the page's
  // code) ran with that data, which says nothing of what made-up data must be: the file alone runs it
  // with its parameters unknown, as a function nothing calls.
  if (calls.length === 0 && entries.length > 1 && (ownSteps.length > 0 || run.graph.models.some((model) => model.fits.some((fit) => fit.span.file === file)))) {
    // Not the cached run the linter keeps for the file: its findings stay those of the file with its importers.
    const alone = workspace.programWithStandIns([file], new Map());
    calls = stepCalls(alone.graph, sourceOfFile, file, () => targets, lineOf, fileCauses).map((call) => ({ ...call, calledElsewhere: true }));
  }
  // The errors the linter finds in the file's custom steps: what tells a loss without a minimum by mistake from one by design.
  const stepRanges = run.graph.gradients.filter((step) => step.span.file === file && step.wrt === 'variables' && step.api !== 'model.compile').map((step) => [lineOf(step.span), endLineOf(step.span)] as const);
  const stepCauses = fileCauses.filter((cause) => cause.severity === 'error' && stepRanges.some(([start, end]) => cause.line >= start && cause.line <= end));
  // One per place, trained when any run of it trains it.
  const loadedModels = new Map<number, boolean>();
  for (const model of run.graph.models) {
    if (model.kind !== 'loaded' || model.span.file !== file) continue;
    const line = lineOf(model.span);
    loadedModels.set(line, (loadedModels.get(line) ?? false) || model.fits.length > 0);
  }
  const modelsElsewhere = targets.length === 0 && trainingSteps.length === 0 && loadedModels.size === 0 ? importedModels(workspace, file, lineOf) : [];
  return { targets, trainingSteps, stepCalls: calls, stepCauses, loadedModels: [...loadedModels].map(([line, trained]) => ({ line, trained })), modelsElsewhere };
}

/** `new Worker('worker.js')`, `new Worker(new URL('./worker.js', import.meta.url))`, a shared worker: the script it runs, as written. */
const WORKER_SCRIPT = /\bnew\s+(?:Shared)?Worker\s*\(\s*(?:new\s+URL\s*\(\s*)?(['"])([^'"\n]+)\1/g;

/**
 * The files of the project `file` starts as web workers, read from its text: a model trained in a
 * worker is made by the worker's script. An address is taken from the file's folder, where a page
 * beside it, or `import.meta.url`, resolves it.
 */
function workerScripts(workspace: Workspace, file: string): string[] {
  const text = workspace.read(file) ?? '';
  const found: string[] = [];
  for (const match of text.matchAll(WORKER_SCRIPT)) {
    const written = match[2]!;
    if (isOtherHost(written)) continue;
    const resolved = resolveRelative(file, written.startsWith('.') ? written : `./${written.replace(/^\/+/, '')}`, (candidate) => workspace.exists(candidate));
    if (resolved !== undefined && resolved !== file) found.push(resolved);
  }
  return found;
}

/** How many imported files a file without models of its own has looked through for theirs. */
const MAX_IMPORTED_FILES = 8;

/**
 * The models the files `file` imports make, each file run alone as its own analysis runs it (not
 * the run the linter caches for it): where a file that makes none should run the check instead.
 */
function importedModels(workspace: Workspace, file: string, lineOf: (span: Span) => number): ModelLocation[] {
  const found: ModelLocation[] = [];
  const workers = new Set(workerScripts(workspace, file));
  const candidates = [...new Set([...workspace.dependencies(file), ...workers])].filter((candidate) => workspace.isRelevant(candidate)).slice(0, MAX_IMPORTED_FILES);
  for (const imported of candidates) {
    for (const model of workspace.programWithStandIns([imported], new Map()).graph.models) {
      if (model.kind === 'loaded' || model.span.file !== imported) continue;
      const place = { file: imported, line: lineOf(model.span), ...(workers.has(imported) ? { worker: true } : {}) };
      if (!found.some((known) => known.file === place.file && known.line === place.line)) found.push(place);
    }
  }
  return found;
}

/**
 * The targets of the run's graph (and the stand-in lists it used), with a spec for each model whose layers are made one per entry of a list parameter
 * the code leaves unknown: the program runs again with a list of stand-in sizes for it, and a model
 * that is then fully known is built from that run, with a note that says so. Other targets stay as
 * they were.
 */
function withListStandIns(
  workspace: Workspace,
  entries: readonly string[],
  file: string,
  graph: ProgramGraph,
  lineOf: (span: Span) => number,
  targetsOf: (graph: ProgramGraph) => ModelTarget[],
): { targets: ModelTarget[]; lists: ParameterStandIns } {
  const targets = targetsOf(graph);
  const none = { targets, lists: new Map() };
  const sourceFile = workspace.parse(file)?.sourceFile;
  if (!sourceFile) return none;
  /** The lists of each target without a spec, by its place: only the lists of its own model. */
  const listsOf = new Map<string, LayerListParameter[]>();
  for (const model of graph.models) {
    const place = placeOf({ file: model.span.file, line: lineOf(model.span) });
    if (!targets.some((target) => !target.spec && placeOf(target) === place)) continue;
    const lists = new Map((listsOf.get(place) ?? []).map((list) => [parameterKey(list.span), list]));
    // The analysis may have made one model several times (its function run on its own and at each call): each list once.
    for (const list of layerListParameters(model, sourceFile)) lists.set(parameterKey(list.span), list);
    if (lists.size > 0) listsOf.set(place, [...lists.values()]);
  }
  const all = [...new Map([...listsOf.values()].flat().map((list) => [parameterKey(list.span), list])).values()];
  if (all.length === 0) return none;
  const lists = listStandIns(all);
  const rebuilt = targetsOf(workspace.programWithStandIns(entries, lists).graph);
  const withLists = targets.map((target) => {
    const lists = listsOf.get(placeOf(target));
    const again = target.spec || !lists ? undefined : rebuilt.find((candidate) => samePlace(candidate, target) && candidate.spec);
    if (!again?.spec || !lists) return target;
    const names = lists.map((list) => `\`${list.name}\``).join(' and ');
    const owners = [...new Set(lists.map((list) => list.owner))].join(' or ');
    const note = `The code does not give ${owners} the list${lists.length > 1 ? 's' : ''} ${names} the model's layers are made from, one per entry (no call gives ${lists.length > 1 ? 'them' : 'it'}, or only the running script knows ${lists.length > 1 ? 'them' : 'it'}), so the check built the model with ${LIST_STAND_IN_LENGTH} entries in ${lists.length > 1 ? 'each' : 'it'}.`;
    const { specError: _unbuiltReason, ...rest } = target;
    return {
      ...rest,
      spec: { ...again.spec, standInValues: true, notes: [note, ...(again.spec.notes ?? [])] },
      ...(again.standInArguments ? { standInArguments: again.standInArguments } : {}),
      ...(again.regions ? { regions: again.regions } : {}),
    };
  });
  return { targets: withLists, lists };
}

/** Where a model is made, as a key: a run with other values makes it there again. */
function placeOf(target: { readonly file: string; readonly line: number }): string {
  return `${target.file}:${target.line}`;
}

/** Whether two targets are of the model made at one place. */
function samePlace(one: ModelTarget, other: ModelTarget): boolean {
  return placeOf(one) === placeOf(other);
}

/** How many options, or fields, a note on their starting values names; it counts the rest. */
const NAMED_INPUTS = 5;

/** The first `NAMED_INPUTS` of a list, and a count of the rest. */
function named(list: readonly string[]): string {
  return list.slice(0, NAMED_INPUTS).join(', ') + (list.length > NAMED_INPUTS ? `, and ${list.length - NAMED_INPUTS} more` : '');
}

/**
 * The targets as the script builds them when it starts: run without arguments, on its page as the
 * page loads. When the code parses command-line options it gives defaults, or reads form fields its
 * page gives values, or asks the page for lists of elements it has, the program runs again with each
 * option at its default (command-line.ts), each field at the page's value and each list as the page
 * has it (page-fields.ts), and with the list stand-ins of the first build:
 * a model the choices on them left unknown (a model type, a layer size, a learning rate) is then
 * built as `node script.js`, or the page untouched, builds it, with a note that says so. A target
 * they do not change stays as it was.
 */
function withStartingInputs(
  workspace: Workspace,
  entries: readonly string[],
  run: ProgramRun,
  built: { readonly targets: ModelTarget[]; readonly lists: ParameterStandIns },
  lineOf: (span: Span) => number,
  targetsOf: (graph: ProgramGraph) => ModelTarget[],
): ModelTarget[] {
  const { targets, lists } = built;
  // The known pages are gone through only for code whose first run reads fields or elements of its page.
  const pages: PageLookup = run.page.fields.length > 0 || run.page.lists.length > 0 ? workspace.pages(entries.length === 1 ? entries[0] : undefined) : { field: () => undefined, elements: () => undefined };
  const readsPage = run.page.fields.some((read) => pages.field(read.span.file, read.id)) || run.page.lists.some((read) => pages.elements(read.span.file, read.selector));
  if (!run.options.parsed.some((option) => option.absent) && !readsPage) return targets;
  const again = workspace.programWithStandIns(entries, lists, { pages });
  const rebuilt = targetsOf(again.graph);
  const notes = [optionsNote(again.options, lineOf), fieldsNote(again.page.fields, pages, lineOf), elementsNote(again.page.lists, pages, lineOf)].filter((note): note is string => note !== undefined);
  const updated = targets.map((target) => {
    const candidate = rebuilt.find((other) => samePlace(other, target) && other.spec);
    if (!candidate?.spec) return target;
    const same = (one: ModelTarget) => JSON.stringify([one.spec, one.data, one.cannotTrain, one.standInArguments]);
    if (target.spec && same(target) === same(candidate)) return target;
    return { ...candidate, spec: { ...candidate.spec, notes: [...notes, ...(candidate.spec.notes ?? [])] } };
  });
  // The models the script trains when it starts come first: a check that names no model checks the
  // one `node script.js` trains (a model type picked by an option), not the first made.
  const trainedByDefault = (target: ModelTarget) => rebuilt.some((other) => samePlace(other, target) && (other.trainedIn?.length ?? 0) > 0);
  return [...updated.filter(trainedByDefault), ...updated.filter((target) => !trainedByDefault(target))];
}

/** The note on the command-line options a build took at their defaults; undefined when the code reads none. */
function optionsNote(options: ProgramRun['options'], lineOf: (span: Span) => number): string | undefined {
  // One entry per declaration (yargs gives an option under its aliases too); the options the code
  // reads, or every option when it reads them through a copy.
  const once = (list: readonly CommandLineOption[]) => [...new Map(list.map((option) => [`${option.span.file}:${option.span.start}`, option])).values()];
  const read = once(options.read.length > 0 ? options.read : options.parsed);
  const defaulted = read.filter((option) => option.absent);
  if (defaulted.length === 0) return undefined;
  const open = read.filter((option) => !option.absent).map((option) => `\`${option.key}\` (line ${lineOf(option.span)})`);
  const given = named(defaulted.map((option) => `\`${option.key}\` ${JSON.stringify(option.absent!.value)} (line ${lineOf(option.absent!.span ?? option.span)})`));
  // Options a command's builder declares are the options of that command: the run is one of it.
  const commands = [...new Set(read.flatMap((option) => (option.command !== undefined ? [`\`${option.command}\``] : [])))];
  const run = commands.length === 0 ? 'without arguments' : `the command ${commands.join(' or ')} without other arguments`;
  return open.length === 0
    ? `The script reads command-line options: the check built the model as the script runs ${run}, each option at the default the code gives it (${given}).`
    : `The script reads command-line options: the check built the model with the defaults the code gives them (${given}); it leaves open ${open.join(', ')}, which ${open.length > 1 ? 'have' : 'has'} no default it can read.`;
}

/** The most characters of a field's value a note quotes (a text area may hold a whole data set). */
const QUOTED_VALUE = 40;

/** A field's id as a note writes it, in backticks it cannot close. */
function fieldName(id: string): string {
  return `\`#${id.replace(/`/g, "'")}\``;
}

/** What a read of a field got, in words: the value quoted (cut when long), `checked`/`not checked`, a number. */
function fieldShown(field: PageField, property: FieldRead['property']): string {
  const got = propertyOf(field, property);
  if (property === 'options') return field.options?.length === 1 ? 'with its 1 option' : `with its ${field.options?.length ?? 0} options`;
  if (property === 'selectedIndex' && typeof got === 'number') return got < 0 ? 'with no option selected' : `selectedIndex ${got} (${fieldShown(field, 'value')})`;
  if (typeof got === 'boolean') return got ? 'checked' : 'not checked';
  if (typeof got === 'number') return String(got);
  const text = got ?? field.value;
  return JSON.stringify(text.length > QUOTED_VALUE ? `${text.slice(0, QUOTED_VALUE)}…` : text);
}

/** The note on the form fields a build took at the values their page gives them; undefined when it took none. */
function fieldsNote(fields: readonly FieldRead[], pages: PageLookup, lineOf: (span: Span) => number): string | undefined {
  const firstReads = new Map<string, FieldRead>();
  // A select's options are the page's; which one it selects is what a read of its value says.
  for (const read of fields) if (!firstReads.has(read.id) || (firstReads.get(read.id)!.property === 'options' && read.property !== 'options')) firstReads.set(read.id, read);
  const given: string[] = [];
  const open: string[] = [];
  const differ: string[] = [];
  for (const read of firstReads.values()) {
    const found = pages.field(read.span.file, read.id);
    if (found && read.property === 'options' && !found.field.options) continue;
    if (found) given.push(`${fieldName(read.id)} ${fieldShown(found.field, read.property)} (${path.basename(found.page)} line ${lineOf({ file: found.page, start: found.field.start, end: found.field.end })})`);
    else if (found === null) differ.push(fieldName(read.id));
    else open.push(`${fieldName(read.id)} (${path.basename(read.span.file)} line ${lineOf(read.span)})`);
  }
  if (given.length === 0) return undefined;
  const parts = [`The code reads fields of its page: the check built the model with the values the page gives them as it loads (${named(given)})`];
  if (open.length > 0) parts.push(`it leaves open ${open.join(', ')}, which no page of the script's folder or the folders above it gives a value`);
  if (differ.length > 0) parts.push(`the pages nearest the script give ${differ.join(', ')} different values, which the check leaves open`);
  return `${parts.join('; ')}.`;
}

/** The note on the lists of elements a build took as the page has them; undefined when it took none. */
function elementsNote(lists: readonly ElementsRead[], pages: PageLookup, lineOf: (span: Span) => number): string | undefined {
  const given = new Map<string, string>();
  for (const read of lists) {
    const found = pages.elements(read.span.file, read.selector);
    if (!found || given.has(read.selector)) continue;
    const first = lineOf({ file: found.page, start: found.elements[0]!.start, end: found.elements[0]!.end });
    const last = lineOf({ file: found.page, start: found.elements.at(-1)!.start, end: found.elements.at(-1)!.end });
    const count = found.elements.length === 1 ? '1 element' : `${found.elements.length} elements`;
    given.set(read.selector, `\`${read.selector.replace(/`/g, "'")}\`: ${count} (${path.basename(found.page)} ${first === last ? `line ${first}` : `lines ${first}–${last}`})`);
  }
  if (given.size === 0) return undefined;
  return `The code looks up elements of its page: the check built the model with the elements the page has as it loads, before any script adds or removes some (${named([...given.values()])}).`;
}

/** The name of the innermost named function around the first code on a 1-based line: a declaration, a method, or a function stored in a variable or property. */
export function enclosingFunctionName(sourceFile: ts.SourceFile, line: number): string | undefined {
  const lineStart = sourceFile.getPositionOfLineAndCharacter(line - 1, 0);
  const position = lineStart + (/^\s*/.exec(sourceFile.text.slice(lineStart, lineStart + 200))?.[0].length ?? 0);
  for (let node: ts.Node | undefined = nodeAt(sourceFile, position); node; node = node.parent) {
    const name = functionName(node);
    if (name !== undefined) return name;
  }
  return undefined;
}

function functionName(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name)) return node.name.text;
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.parent) {
    const holder = node.parent;
    if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name)) return holder.name.text;
  }
  return undefined;
}

/** The loss of a step over variables of the code's own, when the code gives every part of it (its data computed with tfjs). */
function variablesLoss(graph: ProgramGraph, step: GradientNode, lineOf: (span: Span) => number, nameOf: (span: Span) => string | undefined): StepLoss | undefined {
  if (step.varList) return undefined;
  const loss = stepLossOf(graph, step, { parameterOf: () => undefined, targetOf: () => undefined, nameOf }, lineOf);
  if (!loss || loss.models.size > 0 || loss.parameters || loss.graph.variables.length === 0) return undefined;
  const { models: _models, parameters: _parameters, ...stepLoss } = loss;
  return stepLoss;
}

/** The errors and warnings found where the target is built, compiled or trained, as causes. */
function staticCauses(target: ModelTarget | undefined, findings: readonly Finding[], lineOf: (span: Span) => number): Cause[] {
  if (!target?.regions) return [];
  const regions = target.regions;
  const inRegion = (file: string, line: number) => regions.some((region) => region.file === file && line >= region.start && line <= region.end);
  const seen = new Set<string>();
  return findings.flatMap((finding) => {
    const line = lineOf(finding.span);
    const key = `${finding.ruleId}:${finding.span.file}:${finding.span.start}`;
    if (!isCause(finding) || seen.has(key) || !inRegion(finding.span.file, line)) return [];
    seen.add(key);
    return [causeOf(finding, lineOf)];
  });
}

/** Errors and warnings may explain a result; hints and information do not. */
function isCause(finding: Finding): finding is Finding & { severity: 'error' | 'warning' } {
  return finding.severity === 'error' || finding.severity === 'warning';
}

/** A finding of the linter as a cause of the check's result. */
function causeOf(finding: Finding & { severity: 'error' | 'warning' }, lineOf: (span: Span) => number): Cause & { line: number } {
  return { id: finding.ruleId, message: finding.message, severity: finding.severity, file: finding.span.file, line: lineOf(finding.span), fromRule: true };
}
