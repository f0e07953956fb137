import type { AnyRule, FixProposal, RelatedSpan, Report, Severity, SeveritySetting, TextEdit } from '../../../rules/core/rule';
import { formatMessage } from '../../../rules/core/rule';
import type { Span } from '../../../rules/core/span';
import { spanKey } from '../../../rules/core/span';
import type { ProgramRun } from './interpreter/program';

/** A fix or suggestion ready to show: its description and its edits. */
export interface ResolvedFix {
  readonly kind: 'safe' | 'suggestion';
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

/** One problem a rule found. */
export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly span: Span;
  readonly related: readonly RelatedSpan[];
  readonly fix?: ResolvedFix;
  readonly suggestions: readonly ResolvedFix[];
}

/** Per-rule severity overrides; rules not listed keep their default. */
export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

export interface RuleFailure {
  readonly ruleId: string;
  readonly error: unknown;
}

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

/**
 * Runs every enabled rule over one program run. A rule that throws is reported through
 * `onFailure` and skipped; it never stops the others. Nothing is reported in files the run could not
 * follow to the end: what their code does was left out, so a finding there could be wrong.
 *
 * The interpreter meets a construct once per path that reaches it (a factory called twice makes two
 * layers at one place), so a rule may report one place several times; the findings are merged here,
 * one per rule and place, and rules do not de-duplicate themselves.
 */
export function runRules(
  run: ProgramRun,
  rules: Readonly<Record<string, AnyRule>>,
  settings: RuleSettings,
  text: (file: string) => string,
  onFailure: (failure: RuleFailure) => void = () => {},
): Finding[] {
  const findings: Finding[] = [];
  for (const [ruleId, rule] of Object.entries(rules)) {
    const setting = settings[ruleId];
    if (setting === 'off') continue;
    // A rule meets the same construct once per path the evaluator followed to it: the message and
    // fixes of a report are worked out only when no report of the rule at that place is as severe.
    const severest = new Map<string, Severity>();
    const resolve = (proposal: FixProposal<string>, kind: ResolvedFix['kind']): ResolvedFix => ({
      kind,
      description: formatMessage(rule.meta.messages[proposal.messageId] ?? proposal.messageId, proposal.data),
      edits: proposal.edits,
    });
    try {
      rule.check({
        graph: run.graph,
        text,
        report(report: Report<string>) {
          if (run.partial.has(report.span.file)) return;
          const severity = setting ?? report.severity ?? rule.meta.severity;
          const place = spanKey(report.span);
          const earlier = severest.get(place);
          if (earlier !== undefined && severityRank(earlier) >= severityRank(severity)) return;
          severest.set(place, severity);
          const template = rule.meta.messages[report.messageId];
          const fix = report.fix && rule.meta.fix === 'safe' ? resolve(report.fix, 'safe') : undefined;
          const suggestions = [
            ...(report.fix && rule.meta.fix !== 'safe' ? [report.fix] : []),
            ...(report.suggestions ?? []),
          ].map((proposal) => resolve(proposal, 'suggestion'));
          findings.push({
            ruleId,
            messageId: report.messageId,
            message: formatMessage(template ?? report.messageId, report.data),
            severity,
            span: report.span,
            related: report.related ?? [],
            ...(fix ? { fix } : {}),
            suggestions,
          });
        },
      });
    } catch (error) {
      onFailure({ ruleId, error });
    }
  }
  return mergeFindings(findings);
}

/**
 * Merges findings of several runs: the same rule at the same place is reported once, keeping the most
 * severe version (a run that knows more, say the number of units, may judge it more precisely).
 */
export function mergeFindings(findings: Iterable<Finding>): Finding[] {
  const byPlace = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.ruleId}|${spanKey(finding.span)}`;
    const existing = byPlace.get(key);
    if (!existing || severityRank(finding.severity) > severityRank(existing.severity)) byPlace.set(key, finding);
  }
  return [...byPlace.values()].sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}
