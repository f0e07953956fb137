import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { packageRoot } from '../../server/src/docs';

/**
 * Runs an extension test module inside a real VS Code: the VS Code server from the code-server
 * package, with its web workbench opened in Chromium on 127.0.0.1. The workbench's smoke-test
 * driver loads the extension under development and the module, calls its run(), and reports the
 * result through `codeAutomationExit`. Used by the editor suite and by the editor benchmark.
 */

const codeServer = process.env['CODE_SERVER_DIR'] ?? path.join(packageRoot(), '.vscode-test', 'code-server');
const serverMain = path.join(codeServer, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Why the workbench cannot run here, or undefined when it can. */
export function workbenchUnavailable(): string | undefined {
  if (!fs.existsSync(serverMain)) return `code-server is not installed in ${codeServer} (run scripts/install-code-server.sh)`;
  if (!fs.existsSync(chromiumPath)) return `Chromium is not at ${chromiumPath} (install Debian's chromium or set CHROMIUM_PATH)`;
  return undefined;
}

export interface WorkbenchRun {
  /** The compiled extension test module whose run() the extension host calls. */
  readonly testsPath: string;
  /** The folder the workbench opens. */
  readonly workspace: string;
  /** Opens the folder untrusted (Restricted Mode, without the startup prompt). */
  readonly restricted?: boolean;
  /** Extra environment of the VS Code server, and so of the extension host and the extension. */
  readonly env?: Record<string, string>;
  readonly timeoutMs: number;
  /** Every line the test module logs; the module's log call returns once this has finished. */
  onLog(page: Page, type: string, text: string): Promise<void>;
  /** Called when the module has finished (or timed out), before the workbench closes. */
  atEnd?(page: Page): Promise<void>;
}

/** Runs the module and resolves with its exit code (124 when it did not finish in time). */
export async function runInWorkbench(run: WorkbenchRun): Promise<number> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-workbench-'));
  // No extension gallery is reachable: keep the workbench from asking one.
  const settings: Record<string, unknown> = { 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true };
  if (run.restricted) Object.assign(settings, { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open' });
  fs.mkdirSync(path.join(temp, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(temp, 'user-data', 'User', 'settings.json'), JSON.stringify(settings));
  const port = await freePort();
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
      ...(run.restricted ? [] : ['--disable-workspace-trust']),
      '--server-data-dir', path.join(temp, 'server-data'),
      '--user-data-dir', path.join(temp, 'user-data'),
      '--extensions-dir', path.join(temp, 'extensions'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...run.env } },
  );
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    await waitForOutput(server, /Extension host agent listening|Web UI available/, 60_000);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // Errors inside webviews (their frames) never reach the module's log.
    page.on('console', (message) => {
      if (message.type() === 'error' && message.location().url.includes('webview')) console.log(`[webview] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.log(`[page] ${error.message}`));
    await page.exposeFunction('codeAutomationLog', async (type: string, args: unknown[]) => {
      const text = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
      // The workbench asks the (unreachable) extension gallery about installed extensions: not ours.
      if (/ENOTFOUND open-vsx\.org/.test(text)) return;
      await run.onLog(page, type, text);
    });
    const remote = (file: string): string => `vscode-remote://127.0.0.1:${port}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(packageRoot())],
      ['extensionTestsPath', remote(run.testsPath)],
    ];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(remote(run.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(124), run.timeoutMs).unref());
    const code = await Promise.race([exitCode, timeout]);
    await run.atEnd?.(page);
    return code;
  } finally {
    await browser?.close();
    server.kill();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

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
