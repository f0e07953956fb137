/** The overfit result as text for a terminal: a summary line, a sparkline of the loss, the causes, the layers. */
import type { LearningRateRange, OverfitResult } from './types';

const BARS = '▁▂▃▄▅▆▇█';

/** The losses as a line of bars (log scale when they span more than a factor of 10). */
export function sparkline(losses: readonly number[], width = 40): string {
  const finite = losses.filter(Number.isFinite);
  if (finite.length === 0) return '';
  const points: number[] = [];
  const count = Math.min(width, losses.length);
  for (let i = 0; i < count; i++) points.push(losses[Math.floor((i * (losses.length - 1)) / Math.max(count - 1, 1))]!);
  const positive = finite.every((loss) => loss > 0);
  const useLog = positive && Math.max(...finite) / Math.min(...finite) > 10;
  const scale = (value: number) => (useLog ? Math.log(value) : value);
  const low = Math.min(...finite.map(scale));
  const high = Math.max(...finite.map(scale));
  return points
    .map((value) => {
      if (!Number.isFinite(value)) return '!';
      const ratio = high > low ? (scale(value) - low) / (high - low) : 0.5;
      return BARS[Math.min(BARS.length - 1, Math.round(ratio * (BARS.length - 1)))];
    })
    .join('');
}

export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}

/** One sentence for the verdict. */
export function verdictSentence(result: OverfitResult): string {
  if (result.verdict === 'inconclusive') {
    const why = result.inconclusive?.message ?? 'the run cannot tell whether the model learns the batch.';
    return `Not conclusive: ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
  }
  if (result.verdict === 'fail') return result.steps === 0 ? 'The model cannot train at all.' : 'The model could not learn a single batch.';
  return 'The model learned the batch.';
}

/** Why execute mode fell back to the static build, as a sentence for the top of a report. */
export function fallbackSentence(fallback: NonNullable<OverfitResult['fallback']>): string {
  const why = fallback.message.replace(/\.$/, '');
  return `Static mode, not your data: execute mode fell back to rebuilding the model from the code because ${why}.`;
}

const BATCH_SOURCES: Readonly<Record<OverfitResult['data']['source'], string>> = { captured: 'captured batch', code: 'batch from the code', synthetic: 'synthetic batch' };

export interface TextStyle {
  readonly bold: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
}

export const PLAIN_STYLE: TextStyle = { bold: (t) => t, red: (t) => t, yellow: (t) => t, green: (t) => t, dim: (t) => t };

export function formatOverfitText(result: OverfitResult, relativePath: (file: string) => string, style: TextStyle = PLAIN_STYLE): string {
  const lines: string[] = [];
  const where = result.file ? ` (${relativePath(result.file)}${result.line ? `:${result.line}` : ''})` : '';
  const verdict = result.verdict === 'pass' ? style.green(style.bold('PASS')) : result.verdict === 'inconclusive' ? style.yellow(style.bold('INCONCLUSIVE')) : style.red(style.bold('FAIL'));
  lines.push(`${verdict}  ${style.bold(result.model)}${where}`);
  if (result.fallback) lines.push(style.yellow(fallbackSentence(result.fallback)));
  if (result.fallback?.reason === 'arguments') lines.push(`Give the script its arguments after --: tfjs-doctor overfit <file> -- <arguments>`);
  const classes = result.data.classCounts ? `, classes ${result.data.classCounts.join('/')}` : '';
  lines.push(
    style.dim(`${result.mode} mode · ${result.data.batchSize > 0 ? `${BATCH_SOURCES[result.data.source]} of ${result.data.batchSize}${classes} · ` : ''}${result.backend} backend · ${result.steps} steps · ${(result.ms / 1000).toFixed(1)} s`),
  );
  if (result.losses.length > 0) lines.push(`loss ${formatNumber(result.initialLoss)} → ${formatNumber(result.finalLoss)}  ${sparkline(result.losses)}`);
  lines.push(verdictSentence(result));
  if (result.causes.length > 0) {
    lines.push('', style.bold(result.verdict === 'fail' ? 'Likely causes' : 'Notes'));
    for (const cause of result.causes) {
      const severity = cause.severity === 'error' ? style.red('error  ') : cause.severity === 'warning' ? style.yellow('warning') : style.dim('info   ');
      const at = cause.line ? style.dim(` (${cause.file ? relativePath(cause.file) : ''}:${cause.line})`) : '';
      lines.push(`  ${severity}  ${style.bold(cause.id)}${at}`, `           ${cause.message}`);
    }
  }
  if (result.layers.length > 0) {
    lines.push('', style.bold('Layers'));
    const rows = [['layer', 'type', 'grad norm', 'update ratio', 'dead', 'act. std']];
    for (const layer of result.layers) {
      rows.push([
        layer.name,
        layer.type,
        formatNumber(layer.gradNorm),
        formatNumber(layer.updateRatio),
        layer.deadFraction === undefined ? '' : `${Math.round(layer.deadFraction * 100)} %`,
        formatNumber(layer.activationStd),
      ]);
    }
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    rows.forEach((row, index) => {
      const text = `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd();
      lines.push(index === 0 ? style.dim(text) : text);
    });
  }
  if (result.learningRateRange) lines.push('', ...rangeLines(result.learningRateRange, style));
  for (const note of result.notes ?? []) lines.push('', style.dim(`Note: ${note}`));
  return `${lines.join('\n')}\n`;
}

