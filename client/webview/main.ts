/** The overfit panel: the loss curve, the verdict with its causes, the per-layer evidence. */
import uPlot from 'uplot';
import type { HostMessage, PanelState, WebviewMessage } from '../../shared/overfit-messages';
import { batchSource, classSummary, elapsedText, phaseText } from '../../shared/overfit-wording';
import type { Cause, LayerEvidence, LearningRateRange, OverfitResult, Verdict } from '../../overfit/src/types';
import { fallbackSentence, rangeSentence, verdictSentence } from '../../overfit/src/format-text';
import { baseName, button, cssVariable, element, format } from './dom';

const VERDICT_BADGES: Readonly<Record<Verdict, string>> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE' };


declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let state: PanelState | undefined;
let logScale = (vscode.getState() as { logScale?: boolean } | undefined)?.logScale ?? false;
let plot: uPlot | undefined;
let plotLog: boolean | undefined;
/** The theme colours the chart was drawn with: a theme change redraws it. */
let plotColours: string | undefined;
/** The host's clock minus the page's, from the latest state: elapsed time is measured on the host's. */
let clockOffset = 0;
/** The latest step the running check reported, 0-based. */
let lastStep: number | undefined;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function chartData(losses: readonly number[]): uPlot.AlignedData {
  const steps = losses.map((_, index) => index + 1);
  const values = losses.map((loss) => (Number.isFinite(loss) && (!logScale || loss > 0) ? loss : null));
  return [steps, values];
}

/** The chart's colours from the theme's variables, read afresh each time (the theme may have changed). */
function chartColours(): { foreground: string; grid: string; line: string } {
  return {
    foreground: cssVariable('--vscode-foreground', '#ccc'),
    grid: cssVariable('--vscode-editorWidget-border', cssVariable('--vscode-panel-border', '#444')),
    line: cssVariable('--vscode-charts-blue', '#3794ff'),
  };
}

function drawChart(container: HTMLElement, losses: readonly number[]): void {
  const width = Math.max(container.clientWidth, 240);
  const { foreground, grid, line } = chartColours();
  const colours = `${foreground} ${grid} ${line}`;
  if (plot && plotLog === logScale && plotColours === colours && plot.root.isConnected && plot.root.parentElement === container) {
    plot.setData(chartData(losses));
    return;
  }
  plot?.destroy();
  plotLog = logScale;
  plotColours = colours;
  plot = new uPlot(
    {
      width,
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: logScale ? { distr: 3 } : {} },
      axes: [
        { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, label: 'step' },
        { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, label: 'loss', size: 60 },
      ],
      series: [{ label: 'step' }, { label: 'loss', stroke: line, width: 2, points: { show: false } }],
    },
    chartData(losses),
    container,
  );
}

/** The range test's chart: loss and smoothed loss against the learning rate, on a log axis. */
let rangePlot: uPlot | undefined;

function drawRangeChart(container: HTMLElement, range: LearningRateRange): void {
  rangePlot?.destroy();
  const { foreground, grid, line } = chartColours();
  const raw = cssVariable('--vscode-descriptionForeground', '#999');
  const finite = (value: number) => (Number.isFinite(value) && (!logScale || value > 0) ? value : null);
  // On a log axis uPlot labels the decades only: the other ticks come as null.
  const data: uPlot.AlignedData = [range.points.map((point) => point.learningRate), range.points.map((point) => finite(point.loss)), range.points.map((point) => finite(point.smoothed))];
  rangePlot = new uPlot(
    {
      width: Math.max(container.clientWidth, 240),
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, distr: 3 }, y: logScale ? { distr: 3 } : {} },
      axes: [
        { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, label: 'learning rate', values: (_, ticks) => ticks.map((tick: number | null) => (tick === null ? '' : format(tick))) },
        { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, label: 'loss', size: 60 },
      ],
      series: [{ label: 'learning rate' }, { label: 'loss', stroke: raw, width: 1, points: { show: false } }, { label: 'smoothed loss', stroke: line, width: 2, points: { show: false } }],
    },
    data,
    container,
  );
}

