/** The overfit panel: the loss curve, the verdict with its causes, the per-layer evidence. */
import uPlot from 'uplot';
import type { HostMessage, PanelState, WebviewMessage } from '../../shared/overfit-messages';
import type { Cause, LayerEvidence, OverfitResult } from '../../overfit/src/types';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let state: PanelState | undefined;
let logScale = (vscode.getState() as { logScale?: boolean } | undefined)?.logScale ?? false;
let plot: uPlot | undefined;
let plotLog: boolean | undefined;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) if (child !== undefined) node.append(child);
  return node;
}

function format(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}

function cssVariable(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function button(label: string, onClick: () => void, options: { disabled?: boolean; title?: string } = {}): HTMLButtonElement {
  const node = element('button', { type: 'button', ...(options.title ? { title: options.title } : {}) }, label);
  node.disabled = options.disabled ?? false;
  node.addEventListener('click', onClick);
  return node;
}

function chartData(losses: readonly number[]): uPlot.AlignedData {
  const steps = losses.map((_, index) => index + 1);
  const values = losses.map((loss) => (Number.isFinite(loss) && (!logScale || loss > 0) ? loss : null));
  return [steps, values];
}

function drawChart(container: HTMLElement, losses: readonly number[]): void {
  const width = Math.max(container.clientWidth, 240);
  if (plot && plotLog === logScale && plot.root.isConnected && plot.root.parentElement === container) {
    plot.setData(chartData(losses));
    return;
  }
  plot?.destroy();
  const foreground = cssVariable('--vscode-foreground', '#ccc');
  const grid = cssVariable('--vscode-editorWidget-border', '#444');
  const line = cssVariable('--vscode-charts-blue', '#3794ff');
  plotLog = logScale;
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

function causeItem(cause: Cause): HTMLElement {
  const actions = element('div', { class: 'actions' });
  if (cause.file && cause.line) {
    const { file, line } = cause;
    actions.append(button(`Go to line ${line}`, () => post({ type: 'goto', file, line })));
    if (cause.fromRule) actions.append(button('Fix', () => post({ type: 'fix', file, line, ruleId: cause.id }), { title: 'Apply the quick fix of this finding' }));
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

function verdictSentence(result: OverfitResult): string {
  if (result.verdict === 'inconclusive') return `Inconclusive: ${result.inconclusive?.reason ?? 'the run shows neither that the model learns nor that it cannot.'}`;
  if (result.verdict === 'fail') return 'The model could not learn a single batch.';
  if (result.causes.some((cause) => cause.id === 'still-learning')) return 'No sign of a bug: the loss was still falling steadily when the step budget ended.';
  return 'The model learned the batch.';
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
      element('label', { for: 'log-scale' }, log, ' Log scale'),
    ),
  );

  if (running) {
    const started = current.started;
    const phase = current.phase ?? (started ? 'training' : 'starting');
    const last = current.losses.at(-1);
    app.append(element('p', { class: 'status', role: 'status' }, element('span', { class: 'spinner', 'aria-hidden': 'true' }), ` ${phase}${started ? ` · ${started.backend} backend · ${started.mode} mode` : ''}${last !== undefined ? ` · step ${current.losses.length}, loss ${format(last)}` : ''}`));
  }
  if (current.status === 'cancelled') app.append(element('p', { class: 'status' }, 'Cancelled.'));
  if (current.status === 'failed') app.append(element('div', { class: 'error', role: 'alert' }, element('strong', {}, 'The check could not run. '), element('pre', {}, current.error ?? '')));

  const losses = result?.losses ?? current.losses;
  const chart = element('div', { class: 'chart', 'aria-label': `Loss over ${losses.length} training steps` });
  app.append(chart);
  plot?.destroy();
  plot = undefined;
  if (losses.length > 0) drawChart(chart, losses);

  if (result) {
    app.append(
      element(
        'section',
        { class: `verdict ${result.verdict}` },
        element('span', { class: 'badge' }, result.verdict === 'pass' ? 'PASS' : result.verdict === 'inconclusive' ? 'INCONCLUSIVE' : 'FAIL'),
        element('span', {}, ` ${verdictSentence(result)} Loss ${format(result.initialLoss)} → ${format(result.finalLoss)} in ${result.steps} steps.`),
      ),
    );
    if (result.causes.length > 0) {
      app.append(element('h2', {}, result.verdict === 'fail' ? 'Likely causes' : 'Notes'), element('ol', { class: 'causes' }, ...result.causes.map(causeItem)));
    }
    if (result.layers.length > 0) app.append(element('h2', {}, 'Layers'), layerTable(result.layers));
    const classes = result.data.classCounts ? ` · classes ${result.data.classCounts.join(' / ')}` : '';
    app.append(
      element('h2', {}, 'Run'),
      element(
        'p',
        { class: 'details' },
        `Model ${result.model}${result.line ? ` (line ${result.line})` : ''} · ${result.mode} mode · ${result.data.source} batch of ${result.data.batchSize}${classes} · ${result.backend} backend · ${(result.ms / 1000).toFixed(1)} s`,
      ),
    );
    for (const note of result.notes ?? []) app.append(element('p', { class: 'note' }, note));
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message.type === 'state') {
    state = message.state;
    render();
  } else if (message.type === 'progress' && state?.status === 'running') {
    if (message.phase === 'training') state = { ...state, phase: message.phase, losses: [...state.losses, message.loss] };
    else state = { ...state, phase: message.phase };
    const status = app.querySelector('.status');
    const chart = app.querySelector<HTMLElement>('.chart');
    if (status && chart) {
      status.lastChild!.textContent = ` ${message.phase} · step ${message.step + 1}, loss ${format(message.loss)}`;
      if (state.losses.length > 0) drawChart(chart, state.losses);
    } else {
      render();
    }
  }
});

new ResizeObserver(() => {
  const chart = app.querySelector<HTMLElement>('.chart');
  if (plot && chart) plot.setSize({ width: Math.max(chart.clientWidth, 240), height: 220 });
}).observe(app);

post({ type: 'ready' });
