/**
 * The overfit panel's page on its own, in headless Chromium: it renders a recorded verdict (chart,
 * causes, layer table), sends the right messages for its buttons, and redraws the chart in log scale.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countColour, openPanelPage, type PageDocument, type PageWindow } from './panel-page';
import type { PanelState } from '../../shared/overfit-messages';
import type { OverfitResult } from '../../overfit/src/types';
import { packageRoot } from '../../server/src/docs';

declare const window: PageWindow;
declare const document: PageDocument;

const CHART = '.chart';
const root = packageRoot();

async function main(): Promise<void> {
  const recorded = JSON.parse(fs.readFileSync(path.join(root, 'test', 'editor', 'fixtures', 'recorded-verdict.json'), 'utf8')) as OverfitResult;
  const { page, errors, results, close } = await openPanelPage('webview.js', '--vscode-charts-blue: #1a85ff;', { width: 900, height: 1000 });
  try {
    assert.deepEqual(await page.evaluate(() => window.posted), [{ type: 'ready' }]);

    // Before training: the phase, and the time since the check started (by the host's clock).
    const now = Date.now();
    const capturing: PanelState = { status: 'running', title: 'Overfit check: model', losses: [], phase: 'capturing', startedAt: now - 3_400 };
    await page.evaluate((message) => window.postMessage(message, '*'), { type: 'state', state: capturing, now });
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('Running the script up to its first training call'));
    assert.match(await page.locator('.elapsed').innerText(), /^[34] s$/);
    // The elapsed time moves on between messages.
    await page.waitForFunction(() => /^[5-9] s$/.test(document.querySelector('.elapsed')?.textContent ?? ''), undefined, { timeout: 5_000 });

    // While running: progress arrives step by step.
    const running: PanelState = { ...capturing, phase: 'training', started: { model: 'model', backend: 'wasm', mode: 'execute', steps: 300 } };
    await page.evaluate((message) => window.postMessage(message, '*'), { type: 'state', state: running, now });
    for (let step = 0; step < 5; step++) await page.evaluate((loss) => window.postMessage({ type: 'progress', phase: 'training', step: loss.step, loss: loss.value }, '*'), { step, value: 1 / (step + 1) });
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('Training step 5/300'));
    await page.evaluate(() => window.postMessage({ type: 'progress', phase: 'learning rate ÷ 10', step: 9, loss: 0.5 }, '*'));
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('Control run (learning rate ÷ 10), step 10'));
    assert.equal(await page.locator('.chart canvas').count(), 1, 'the chart is drawn while training');
    assert.equal(await page.getByRole('button', { name: 'Cancel' }).isEnabled(), true);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Done: the recorded verdict.
    const done: PanelState = { status: 'done', title: 'Overfit check: model', losses: recorded.losses, result: recorded };
    await page.evaluate((message) => window.postMessage(message, '*'), { type: 'state', state: done, now: Date.now() });
    await page.waitForSelector('.verdict');
    const text = await page.locator('#app').innerText();
    assert.match(text, /FAIL\s+The model could not learn a single batch/);
    assert.match(text, /Likely causes/);
    assert.equal(await page.locator('.cause').count(), recorded.causes.length);
    assert.equal(await page.locator('tbody tr').count(), recorded.layers.length);
    assert.equal(await page.getByRole('button', { name: 'Cancel' }).isEnabled(), false);
    // The run in words: which model and where, the batch and its classes, how it ran.
    const run = await page.locator('dl.details').innerText();
    assert.match(run, /Model\s+createModel, created at line 4 of softmax-one-unit\.mjs/);
    assert.match(run, /Batch\s+32 samples, made up to fit the model · 2 classes \(18 and 14 samples\)/);
    assert.match(run, /Run\s+execute mode · wasm backend · 2\.1 s/);

    // A theme change redraws the chart in the new theme's colours.
    assert.ok((await page.evaluate(countColour, { selector: CHART, hex: '#1a85ff' })) > 20, "the line is drawn in the light theme's blue");
    await page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-charts-blue', '#ff3c00');
      document.documentElement.style.setProperty('--vscode-foreground', '#eeeeee');
      document.body.className = 'vscode-dark';
      document.body.setAttribute('data-vscode-theme-kind', 'vscode-dark');
    });
    await page.waitForFunction(countColour, { selector: CHART, hex: '#ff3c00' }, { timeout: 5_000 });
    assert.equal(await page.evaluate(countColour, { selector: CHART, hex: '#1a85ff' }), 0, "nothing is left in the old theme's colour");

    const first = recorded.causes[0]!;
    await page.getByRole('button', { name: `Go to line ${first.line}` }).click();
    await page.getByRole('button', { name: 'Fix' }).click();
    await page.getByRole('button', { name: 'Re-run' }).click();
    await page.getByLabel('Log scale').check();
    assert.equal(await page.locator('.chart canvas').count(), 1, 'the chart is redrawn in log scale');
    const posted = await page.evaluate(() => window.posted);
    assert.deepEqual(posted.slice(1), [
      { type: 'cancel' },
      { type: 'goto', file: first.file, line: first.line },
      { type: 'fix', file: first.file, line: first.line, ruleId: first.id },
      { type: 'rerun' },
    ]);
    // An inconclusive verdict after a fallback to static mode: its own badge, the reason, the fallback.
    const inconclusive: OverfitResult = {
      ...recorded,
      verdict: 'inconclusive',
      mode: 'static',
      causes: [],
      inconclusive: { reason: 'static-fallback', message: 'The check fell back to static mode: the rebuilt model was trained on a made-up batch, which says nothing about your data.' },
      fallback: { reason: 'missing-file', message: 'the script reads data.csv, which does not exist' },
    };
    await page.evaluate((state) => window.postMessage({ type: 'state', state }, '*'), { status: 'done', title: 'Overfit check: model', losses: inconclusive.losses, result: inconclusive } satisfies PanelState);
    await page.waitForSelector('.verdict.inconclusive');
    const inconclusiveText = await page.locator('#app').innerText();
    assert.match(inconclusiveText, /INCONCLUSIVE\s+Not conclusive: the check fell back to static mode: the rebuilt model was trained on a made-up batch/);
    assert.match(inconclusiveText, /Static mode, not your data: execute mode fell back to rebuilding the model from the code because the script reads data\.csv, which does not exist\./);
    assert.doesNotMatch(inconclusiveText, /Likely causes|FAIL|PASS/);
    assert.equal(await page.getByRole('button', { name: /Set script arguments/ }).count(), 0, 'a missing file is no matter of arguments');
    await page.screenshot({ path: path.join(results, 'webview-page.png'), fullPage: true });

    // A fallback for want of command-line arguments: a button that asks for them.
    const wantsArguments: OverfitResult = { ...inconclusive, fallback: { reason: 'arguments', message: 'the script expects command-line arguments' } };
    await page.evaluate((state) => window.postMessage({ type: 'state', state, now: Date.now() }, '*'), { status: 'done', title: 'Overfit check: model', losses: wantsArguments.losses, result: wantsArguments } satisfies PanelState);
    await page.waitForFunction(() => document.querySelector('#app')?.textContent?.includes('expects command-line arguments') === true);
    const argumentsPosted = (await page.evaluate(() => window.posted)).length;
    await page.getByRole('button', { name: 'Set script arguments…' }).click();
    assert.deepEqual((await page.evaluate(() => window.posted)).slice(argumentsPosted), [{ type: 'set-arguments' }]);
    await page.screenshot({ path: path.join(results, 'webview-page-arguments.png'), fullPage: true });

    // The learning-rate range test: its chart, the proposal and the button that writes it; and the
    // button that runs the test.
    const points = Array.from({ length: 60 }, (_, index) => {
      const learningRate = 1e-7 * 10 ** ((8 * index) / 99);
      const smoothed = index < 50 ? 1 - index * 0.015 : 0.265 + (index - 50) * 0.4;
      return { learningRate, loss: smoothed * (1 + 0.05 * Math.sin(index)), smoothed };
    });
    const withRange: OverfitResult = {
      ...recorded,
      learningRateRange: { points, stop: 'diverged', lowest: { learningRate: 0.032, loss: points[49]!.smoothed }, steepest: { learningRate: points[20]!.learningRate, loss: points[20]!.smoothed }, proposal: 0.0032, optimizer: 'Adam', currentRate: 0.1, data: 'shuffled batches' },
    };
    await page.evaluate((state) => window.postMessage({ type: 'state', state, now: Date.now() }, '*'), { status: 'done', title: 'Overfit check: model', losses: withRange.losses, result: withRange } satisfies PanelState);
    await page.waitForSelector('.range-chart canvas');
    const rangeText = await page.locator('#app').innerText();
    assert.match(rangeText, /Learning rate\s+Proposed learning rate: 0\.0032, a tenth of the rate where the smoothed loss is lowest \(0\.0\d+\)\. The code trains with 0\.1\. Steepest descent at /);
    const before = (await page.evaluate(() => window.posted)).length;
    await page.getByRole('button', { name: 'Use 0.0032' }).click();
    await page.getByRole('button', { name: 'Find learning rate' }).click();
    assert.deepEqual((await page.evaluate(() => window.posted)).slice(before), [{ type: 'use-rate', learningRate: 0.0032 }, { type: 'find-rate' }]);
    await page.screenshot({ path: path.join(results, 'webview-page-learning-rate.png'), fullPage: true });
    // A curve with no usable minimum: the reason, and no button that writes a rate.
    const flat: OverfitResult = { ...recorded, learningRateRange: { points, stop: 'end', inconclusive: 'No usable minimum: the smoothed loss never fell by 10 % at any learning rate.' } };
    await page.evaluate((state) => window.postMessage({ type: 'state', state, now: Date.now() }, '*'), { status: 'done', title: 'Overfit check: model', losses: flat.losses, result: flat } satisfies PanelState);
    await page.waitForFunction(() => document.querySelector('#app')?.textContent?.includes('No usable minimum') === true);
    assert.equal(await page.getByRole('button', { name: /^Use / }).count(), 0);

    // A check that could not run: a headline, the reason and one next step, in plain text.
    const failed: PanelState = {
      status: 'failed',
      title: 'Overfit check: cnn',
      losses: [],
      error: 'cnn cannot be rebuilt from the code alone: ...',
      failure: {
        headline: 'The model cannot be rebuilt from the code alone.',
        detail: 'The first dimension of the input shape of the conv2d layer at line 4 is not known without running the code.',
        nextStep: 'Trust the workspace, so that the check can run the file and take the model it trains.',
      },
    };
    await page.evaluate((message) => window.postMessage(message, '*'), { type: 'state', state: failed, now: Date.now() });
    await page.waitForSelector('.error .headline');
    assert.equal(await page.locator('.error .headline').innerText(), 'The model cannot be rebuilt from the code alone.');
    assert.match(await page.locator('.error').innerText(), /line 4 is not known without running the code\.\s+Next step: Trust the workspace/);
    assert.equal(await page.locator('.error pre').count(), 0, 'no monospace block');
    await page.screenshot({ path: path.join(results, 'webview-page-failed.png'), fullPage: true });
    assert.deepEqual(errors, []);
    console.log('ok - the overfit panel page renders a recorded verdict and sends its messages');
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error('not ok - the overfit panel page', error);
  process.exit(1);
});