/** The range test: its chart, what it proposes and the button that writes the rate into the code. */
function rangeSection(range: LearningRateRange): HTMLElement[] {
  const nodes: HTMLElement[] = [element('h2', {}, 'Learning rate')];
  if (range.points.length > 0) {
    const chart = element('div', { class: 'chart range-chart', 'aria-label': `Loss against learning rate over ${range.points.length} steps of the range test` });
    nodes.push(chart);
    // Drawn once the section is in the page, which gives the chart its width.
    requestAnimationFrame(() => drawRangeChart(chart, range));
  }
  const marks = [range.steepest ? `Steepest descent at ${format(range.steepest.learningRate)}.` : undefined].filter((mark) => mark !== undefined);
  nodes.push(element('p', { class: range.proposal === undefined ? 'notice' : 'proposal' }, rangeSentence(range), marks.length > 0 ? ` ${marks.join(' ')}` : ''));
  if (range.note) nodes.push(element('p', { class: 'note' }, range.note));
  const proposal = range.proposal;
  if (proposal !== undefined) {
    nodes.push(element('div', { class: 'actions' }, button(`Use ${proposal}`, () => post({ type: 'use-rate', learningRate: proposal }), { title: "Write this learning rate into the model's optimizer in the code" })));
  }
  return nodes;
}

function causeItem(cause: Cause): HTMLElement {
  const actions = element('div', { class: 'actions' });
  if (cause.file && cause.line) {
    const { file, line } = cause;
    actions.append(button(`Go to line ${line}`, () => post({ type: 'goto', file, line })));
    if (cause.fromRule) actions.append(button('Fix', () => post({ type: 'fix', file, line, ruleId: cause.id }), { title: 'Apply the preferred fix of this finding (or go to it when it has none)' }));
  }
  return element(
    'li',
    { class: `cause ${cause.severity}` },
    element('div', { class: 'cause-head' }, element('span', { class: `severity ${cause.severity}` }, cause.severity), element('code', {}, cause.id), cause.fromRule ? element('span', { class: 'tag' }, 'static rule') : undefined),
    element('p', {}, cause.message),
    actions,
  );
}

function layerTable(layers: readonly LayerEvidence[]): HTMLElement {
  const head = element('tr', {}, ...['Layer', 'Type', 'Gradient norm', 'Update ratio', 'Dead units', 'Activation std'].map((title) => element('th', { scope: 'col' }, title)));
  const rows = layers.map((layer) =>
    element(
      'tr',
      {},
      element('td', {}, layer.name),
      element('td', {}, layer.type),
      element('td', { class: 'number' }, format(layer.gradNorm)),
      element('td', { class: 'number' }, format(layer.updateRatio)),
      element('td', { class: 'number' }, layer.deadFraction === undefined ? '' : `${Math.round(layer.deadFraction * 100)} %`),
      element('td', { class: 'number' }, format(layer.activationStd)),
    ),
  );
  return element('table', {}, element('thead', {}, head), element('tbody', {}, ...rows));
}

/** The running check's status: the phase, the step, the loss, the backend. */
function statusText(current: PanelState): string {
  const started = current.started;
  const phase = current.phase ?? (started ? 'training' : 'starting');
  const beforeTraining = phase === 'starting' || phase === 'capturing' || phase === 'building';
  const training = phase === 'training';
  // A reopened panel has the losses so far, but no step message yet.
  const step = beforeTraining ? undefined : (lastStep ?? (training && current.losses.length > 0 ? current.losses.length - 1 : undefined));
  const loss = current.losses.at(-1);
  const parts = [phaseText(phase, step, started?.steps)];
  if (training && loss !== undefined) parts.push(`loss ${format(loss)}`);
  if (started) parts.push(`${started.backend} backend`, `${started.mode} mode`);
  return parts.join(' · ');
}

