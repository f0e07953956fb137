/**
 * The training panel: the curves of a watched run, drawn as its events arrive (loss and validation
 * loss per epoch, the metrics, the loss per batch), the latest per-layer sample, and after the run the
 * learning-curve doctor's findings with their evidence, causes, place in the code and fix.
 */
import uPlot from 'uplot';
import type { TrainingCall, TrainingFinding, LayerSample } from '../../overfit/src/training/types';
import { tooShortSentence, tooShortToJudge } from '../../overfit/src/training/doctor/enough-data';
import { elapsedText } from '../../shared/overfit-wording';
import { applyTrainingEvent, epochSeries, trainingFixLabel, type TrainingHostMessage, type TrainingPanelState, type TrainingWebviewMessage } from '../../shared/training-messages';
import { baseName, button, cssVariable, element, format } from './dom';

declare function acquireVsCodeApi(): { postMessage(message: TrainingWebviewMessage): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let state: TrainingPanelState | undefined;
/** The calls as the page has them: the state's, with the events since applied. */
let calls: TrainingCall[] = [];
/** The call the charts show; undefined follows the latest. */
let shownCall = (vscode.getState() as { call?: number } | undefined)?.call;
let logScale = (vscode.getState() as { logScale?: boolean } | undefined)?.logScale ?? false;
/** The host's clock minus the page's, from the latest state. */
let clockOffset = 0;

interface Chart {
  readonly plot: uPlot;
  /** The series names and theme colours it was drawn with: a change draws it anew. */
  readonly key: string;
}
const charts = new Map<string, Chart>();
/** Tick spacings of the epoch and step axes. */
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];

function post(message: TrainingWebviewMessage): void {
  vscode.postMessage(message);
}

/** Line colours from the theme's chart palette, read afresh (the theme may have changed). */
function palette(): { foreground: string; grid: string; lines: string[] } {
  return {
    foreground: cssVariable('--vscode-foreground', '#ccc'),
    grid: cssVariable('--vscode-editorWidget-border', cssVariable('--vscode-panel-border', '#444')),
    lines: [
      cssVariable('--vscode-charts-blue', '#3794ff'),
      cssVariable('--vscode-charts-orange', '#d18616'),
      cssVariable('--vscode-charts-green', '#89d185'),
      cssVariable('--vscode-charts-purple', '#b180d7'),
      cssVariable('--vscode-charts-red', '#f14c4c'),
      cssVariable('--vscode-charts-yellow', '#cca700'),
    ],
  };
}

/** The call the charts show: the one picked, else the latest. */
function currentCall(): TrainingCall | undefined {
  const present = calls.filter(Boolean);
  return (shownCall !== undefined ? present.find((call) => call.index === shownCall) : undefined) ?? present.at(-1);
}

function plotValue(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && (!logScale || value > 0) ? value : null;
}

/**
 * Draws a chart into its container, or gives it new data when its series and colours are unchanged
 * (the run streams many updates a second: the chart is not rebuilt for each).
 */
function drawChart(id: string, container: HTMLElement, xLabel: string, names: readonly string[], data: uPlot.AlignedData): void {
  const { foreground, grid, lines } = palette();
  const key = `${names.join(',')}|${logScale}|${foreground}|${grid}|${lines.join(',')}`;
  const existing = charts.get(id);
  if (existing && existing.key === key && existing.plot.root.isConnected && existing.plot.root.parentElement === container) {
    existing.plot.setData(data);
    return;
  }
  existing?.plot.destroy();
  const axis = { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  const plot = new uPlot(
    {
      width: Math.max(container.clientWidth, 240),
      height: 200,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: logScale ? { distr: 3 } : {} },
      axes: [
        // Epochs and steps are whole numbers.
        { ...axis, label: xLabel, incrs: WHOLE_STEPS },
        { ...axis, size: 60 },
      ],
      series: [{ label: xLabel }, ...names.map((name, index) => ({ label: name, stroke: lines[index % lines.length]!, width: 2, points: { show: data[0].length < 60 } }))],
    },
    data,
    container,
  );
  charts.set(id, { plot, key });
}

function epochData(call: TrainingCall, names: readonly string[]): uPlot.AlignedData {
  return [call.epochs.map((epoch) => epoch.epoch + 1), ...names.map((name) => call.epochs.map((epoch) => plotValue(epoch.logs[name])))];
}

function batchData(call: TrainingCall): uPlot.AlignedData {
  return [call.batches.map((batch) => batch.step + 1), call.batches.map((batch) => plotValue(batch.loss))];
}

