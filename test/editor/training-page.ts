/**
 * The training panel's page on its own, in headless Chromium: it draws a run's curves as its events
 * arrive, shows the layer sample, sends Stop, shows the doctor's findings with their evidence and
 * sends their Fix and Go to line, and redraws its charts in a new theme's colours.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { countColour, openPanelPage, type PageDocument, type PageWindow } from './panel-page';
import type { TrainingEvent, TrainingFinding } from '../../overfit/src/training/types';
import type { TrainingPanelState } from '../../shared/training-messages';

declare const window: PageWindow;
declare const document: PageDocument;

const CHART = 'section[data-chart="epoch-loss"]';
const FILE = '/workspace/project/train.mjs';

async function main(): Promise<void> {
  const { page, errors, results, close } = await openPanelPage('training-webview.js', '--vscode-charts-blue: #1a85ff; --vscode-charts-orange: #e07000;', { width: 900, height: 1200 });
  try {
    assert.deepEqual(await page.evaluate(() => window.posted), [{ type: 'ready' }]);
    const send = (message: unknown) => page.evaluate((sent) => window.postMessage(sent, '*'), message);

    // The run starts: nothing trained yet.
    const now = Date.now();
    const running: TrainingPanelState = { status: 'running', title: 'Training run: train.mjs', file: FILE, startedAt: now - 2_000, backend: 'wasm', calls: [] };
    await send({ type: 'state', state: running, now });
    await page.waitForFunction(() => document.querySelector('.charts')?.textContent?.includes('Waiting for the script to start training'));

    // Events stream in: the call starts, batches and epochs arrive in batches of events.
    const at = { file: FILE, line: 21 };
    await send({ type: 'events', events: [{ type: 'call-start', call: { index: 0, kind: 'fit', model: 'model', at, config: { epochs: 20, validationSplit: 0.2 } } }] satisfies TrainingEvent[] });
    for (let epoch = 0; epoch < 6; epoch++) {
      const events: TrainingEvent[] = [];
      for (let batch = 0; batch < 4; batch++) events.push({ type: 'batch', call: 0, record: { step: epoch * 4 + batch, epoch, loss: 1 / (epoch + 1 + batch / 4) } });
      events.push({ type: 'epoch', call: 0, record: { epoch, logs: { loss: 1 / (epoch + 1), val_loss: 1.1 / (epoch + 1), mse: 1 / (epoch + 1) }, at: epoch * 100 } });
      await send({ type: 'events', events });
    }
    await page.waitForFunction(() => document.querySelector('.status-text')?.textContent?.includes('epoch 6/20'));
    assert.match(await page.locator('.status-text').innerText(), /^fit of model at line 21 · epoch 6\/20 · loss 0\.\d+ · wasm backend$/);
    for (const chart of ['epoch-loss', 'epoch-metrics', 'batch-loss']) assert.equal(await page.locator(`section[data-chart="${chart}"] canvas`).count(), 1, `${chart} is drawn`);
    assert.match(await page.locator('.charts').innerText(), /Loss per epoch[\s\S]*loss[\s\S]*val_loss[\s\S]*Metrics per epoch[\s\S]*mse[\s\S]*Loss per batch/);
    await send({ type: 'events', events: [{ type: 'layers', call: 0, sample: { step: 23, epoch: 5, layers: [{ name: 'dense_Dense1', type: 'Dense', gradNorm: 0.0123, updateRatio: 0.001, deadFraction: 0.25 }] } }] satisfies TrainingEvent[] });
    await page.waitForFunction(() => document.querySelector('.layers')?.textContent?.includes('dense_Dense1'));
    assert.match(await page.locator('.layers').innerText(), /Layers at epoch 6, step 24[\s\S]*dense_Dense1\s+Dense\s+0\.0123\s+0\.001\s+25 %/);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.screenshot({ path: path.join(results, 'training-page-running.png'), fullPage: true });

    // Stopped, with the doctor's findings on what was measured.
    const findings: TrainingFinding[] = [
      {
        id: 'still-improving',
        severity: 'warning',
        message: 'The loss was still falling when training stopped. More epochs would lower it further.',
        call: 0,
        evidence: { metric: 'val_loss', epochs: [3, 4, 5], values: [0.275, 0.22, 0.183] },
        causes: ['Too few epochs for this learning rate.'],
        at,
        fix: { kind: 'set-epochs', at, epochs: 60 },
      },
    ];
    const stopped: TrainingPanelState = { ...running, status: 'stopped', calls: [], end: 'stopped', ms: 2_400, findings };
    // The final state carries the record's calls.
    await send({
      type: 'state',
      now: Date.now(),
      state: {
        ...stopped,
        calls: [
          {
            index: 0,
            kind: 'fit',
            model: 'model',
            at,
            config: { epochs: 20 },
            epochs: [0, 1, 2, 3, 4, 5].map((epoch) => ({ epoch, logs: { loss: 1 / (epoch + 1), val_loss: 1.1 / (epoch + 1) }, at: epoch * 100 })),
            batches: [],
            layerSamples: [],
            end: 'stopped',
          },
        ],
      } satisfies TrainingPanelState,
    });
    await page.waitForSelector('.findings');
    const text = await page.locator('#app').innerText();
    assert.match(text, /Stopped; what was measured until then is kept after 2\.4 s\./);
    assert.match(text, /still-improving[\s\S]*The loss was still falling[\s\S]*val_loss: epoch 4: 0\.275, epoch 5: 0\.22, epoch 6: 0\.183[\s\S]*Too few epochs/);
    assert.equal(await page.getByRole('button', { name: 'Stop' }).isEnabled(), false);
    assert.equal(await page.locator('section[data-chart="batch-loss"]').count(), 0, 'no batch chart without batches');

    // A theme change redraws the charts in the new theme's colours.
    assert.ok((await page.evaluate(countColour, { selector: CHART, hex: '#1a85ff' })) > 20, "the loss is drawn in the light theme's blue");
    await page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-charts-blue', '#ff3c00');
      document.body.className = 'vscode-dark';
      document.body.setAttribute('data-vscode-theme-kind', 'vscode-dark');
    });
    await page.waitForFunction(countColour, { selector: CHART, hex: '#ff3c00' }, { timeout: 5_000 });
    assert.equal(await page.evaluate(countColour, { selector: CHART, hex: '#1a85ff' }), 0, "nothing is left in the old theme's colour");

    await page.getByRole('button', { name: 'Go to line 21' }).click();
    await page.getByRole('button', { name: 'Fix: Set epochs to 60' }).click();
    await page.getByRole('button', { name: 'Run again' }).click();
    await page.getByLabel('Log scale').check();
    assert.equal(await page.locator('section[data-chart="epoch-loss"] canvas').count(), 1, 'the chart is redrawn in log scale');
    assert.deepEqual((await page.evaluate(() => window.posted)).slice(1), [
      { type: 'stop' },
      { type: 'goto', file: FILE, line: 21 },
      { type: 'fix', fix: { kind: 'set-epochs', at, epochs: 60 } },
      { type: 'rerun' },
    ]);
    await page.screenshot({ path: path.join(results, 'training-page-findings.png'), fullPage: true });

    // A run that could not happen says why.
    await send({ type: 'state', now: Date.now(), state: { ...running, status: 'failed', error: 'the script could not be bundled: x.mjs:3: Unexpected "}"' } satisfies TrainingPanelState });
    await page.waitForSelector('.error');
    assert.match(await page.locator('.error').innerText(), /The run could not happen\.\s+the script could not be bundled/);
    assert.equal(await page.getByRole('button', { name: /Set script arguments/ }).count(), 0, 'a bundling error is no matter of arguments');

    // A script that stopped for want of command-line arguments: a button that asks for them.
    await send({ type: 'state', now: Date.now(), state: { ...running, status: 'done', end: 'threw', calls: [], findings: [], error: 'the script threw before training a model: no data file; the script expects command-line arguments', wantsArguments: true } satisfies TrainingPanelState });
    await page.waitForFunction(() => document.querySelector('.error')?.textContent?.includes('expects command-line arguments') === true);
    const before = (await page.evaluate(() => window.posted)).length;
    await page.getByRole('button', { name: 'Set script arguments…' }).click();
    assert.deepEqual((await page.evaluate(() => window.posted)).slice(before), [{ type: 'set-arguments' }]);
    assert.deepEqual(errors, []);
    console.log('ok - the training panel page draws a streamed run, stops it, and sends the fixes of its findings');
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error('not ok - the training panel page', error);
  process.exit(1);
});
