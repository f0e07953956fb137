import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../../server/src/docs';
import { runInWorkbench, workbenchUnavailable } from './workbench';

/**
 * Runs the editor suite (test/editor/suite) inside a real VS Code (code-server in Chromium, see
 * workbench.ts) with a copy of the sample workspace: once trusted, once in Restricted Mode. It
 * answers the suite's screenshot requests, clicks the webview buttons it names, types the answers
 * it gives into the workbench's input box, and keeps the figures it measures.
 */

const root = packageRoot();

/**
 * One session of the suite. `restricted` opens the workspace untrusted (Restricted Mode, without the
 * startup prompt) and runs the suite's restricted scenarios.
 */
async function session(restricted: boolean): Promise<number> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-editor-'));
  const workspace = path.join(temp, 'workspace');
  fs.cpSync(path.join(root, 'test-workspace'), workspace, { recursive: true });
  const screenshots = path.join(temp, 'screenshots');
  fs.mkdirSync(screenshots);
  const results = path.join(root, 'test-results');
  fs.mkdirSync(results, { recursive: true });
  try {
    const code = await runInWorkbench({
      testsPath: path.join(root, 'out', 'test', 'editor', 'suite', 'index.js'),
      workspace,
      restricted,
      env: { TFJS_DOCTOR_SCREENSHOTS: screenshots, ...(restricted ? { TFJS_DOCTOR_RESTRICTED: '1' } : {}) },
      timeoutMs: 240_000,
      async onLog(page, type, text) {
        const request = /^screenshot:([\w-]+)$/.exec(text);
        if (request) {
          // The suite waits for the answer, so the picture shows the state it asked for.
          await page.screenshot({ path: path.join(results, `${request[1]}.png`) }).catch(() => undefined);
          // The answer carries the text of the extension's webviews, which the suite cannot read itself.
          const webviews: string[] = [];
          for (const frame of page.frames()) {
            const text = await frame.locator('#app').first().innerText({ timeout: 500 }).catch(() => undefined);
            if (text !== undefined) webviews.push(text);
          }
          // And the workbench's own text, for pages that are not webviews (the walkthrough).
          const workbench = await page.locator('.monaco-workbench').first().innerText({ timeout: 2000 }).catch(() => '');
          fs.writeFileSync(path.join(screenshots, `${request[1]}.done`), JSON.stringify({ webviews, workbench }));
          return;
        }
        const click = /^click:([\w-]+):(.+)$/.exec(text);
        if (click) {
          // A button of an extension's webview, clicked as the user would: the suite cannot reach into webviews itself.
          let clicked = false;
          for (const frame of page.frames()) {
            const button = frame.locator('#app button:not([disabled])', { hasText: click[2]! }).first();
            if ((await button.count().catch(() => 0)) === 0) continue;
            clicked = await button.click({ timeout: 5000 }).then(
              () => true,
              () => false,
            );
            if (clicked) break;
          }
          fs.writeFileSync(path.join(screenshots, `${click[1]}.done`), JSON.stringify({ clicked }));
          return;
        }
        const typed = /^type:([\w-]+):(.*)$/.exec(text);
        if (typed) {
          // An answer typed into the workbench's input box (a command that asks for text), then Enter.
          const input = page.locator('.quick-input-widget input').first();
          const done = await input
            .waitFor({ state: 'visible', timeout: 10_000 })
            .then(() => input.fill(typed[2]!))
            .then(() => input.press('Enter'))
            .then(
              () => true,
              () => false,
            );
          fs.writeFileSync(path.join(screenshots, `${typed[1]}.done`), JSON.stringify({ typed: done }));
          return;
        }
        const metric = /^metric:([\w-]+):([\d.]+)$/.exec(text);
        if (metric) {
          // Figures the suite measures in the real editor, kept with the other benchmarks' results.
          console.log(`${metric[1]}: ${metric[2]}`);
          const file = path.join(root, 'bench', 'results', 'editor.json');
          const figures = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
          figures[metric[1]!] = Number(metric[2]);
          figures['date'] = new Date().toISOString();
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
          return;
        }
        if (type === 'error' || /^(ok|not ok)/.test(text) || /Error|assert/i.test(text)) console.log(text);
      },
      async atEnd(page) {
        await page.screenshot({ path: path.join(results, 'editor-suite-end.png') }).catch(() => undefined);
      },
    });
    if (code === 124) console.error('the editor suite did not finish in time');
    return code;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const unavailable = workbenchUnavailable();
  if (unavailable) {
    console.error(unavailable);
    return 2;
  }
  const trusted = await session(false);
  if (trusted !== 0) return trusted;
  console.log('== the same workspace in Restricted Mode');
  return session(true);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
