/** A watched run as text for a terminal: one summary per training call, then the doctor's findings. */
import { formatNumber, PLAIN_STYLE, sparkline, type TextStyle } from '../format-text';
import { tooShortSentence, tooShortToJudge } from './doctor/enough-data';
import type { CodePlace, TrainingCall, TrainingFinding, TrainingRecord } from './types';

const ENDS: Readonly<Record<TrainingRecord['end'], string>> = {
  finished: 'ran to its end',
  stopped: 'was stopped',
  'time-limit': 'was stopped at the time limit',
  threw: 'threw',
};

function place(at: CodePlace | undefined, relativePath: (file: string) => string): string {
  return at ? `${relativePath(at.file)}:${at.line}` : '';
}

/** `first → last` of a metric over the call's epochs, or over its recorded steps for calls without epochs. */
function trend(values: readonly number[]): string {
  if (values.length === 0) return '';
  return values.length === 1 ? formatNumber(values[0]) : `${formatNumber(values[0])} → ${formatNumber(values.at(-1))}`;
}

export function epochValues(call: TrainingCall, metric: string): number[] {
  return call.epochs.flatMap((epoch) => (epoch.logs[metric] !== undefined ? [epoch.logs[metric]] : []));
}

/** One line on what the call did: its epochs or steps, and its losses. */
export function callSummary(call: TrainingCall): string {
  const parts: string[] = [];
  if (call.kind === 'fit' || call.kind === 'fitDataset') {
    const planned = call.config.epochs !== undefined ? ` of ${call.config.epochs}` : '';
    parts.push(`${call.epochs.length}${planned} epoch${(call.config.epochs ?? call.epochs.length) === 1 ? '' : 's'}`);
    const loss = epochValues(call, 'loss');
    if (loss.length > 0) parts.push(`loss ${trend(loss)}`);
    const validation = epochValues(call, 'val_loss');
    if (validation.length > 0) parts.push(`val_loss ${trend(validation)}`);
  } else {
    const steps = call.batches.length > 0 ? call.batches.at(-1)!.step + 1 : 0;
    parts.push(`${steps} step${steps === 1 ? '' : 's'}`);
    const loss = call.batches.map((batch) => batch.loss);
    if (loss.length > 0) parts.push(`loss ${trend(loss)}`);
  }
  return parts.join(', ');
}

/** `notes`: why the run ran as it did (the backend's), printed last. */
export function formatTrainingText(record: TrainingRecord, findings: readonly TrainingFinding[], relativePath: (file: string) => string, style: TextStyle = PLAIN_STYLE, notes: readonly string[] = []): string {
  const lines: string[] = [];
  const calls = record.calls.length === 1 ? 'one training call' : `${record.calls.length} training calls`;
  lines.push(`${style.bold(relativePath(record.file))} ${ENDS[record.end]} after ${(record.ms / 1000).toFixed(1)} s on the ${record.backend} backend, with ${calls}.`);
  if (record.error) lines.push(style.red(`The script ${record.end === 'threw' ? 'threw' : 'failed'}: ${record.error}`));
  for (const call of record.calls) {
    const created = call.modelAt ? style.dim(` (created at ${place(call.modelAt, relativePath)})`) : '';
    const at = call.at ? style.dim(` at ${place(call.at, relativePath)}`) : '';
    const end = call.end === 'finished' ? '' : style.yellow(` — ${call.end === 'threw' ? `threw${call.error ? `: ${call.error}` : ''}` : call.end}`);
    // A custom loop's model is its description.
    const what = call.kind === 'custom' ? style.bold(call.model) : `${style.bold(call.kind)} of ${style.bold(call.model)}`;
    lines.push('', `${style.bold(`${call.index + 1}.`)} ${what}${created}${at}${end}`);
    lines.push(`   ${callSummary(call)}`);
    const curve = call.epochs.length > 1 ? epochValues(call, 'loss') : call.batches.map((batch) => batch.loss);
    if (curve.length > 1) lines.push(`   ${sparkline(curve)}`);
  }
  lines.push('');
  if (findings.length === 0 && record.calls.length > 0 && tooShortToJudge(record)) {
    lines.push(style.yellow(tooShortSentence(record)));
  } else if (findings.length === 0) {
    lines.push(style.green('No sign of a problem in the learning curves.'));
  } else {
    for (const finding of findings) {
      const severity = finding.severity === 'error' ? style.red('error  ') : finding.severity === 'warning' ? style.yellow('warning') : style.dim('info   ');
      const at = finding.at ? `${place(finding.at, relativePath)}  ` : '';
      lines.push(`${at}${severity}  ${finding.message}  ${style.dim(finding.id)}`);
      for (const cause of finding.causes) lines.push(style.dim(`    - ${cause}`));
    }
  }
  for (const note of notes) lines.push('', style.dim(`Note: ${note}`));
  return `${lines.join('\n')}\n`;
}