/** The charts of the shown call; created when missing, else given new data. */
function drawCharts(): void {
  const call = currentCall();
  const holder = app.querySelector<HTMLElement>('.charts');
  if (!holder) return;
  if (!call) {
    holder.replaceChildren(element('p', { class: 'note' }, state?.status === 'running' ? 'Waiting for the script to start training...' : 'The script trained no model.'));
    return;
  }
  const { losses, metrics } = epochSeries(call);
  const wanted: { id: string; title: string; xLabel: string; names: readonly string[]; data: () => uPlot.AlignedData; show: boolean }[] = [
    { id: 'epoch-loss', title: 'Loss per epoch', xLabel: 'epoch', names: losses, data: () => epochData(call, losses), show: losses.length > 0 && call.epochs.length > 0 },
    { id: 'epoch-metrics', title: 'Metrics per epoch', xLabel: 'epoch', names: metrics, data: () => epochData(call, metrics), show: metrics.length > 0 },
    { id: 'batch-loss', title: call.kind === 'custom' || call.kind === 'trainOnBatch' ? 'Loss per step' : 'Loss per batch', xLabel: 'step', names: ['loss'], data: () => batchData(call), show: call.batches.length > 0 },
  ];
  for (const chart of wanted) {
    let section = holder.querySelector<HTMLElement>(`section[data-chart="${chart.id}"]`);
    if (!chart.show) {
      section?.remove();
      continue;
    }
    if (!section) {
      section = element('section', { 'data-chart': chart.id, class: 'chart-section' }, element('h2', {}, chart.title), element('div', { class: 'chart', 'aria-label': chart.title }));
      // Keep the order above whatever came first.
      const next = wanted.slice(wanted.indexOf(chart) + 1).map((later) => holder.querySelector(`section[data-chart="${later.id}"]`)).find(Boolean);
      holder.insertBefore(section, next ?? null);
    }
    drawChart(chart.id, section.querySelector<HTMLElement>('.chart')!, chart.xLabel, chart.names, chart.data());
  }
  holder.querySelector('.note')?.remove();
  const layers = app.querySelector<HTMLElement>('.layers');
  if (layers) layers.replaceChildren(...layerBlock(call.layerSamples.at(-1)));
}

function layerBlock(sample: LayerSample | undefined): HTMLElement[] {
  if (!sample || sample.layers.length === 0) return [];
  const head = element('tr', {}, ...['Layer', 'Type', 'Gradient norm', 'Update ratio', 'Dead units'].map((title) => element('th', { scope: 'col' }, title)));
  const rows = sample.layers.map((layer) =>
    element(
      'tr',
      {},
      element('td', {}, layer.name),
      element('td', {}, layer.type),
      element('td', { class: 'number' }, format(layer.gradNorm)),
      element('td', { class: 'number' }, format(layer.updateRatio)),
      element('td', { class: 'number' }, layer.deadFraction === undefined ? '' : `${Math.round(layer.deadFraction * 100)} %`),
    ),
  );
  return [element('h2', {}, `Layers at epoch ${sample.epoch + 1}, step ${sample.step + 1}`), element('table', {}, element('thead', {}, head), element('tbody', {}, ...rows))];
}

/** The running status: which call, which epoch, the latest loss. */
function statusText(): string {
  const call = currentCall();
  if (!call) return 'Running the script...';
  const epoch = call.epochs.at(-1);
  const batch = call.batches.at(-1);
  const parts = [`${describeCall(call)}`];
  const total = call.config.epochs;
  if (epoch) parts.push(`epoch ${epoch.epoch + 1}${total ? `/${total}` : ''}`);
  const loss = batch && (!epoch || batch.epoch >= epoch.epoch) ? batch.loss : epoch?.logs['loss'];
  if (loss !== undefined) parts.push(`loss ${format(loss)}`);
  if (state?.backend) parts.push(`${state.backend} backend`);
  return parts.join(' · ');
}

function describeCall(call: TrainingCall): string {
  const where = call.at ? ` at line ${call.at.line}` : '';
  return `${call.kind} of ${call.model}${where}`;
}

function elapsed(): string {
  return state ? elapsedText(Date.now() + clockOffset - state.startedAt) : '';
}

function updateStatus(): void {
  if (state?.status !== 'running') return;
  const text = app.querySelector('.status-text');
  const time = app.querySelector('.elapsed');
  if (text) text.textContent = statusText();
  if (time) time.textContent = elapsed();
}

const END_TEXT: Readonly<Record<NonNullable<TrainingPanelState['end']>, string>> = {
  finished: 'The script finished',
  stopped: 'Stopped; what was measured until then is kept',
  'time-limit': 'Stopped at the time limit; what was measured until then is kept',
  threw: 'The script failed',
};

function findingItem(finding: TrainingFinding): HTMLElement {
  const actions = element('div', { class: 'actions' });
  if (finding.at) {
    const { file, line } = finding.at;
    actions.append(button(`Go to line ${line}`, () => post({ type: 'goto', file, line }), { title: `${baseName(file)}:${line}` }));
  }
  if (finding.fix) {
    const fix = finding.fix;
    actions.append(button(`Fix: ${trainingFixLabel(fix)}`, () => post({ type: 'fix', fix }), { class: 'fix', title: 'Edit the code as described; undo reverts it' }));
  }
  const evidence = finding.evidence;
  const points = evidence.epochs.map((epoch, index) => `epoch ${epoch + 1}: ${format(evidence.values[index])}`);
  const call = calls[finding.call];
  return element(
    'li',
    { class: `cause ${finding.severity}` },
    element('div', { class: 'cause-head' }, element('span', { class: `severity ${finding.severity}` }, finding.severity), element('code', {}, finding.id), call && calls.filter(Boolean).length > 1 ? element('span', { class: 'tag' }, describeCall(call)) : undefined),
    element('p', {}, finding.message),
    points.length > 0 ? element('p', { class: 'evidence' }, element('strong', {}, `${evidence.metric}: `), points.join(', ')) : undefined,
    finding.causes.length > 0 ? element('ul', { class: 'likely' }, ...finding.causes.map((cause) => element('li', {}, cause))) : undefined,
    actions,
  );
}