function elapsed(current: PanelState): string {
  return current.startedAt === undefined ? '' : elapsedText(Date.now() + clockOffset - current.startedAt);
}

/** Refreshes the status line in place (progress arrives many times a second; the page is not rebuilt for it). */
function updateStatus(): void {
  if (!state || state.status !== 'running') return;
  const text = app.querySelector('.status-text');
  const time = app.querySelector('.elapsed');
  if (text) text.textContent = statusText(state);
  if (time) time.textContent = elapsed(state);
}

/** Why the check could not run: a headline, the reason, and the next step. */
function failureBlock(current: PanelState): HTMLElement {
  const failure = current.failure;
  if (!failure) return element('div', { class: 'error', role: 'alert' }, element('p', { class: 'headline' }, 'The check could not run.'), current.error ? element('p', {}, current.error) : undefined);
  return element(
    'div',
    { class: 'error', role: 'alert' },
    element('p', { class: 'headline' }, failure.headline),
    failure.detail ? element('p', { class: 'detail' }, failure.detail) : undefined,
    element('p', { class: 'next-step' }, element('strong', {}, 'Next step: '), failure.nextStep),
  );
}

/** The run's summary: which model, which batch, how it ran. */
function runSummary(result: OverfitResult): HTMLElement {
  const where = result.line ? ` at line ${result.line}${result.file ? ` of ${baseName(result.file)}` : ''}` : '';
  const classes = result.data.classCounts ? ` · ${classSummary(result.data.classCounts)}` : '';
  const row = (term: string, ...description: (Node | string)[]) => [element('dt', {}, term), element('dd', {}, ...description)];
  return element(
    'dl',
    { class: 'details' },
    ...row('Model', element('code', {}, result.model), `, created${where || ' in the file'}`),
    ...row('Batch', `${result.data.batchSize} samples, ${batchSource(result.data.source)}${classes}`),
    ...row('Run', `${result.mode} mode · ${result.backend} backend · ${(result.ms / 1000).toFixed(1)} s`),
  );
}

function render(): void {
  if (!state) return;
  const current = state;
  const running = current.status === 'running';
  const result = current.result;
  app.replaceChildren();
  app.append(element('h1', {}, current.title));
  if (current.notice) app.append(element('p', { class: 'notice' }, current.notice));

  const log = element('input', { type: 'checkbox', id: 'log-scale' });
  log.checked = logScale;
  log.addEventListener('change', () => {
    logScale = log.checked;
    vscode.setState({ logScale });
    render();
  });
  app.append(
    element(
      'div',
      { class: 'toolbar' },
      button('Re-run', () => post({ type: 'rerun' }), { disabled: running }),
      button('Cancel', () => post({ type: 'cancel' }), { disabled: !running }),
      button('Find learning rate', () => post({ type: 'find-rate' }), { disabled: running, title: 'Run the check again with the learning-rate range test: the loss as the rate grows from 1e-7 to 10' }),
      element('label', { for: 'log-scale' }, log, ' Log scale'),
    ),
  );

  if (running) {
    app.append(
      element(
        'p',
        { class: 'status', role: 'status' },
        element('span', { class: 'spinner', 'aria-hidden': 'true' }),
        element('span', { class: 'status-text' }, statusText(current)),
        element('span', { class: 'elapsed', title: 'Time since the check started' }, elapsed(current)),
      ),
    );
  }
  if (current.status === 'cancelled') app.append(element('p', { class: 'status' }, 'Cancelled.'));
  if (current.status === 'failed') app.append(failureBlock(current));

  const losses = result?.losses ?? current.losses;
  const chart = element('div', { class: 'chart', 'aria-label': `Loss over ${losses.length} training steps` });
  app.append(chart);
  plot?.destroy();
  plot = undefined;
  rangePlot?.destroy();
  rangePlot = undefined;
  if (losses.length > 0) drawChart(chart, losses);

  if (result) {
    app.append(
      element(
        'section',
        { class: `verdict ${result.verdict}` },
        element('span', { class: 'badge' }, VERDICT_BADGES[result.verdict]),
        element('span', {}, ` ${verdictSentence(result)}${result.steps > 0 ? ` Loss ${format(result.initialLoss)} → ${format(result.finalLoss)} in ${result.steps} steps.` : ''}`),
      ),
    );
    if (result.fallback) app.append(fallbackNotice(result.fallback));
    if (result.causes.length > 0) {
      app.append(element('h2', {}, result.verdict === 'fail' ? 'Likely causes' : 'Notes'), element('ol', { class: 'causes' }, ...result.causes.map(causeItem)));
    }
    if (result.learningRateRange) app.append(...rangeSection(result.learningRateRange));
    if (result.layers.length > 0) app.append(element('h2', {}, 'Layers'), layerTable(result.layers));
    app.append(element('h2', {}, 'Run'), runSummary(result));
    for (const note of result.notes ?? []) app.append(element('p', { class: 'note' }, note));
  }
}

