/**
 * The overfit panel's page on its own, in headless Chromium: it renders a recorded verdict (chart,
 * causes, layer table), sends the right messages for its buttons, and redraws the chart in log scale.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { PanelState } from '../../shared/overfit-messages';
import type { OverfitResult } from '../../overfit/src/types';
import { packageRoot } from '../../server/src/docs';

// The page's globals, as the callbacks below use them inside the browser (this project has no DOM types).
declare const window: { posted: unknown[]; postMessage(message: unknown, origin: string): void };
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

const root = packageRoot();
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  const recorded = JSON.parse(fs.readFileSync(path.join(root, 'test', 'editor', 'fixtures', 'recorded-verdict.json'), 'utf8')) as OverfitResult;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-webview-'));
  const dist = pathToFileURL(path.join(root, 'dist')).href;
  // The page as the extension writes it, with VS Code's API replaced by a recorder of posted messages.
  fs.writeFileSync(
    path.join(folder, 'index.html'),
    `<!DOCTYPE html><html><head><meta charset="UTF-8">
<link rel="stylesheet" href="${dist}/uPlot.min.css"><link rel="stylesheet" href="${dist}/webview.css">
<style>body { --vscode-foreground: #333; --vscode-editor-background: #fff; --vscode-charts-blue: #1a85ff; }</style>
<script>window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => undefined });</script>
</head><body><main id="app"></main><script src="${dist}/webview.js"></script></body></html>`,
  );
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--allow-file-access-from-files'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(path.join(folder, 'index.html')).href);
    assert.deepEqual(await page.evaluate(() => window.posted), [{ type: 'ready' }]);

    // While running: progress arrives step by step.
    const running: PanelState = { status: 'running', title: 'Overfit check: model', losses: [], started: { model: 'model', backend: 'wasm', mode: 'execute', steps: 300 } };
    await page.evaluate((state) => window.postMessage({ type: 'state', state }, '*'), running);
    for (let step = 0; step < 5; step++) await page.evaluate((loss) => window.postMessage({ type: 'progress', phase: 'training', step: loss.step, loss: loss.value }, '*'), { step, value: 1 / (step + 1) });
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('step 5'));
    assert.equal(await page.locator('.chart canvas').count(), 1, 'the chart is drawn while training');
    assert.equal(await page.getByRole('button', { name: 'Cancel' }).isEnabled(), true);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Done: the recorded verdict.
    const done: PanelState = { status: 'done', title: 'Overfit check: model', losses: recorded.losses, result: recorded };
    await page.evaluate((state) => window.postMessage({ type: 'state', state }, '*'), done);
    await page.waitForSelector('.verdict');
    const text = await page.locator('#app').innerText();
    assert.match(text, /FAIL\s+The model could not learn a single batch/);
    assert.match(text, /Likely causes/);
    assert.equal(await page.locator('.cause').count(), recorded.causes.length);
    assert.equal(await page.locator('tbody tr').count(), recorded.layers.length);
    assert.equal(await page.getByRole('button', { name: 'Cancel' }).isEnabled(), false);

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
      inconclusive: { reason: 'static-fallback', message: 'The check fell back to static mode because the script reads data.csv, which does not exist: the rebuilt model learned a made-up batch, which says nothing about your data.' },
      fallback: { reason: 'missing-file', message: 'the script reads data.csv, which does not exist' },
    };
    await page.evaluate((state) => window.postMessage({ type: 'state', state }, '*'), { status: 'done', title: 'Overfit check: model', losses: inconclusive.losses, result: inconclusive } satisfies PanelState);
    await page.waitForSelector('.verdict.inconclusive');
    const inconclusiveText = await page.locator('#app').innerText();
    assert.match(inconclusiveText, /INCONCLUSIVE\s+Not conclusive: the check fell back to static mode because the script reads data\.csv/);
    assert.match(inconclusiveText, /Static mode, not your data: execute mode fell back to rebuilding the model from the code because the script reads data\.csv, which does not exist\./);
    assert.doesNotMatch(inconclusiveText, /Likely causes|FAIL|PASS/);

    const results = path.join(root, 'test-results');
    fs.mkdirSync(results, { recursive: true });
    await page.screenshot({ path: path.join(results, 'webview-page.png'), fullPage: true });
    assert.deepEqual(errors, []);
    console.log('ok - the overfit panel page renders a recorded verdict and sends its messages');
  } finally {
    await browser.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('not ok - the overfit panel page', error);
  process.exit(1);
});
