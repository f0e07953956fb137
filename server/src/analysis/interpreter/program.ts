import type { ProgramGraph } from '../../../../rules/core/graph';
import type { CommandLineOption } from './command-line';
import type { PageReads, RunDefaults } from './evaluator-base';
import { DEFAULT_LIMITS, Interpreter, type AnalysisHost, type ParameterStandIns, type RunLimits, type UnitAbort } from './interpreter';

/** The result of following the code from a set of entry files, each module once. */
export interface ProgramRun {
  readonly entries: readonly string[];
  readonly graph: ProgramGraph;
  /** Every file the run read. */
  readonly files: ReadonlySet<string>;
  /**
   * Files the run could not follow to the end (a unit of theirs ran out of budget, nested too deeply
   * or tripped the evaluator), with the reason. The run left those units out, so what the graph
   * holds is what the rest of the program does; findings in these files are not reported.
   */
  readonly partial: ReadonlyMap<string, string>;
  /** The command-line options of the parses the code made, and those it read (see command-line.ts). */
  readonly options: { readonly parsed: readonly CommandLineOption[]; readonly read: readonly CommandLineOption[] };
  /** The fields and lists of elements of its page the code read (see page-fields.ts). */
  readonly page: PageReads;
}

/** Evaluations of a program at most: each leaves out the units that stopped early in the ones before. */
const MAX_EVALUATIONS = 3;

/**
 * Follows the program from `entries`. A unit that stops early may have left a model half built, so
 * the program is evaluated again without it (its module read as unknown, or its function not run),
 * which keeps rules from judging a partial model. That costs a second evaluation only when something
 * stopped early; the common run evaluates once.
 */
export function runProgram(host: AnalysisHost, entries: readonly string[], limits: RunLimits = DEFAULT_LIMITS, standIns?: ParameterStandIns, defaults?: RunDefaults): ProgramRun {
  const opaque = new Set<string>();
  const partial = new Map<string, string>();
  for (let evaluation = 1; ; evaluation++) {
    const { graph, files, aborts, options, page } = new Interpreter(host, limits, opaque, standIns, defaults).evaluate(entries);
    const fresh = aborts.filter((abort: UnitAbort) => !opaque.has(abort.key));
    for (const abort of fresh) {
      if (!partial.has(abort.file)) partial.set(abort.file, abort.reason);
      opaque.add(abort.key);
    }
    if (fresh.length === 0 || evaluation === MAX_EVALUATIONS) return { entries, graph, files, partial, options, page };
  }
}
