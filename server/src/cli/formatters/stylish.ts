import * as path from 'node:path';
import { isFatal, problemMessage } from '../../analysis/source';
import type { FileReport } from '../lint';
import { Locator } from './locate';

interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly blue: (text: string) => string;
  readonly underline: (text: string) => string;
}

const ansi = (open: number, close: number) => (text: string): string => `\u001b[${open}m${text}\u001b[${close}m`;
export const COLOURS: Style = { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), yellow: ansi(33, 39), blue: ansi(34, 39), underline: ansi(4, 24) };
export const PLAIN: Style = { bold: (t) => t, dim: (t) => t, red: (t) => t, yellow: (t) => t, blue: (t) => t, underline: (t) => t };

interface Row {
  readonly position: string;
  readonly severity: string;
  readonly plainSeverity: string;
  readonly message: string;
  /** Empty for a message about the file itself. */
  readonly rule: string;
}

function plural(count: number, word: string): string {
  if (count === 1) return `${count} ${word}`;
  return `${count} ${word.endsWith('x') ? `${word}es` : `${word}s`}`;
}

/** A terminal report in the layout ESLint users know: one block per file, a summary line. */
export function formatStylish(reports: readonly FileReport[], cwd: string, style: Style, fixed = 0): string {
  const texts = new Map(reports.map((report) => [report.file, report.text]));
  const locator = new Locator((file) => texts.get(file) ?? '');
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const report of reports) {
    if (report.findings.length === 0 && !report.problem) continue;
    lines.push('', style.underline(path.relative(cwd, report.file) || report.file));
    const rows: Row[] = [];
    if (report.problem) {
      // As ESLint shows a parse error: an error without a rule, at 0:0 when there is no position.
      const fatal = isFatal(report.problem);
      if (fatal) errors++;
      else warnings++;
      rows.push({
        position: `${report.problem.line ?? 0}:${report.problem.column ?? 0}`,
        severity: fatal ? style.red('error') : style.yellow('warning'),
        plainSeverity: fatal ? 'error' : 'warning',
        message: problemMessage(report.problem),
        rule: '',
      });
    }
    for (const finding of report.findings) {
      const location = locator.locate(finding.span);
      const severity = finding.severity === 'error' ? style.red('error') : finding.severity === 'warning' ? style.yellow('warning') : style.blue(finding.severity);
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
      else infos++;
      if (finding.fix) fixable++;
      rows.push({ position: `${location.line}:${location.column}`, severity, plainSeverity: finding.severity, message: finding.message, rule: finding.ruleId });
    }
    const positionWidth = Math.max(0, ...rows.map((row) => row.position.length));
    const severityWidth = Math.max(0, ...rows.map((row) => row.plainSeverity.length));
    for (const row of rows) {
      const pad = ' '.repeat(severityWidth - row.plainSeverity.length);
      lines.push(`  ${style.dim(row.position.padEnd(positionWidth))}  ${row.severity}${pad}  ${row.message}${row.rule ? `  ${style.dim(row.rule)}` : ''}`);
    }
  }
  const total = errors + warnings + infos;
  if (fixed > 0) lines.push('', `Applied ${plural(fixed, 'fix')}.`);
  if (total === 0) return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos > 0 ? `, ${infos} info` : ''})`;
  lines.push('', style.bold(errors > 0 ? style.red(summary) : style.yellow(summary)));
  if (fixable > 0) lines.push(style.dim(`  ${plural(fixable, 'problem')} can be fixed safely with the --fix option.`));
  return `${lines.join('\n')}\n`;
}
