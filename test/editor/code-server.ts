import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { packageRoot } from '../../server/src/docs';

/**
 * Runs the editor suite (test/editor/suite) inside a real VS Code: the VS Code server from the
 * code-server package, with its web workbench opened in Chromium on 127.0.0.1. The workbench's
 * smoke-test driver loads the extension under development and the suite, and reports the suite's
 * result through `codeAutomationExit`.
 */

const root = packageRoot();
const codeServer = process.env['CODE_SERVER_DIR'] ?? path.join(root, '.vscode-test', 'code-server');
const serverMain = path.join(codeServer, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

function waitForOutput(child: cp.ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the VS Code server did not start:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the VS Code server exited with ${code}:\n${seen}`)));
  });
}

/**
 * One session of the suite. `restricted` opens the workspace untrusted (Restricted Mode, without the
 * startup prompt) and runs the suite's restricted scenarios.
 */
async function session(restricted: boolean): Promise<number> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-editor-'));
  // No extension gallery is reachable: keep the workbench from asking one.
  const settings: Record<string, unknown> = { 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true };
  if (restricted) Object.assign(settings, { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open' });
  fs.mkdirSync(path.join(temp, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(temp, 'user-data', 'User', 'settings.json'), JSON.stringify(settings));
  const workspace = path.join(temp, 'workspace');
  fs.cpSync(path.join(root, 'test-workspace'), workspace, { recursive: true });
  const port = await freePort();
  const screenshots = path.join(temp, 'screenshots');
  fs.mkdirSync(screenshots);
  const results = path.join(root, 'test-results');
  fs.mkdirSync(results, { recursive: true });
  const server = cp.spawn(
    process.execPath,
    [
      serverMain,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      ...(restricted ? [] : ['--disable-workspace-trust']),
      '--server-data-dir', path.join(temp, 'server-data'),
      '--user-data-dir', path.join(temp, 'user-data'),
      '--extensions-dir', path.join(temp, 'extensions'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TFJS_DOCTOR_SCREENSHOTS: screenshots, ...(restricted ? { TFJS_DOCTOR_RESTRICTED: '1' } : {}) } },
  );
  const browser = await (async () => {
    await waitForOutput(server, /Extension host agent listening|Web UI available/, 60_000);
    return chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  })();
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // Errors inside webviews (their frames) never reach the suite's log.
    page.on('console', (message) => {
      if (message.type() === 'error' && message.location().url.includes('webview')) console.log(`[webview] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.log(`[page] ${error.message}`));
    await page.exposeFunction('codeAutomationLog', async (type: string, args: unknown[]) => {
      const text = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
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
      // The workbench asks the (unreachable) extension gallery about installed extensions: not ours.
      if (/ENOTFOUND open-vsx\.org/.test(text)) return;
      if (type === 'error' || /^(ok|not ok)/.test(text) || /Error|assert/i.test(text)) console.log(text);
    });
    const remote = (file: string): string => `vscode-remote://127.0.0.1:${port}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(path.join(root, 'out', 'test', 'editor', 'suite', 'index.js'))],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(remote(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(124), 240_000).unref());
    const code = await Promise.race([exitCode, timeout]);
    if (code === 124) console.error('the editor suite did not finish in time');
    await page.screenshot({ path: path.join(results, 'editor-suite-end.png') }).catch(() => undefined);
    return code;
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(serverMain)) {
    console.error(`code-server is not installed in ${codeServer} (run scripts/install-code-server.sh)`);
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
