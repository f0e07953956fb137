import type { Span } from '../../../../rules/core/span';
import { applyEdits } from '../../analysis/edits';
import type { Finding, ResolvedFix } from '../../analysis/linter';
import { isFatal, problemMessage, type FileProblem } from '../../analysis/source';
import type { FileReport } from '../lint';
import { Locator } from './locate';

interface EslintFix {
  readonly range: [number, number];
  readonly text: string;
}

interface EslintMessage {
  /** null for a message about the file itself (it could not be analysed), as in ESLint. */
  readonly ruleId: string | null;
  readonly severity: 1 | 2;
  /** The file could not be analysed; ESLint sets it on parse errors. */
  readonly fatal?: true;
  readonly message: string;
  readonly messageId?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly level?: 'info';
  readonly fix?: EslintFix;
  readonly suggestions?: readonly { readonly desc: string; readonly fix: EslintFix }[];
}

interface EslintResult {
  readonly filePath: string;
  readonly messages: readonly EslintMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly fatalErrorCount: number;
  readonly fixableErrorCount: number;
  readonly fixableWarningCount: number;
}

/**
 * ESLint's fix is one replacement in the reported file. Several edits there merge into one covering
 * replacement; a fix that also edits another file cannot be expressed and is left out.
 */
function eslintFix(fix: ResolvedFix, file: string, text: string): EslintFix | undefined {
  if (fix.edits.length === 0 || fix.edits.some((edit) => edit.span.file !== file)) return undefined;
  const start = Math.min(...fix.edits.map((edit) => edit.span.start));
  const end = Math.max(...fix.edits.map((edit) => edit.span.end));
  const shifted = fix.edits.map((edit) => ({ ...edit, span: { file, start: edit.span.start - start, end: edit.span.end - start } satisfies Span }));
  return { range: [start, end], text: applyEdits(text.slice(start, end), shifted) };
}

function message(finding: Finding, report: FileReport, locator: Locator): EslintMessage {
  const location = locator.locate(finding.span);
  const fix = finding.fix ? eslintFix(finding.fix, report.file, report.text) : undefined;
  const suggestions = finding.suggestions.flatMap((suggestion) => {
    const suggestionFix = eslintFix(suggestion, report.file, report.text);
    return suggestionFix ? [{ desc: suggestion.description, fix: suggestionFix }] : [];
  });
  return {
    ruleId: finding.ruleId,
    severity: finding.severity === 'error' ? 2 : 1,
    message: finding.message,
    messageId: finding.messageId,
    ...location,
    ...(finding.severity === 'info' || finding.severity === 'hint' ? { level: 'info' as const } : {}),
    ...(fix ? { fix } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
  };
}

/** ESLint's shape for a file it could not lint: no rule, line and column only when known. */
function problemEntry(problem: FileProblem): EslintMessage {
  return {
    ruleId: null,
    ...(isFatal(problem) ? { severity: 2 as const, fatal: true as const } : { severity: 1 as const }),
    message: problemMessage(problem),
    ...(problem.line !== undefined ? { line: problem.line, column: problem.column ?? 1 } : {}),
  };
}

/** ESLint's `--format json` output, so tools that read ESLint reports read these. */
export function formatJson(reports: readonly FileReport[]): string {
  const texts = new Map(reports.map((report) => [report.file, report.text]));
  const locator = new Locator((file) => texts.get(file) ?? '');
  const results: EslintResult[] = reports.map((report) => {
    const messages = [...(report.problem ? [problemEntry(report.problem)] : []), ...report.findings.map((finding) => message(finding, report, locator))];
    const errors = messages.filter((m) => m.severity === 2);
    const warnings = messages.filter((m) => m.severity === 1 && m.level === undefined);
    return {
      filePath: report.file,
      messages,
      errorCount: errors.length,
      warningCount: warnings.length,
      fatalErrorCount: messages.filter((m) => m.fatal).length,
      fixableErrorCount: errors.filter((m) => m.fix).length,
      fixableWarningCount: warnings.filter((m) => m.fix).length,
    };
  });
  return `${JSON.stringify(results)}\n`;
}