function render(): void {
  if (!state) return;
  const current = state;
  const running = current.status === 'running';
  for (const chart of charts.values()) chart.plot.destroy();
  charts.clear();
  app.replaceChildren();
  app.append(element('h1', {}, current.title));
  for (const note of current.notes ?? []) app.append(element('p', { class: 'notice' }, note));

  const log = element('input', { type: 'checkbox', id: 'log-scale' });
  log.checked = logScale;
  log.addEventListener('change', () => {
    logScale = log.checked;
    vscode.setState({ logScale, call: shownCall });
    drawCharts();
  });
  const toolbar = element(
    'div',
    { class: 'toolbar' },
    button('Stop', () => post({ type: 'stop' }), { disabled: !running, title: 'Stop the run and keep what was measured' }),
    button('Run again', () => post({ type: 'rerun' }), { disabled: running }),
    element('label', { for: 'log-scale' }, log, ' Log scale'),
  );
  const present = calls.filter(Boolean);
  if (present.length > 1) {
    const select = element('select', { 'aria-label': 'Training call' });
    for (const call of present) {
      const option = element('option', { value: String(call.index) }, `${call.index + 1}. ${describeCall(call)}`);
      option.selected = call === currentCall();
      select.append(option);
    }
    select.addEventListener('change', () => {
      shownCall = Number(select.value);
      vscode.setState({ logScale, call: shownCall });
      render();
    });
    toolbar.append(select);
  }
  app.append(toolbar);

  if (running) {
    app.append(
      element(
        'p',
        { class: 'status', role: 'status' },
        element('span', { class: 'spinner', 'aria-hidden': 'true' }),
        element('span', { class: 'status-text' }, statusText()),
        element('span', { class: 'elapsed', title: 'Time since the run started' }, elapsed()),
      ),
    );
  } else if (current.end) {
    const time = current.ms !== undefined ? ` after ${(current.ms / 1000).toFixed(1)} s` : '';
    app.append(element('p', { class: 'status', role: 'status' }, `${END_TEXT[current.end]}${time}.`));
  }
  if (current.error) {
    const setArguments = current.wantsArguments
      ? [element('div', { class: 'actions' }, button('Set script arguments…', () => post({ type: 'set-arguments' }), { disabled: running, title: 'Give the script its command-line arguments, then run it again' }))]
      : [];
    app.append(element('div', { class: 'error', role: 'alert' }, element('p', { class: 'headline' }, current.status === 'failed' ? 'The run could not happen.' : 'The script failed.'), element('p', {}, current.error), ...setArguments));
  }

  // After the run the doctor's conclusion comes first, above the curves it rests on.
  if (current.findings) {
    if (current.findings.length === 0) {
      const verdict = present.length === 0 ? 'Nothing to diagnose: no training call was recorded.' : tooShortToJudge({ calls: present }) ? tooShortSentence({ calls: present }) : 'No sign of a problem in the curves.';
      app.append(element('h2', {}, 'Doctor'), element('p', {}, verdict));
    } else {
      app.append(element('h2', {}, 'Doctor'), element('ol', { class: 'causes findings' }, ...current.findings.map(findingItem)));
    }
  }
  app.append(element('div', { class: 'charts' }), element('div', { class: 'layers' }));
  drawCharts();
}

window.addEventListener('message', (event: MessageEvent<TrainingHostMessage>) => {
  const message = event.data;
  if (message.type === 'state') {
    state = message.state;
    calls = [...message.state.calls];
    clockOffset = message.now - Date.now();
    render();
  } else if (message.type === 'events' && state?.status === 'running') {
    const before = calls.filter(Boolean).length;
    // Messages arrive as copies: the page grows its calls in place.
    for (const received of message.events) applyTrainingEvent(calls, received);
    if (calls.filter(Boolean).length !== before) render();
    else {
      drawCharts();
      updateStatus();
    }
  }
});

// The elapsed time moves on between messages.
setInterval(updateStatus, 1000);

/**
 * VS Code marks a theme change on the body (its class and data-vscode-theme-kind) and sets the new
 * colours as variables on the root's style: the charts, drawn into canvases, are drawn again.
 */
const themeWatch = new MutationObserver(() => {
  if (charts.size > 0) drawCharts();
});
themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'style'] });
themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

new ResizeObserver(() => {
  for (const { plot } of charts.values()) {
    const container = plot.root.parentElement;
    if (container) plot.setSize({ width: Math.max(container.clientWidth, 240), height: 200 });
  }
}).observe(app);

post({ type: 'ready' });