/** Why execute mode fell back to static mode; when the script wants arguments, a way to give them. */
function fallbackNotice(fallback: NonNullable<OverfitResult['fallback']>): HTMLElement {
  const notice = element('p', { class: 'notice', role: 'note' }, fallbackSentence(fallback));
  if (fallback.reason !== 'arguments') return notice;
  const running = state?.status === 'running';
  return element(
    'div',
    {},
    notice,
    element('div', { class: 'actions' }, button('Set script arguments…', () => post({ type: 'set-arguments' }), { disabled: running, title: 'Give the script its command-line arguments, then run the check again' })),
  );
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message.type === 'state') {
    if (message.state.status !== 'running' || state?.status !== 'running' || message.state.startedAt !== state.startedAt) lastStep = undefined;
    state = message.state;
    clockOffset = message.now - Date.now();
    render();
  } else if (message.type === 'progress' && state?.status === 'running') {
    if (message.phase === 'training') state = { ...state, phase: message.phase, losses: [...state.losses, message.loss] };
    else state = { ...state, phase: message.phase };
    lastStep = message.step;
    const status = app.querySelector('.status-text');
    const chart = app.querySelector<HTMLElement>('.chart');
    if (status && chart) {
      updateStatus();
      if (state.losses.length > 0) drawChart(chart, state.losses);
    } else {
      render();
    }
  }
});

// The elapsed time moves on between messages.
setInterval(updateStatus, 1000);

/**
 * VS Code marks a theme change on the body (its class and data-vscode-theme-kind) and sets the new
 * colours as variables on the root's style: the chart, whose colours are drawn into a canvas, is
 * drawn again with them.
 */
function redrawForTheme(): void {
  const chart = app.querySelector<HTMLElement>('.chart');
  const losses = state?.result?.losses ?? state?.losses ?? [];
  if (plot && chart && losses.length > 0) drawChart(chart, losses);
  const rangeChart = app.querySelector<HTMLElement>('.range-chart');
  const range = state?.result?.learningRateRange;
  if (rangePlot && rangeChart && range) drawRangeChart(rangeChart, range);
}
const themeWatch = new MutationObserver(redrawForTheme);
themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'style'] });
themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

new ResizeObserver(() => {
  const chart = app.querySelector<HTMLElement>('.chart');
  if (plot && chart) plot.setSize({ width: Math.max(chart.clientWidth, 240), height: 220 });
  const rangeChart = app.querySelector<HTMLElement>('.range-chart');
  if (rangePlot && rangeChart) rangePlot.setSize({ width: Math.max(rangeChart.clientWidth, 240), height: 220 });
}).observe(app);

post({ type: 'ready' });