const RANGE_STOPS: Readonly<Record<LearningRateRange['stop'], string>> = {
  end: 'reached the highest rate',
  diverged: 'stopped when the loss ran away',
  'non-finite': 'stopped at a NaN or infinite loss',
  stopped: 'stopped',
  'not-run': 'not run',
};

/** What the range test proposes, in one sentence: the rate and where it comes from, or why there is none. */
export function rangeSentence(range: LearningRateRange): string {
  if (range.proposal === undefined) return range.inconclusive ?? 'No usable minimum.';
  const current = range.currentRate !== undefined ? ` The code trains with ${formatNumber(range.currentRate)}.` : '';
  return `Proposed learning rate: ${range.proposal}, a tenth of the rate where the smoothed loss is lowest (${formatNumber(range.lowest!.learningRate)}).${current}`;
}

/** The range test for a terminal: how it ran, the smoothed curve, the lowest and steepest points, the proposal. */
export function rangeLines(range: LearningRateRange, style: TextStyle = PLAIN_STYLE): string[] {
  const lines = [style.bold('Learning-rate range test')];
  if (range.points.length > 0) {
    const first = range.points[0]!.learningRate;
    const last = range.points.at(-1)!.learningRate;
    const data = range.data ? ` · ${range.data === 'shuffled batches' ? "shuffled batches of fit's data" : range.data === 'one batch' ? "the check's batch" : 'the batches in turn'}` : '';
    lines.push(style.dim(`${range.optimizer ?? 'optimizer'}${data} · rate ${formatNumber(first)} → ${formatNumber(last)} in ${range.points.length} steps · ${RANGE_STOPS[range.stop]}`));
    lines.push(`smoothed loss  ${sparkline(range.points.map((point) => point.smoothed))}`);
    const marks = [
      range.lowest ? `lowest ${formatNumber(range.lowest.loss)} at rate ${formatNumber(range.lowest.learningRate)}` : undefined,
      range.steepest ? `steepest descent at rate ${formatNumber(range.steepest.learningRate)}` : undefined,
    ].filter((mark) => mark !== undefined);
    if (marks.length > 0) lines.push(marks.join(' · '));
  }
  lines.push(range.proposal === undefined ? style.yellow(rangeSentence(range)) : style.green(rangeSentence(range)));
  if (range.note) lines.push(style.dim(range.note));
  return lines;
}
