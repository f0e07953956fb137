/**
 * A panel's page on its own, in headless Chromium: the page as the extension writes it, with VS
 * Code's API replaced by a recorder of posted messages, in a light theme. For the page tests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packageRoot } from '../../server/src/docs';

// The page's globals, as callbacks run inside the browser use them (this project has no DOM types).
export interface PageWindow {
  posted: unknown[];
  postMessage(message: unknown, origin: string): void;
}
interface PageCanvas {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
export interface PageDocument {
  querySelector(selector: string): ({ textContent: string | null } & Partial<PageCanvas>) | null;
  documentElement: { style: { setProperty(name: string, value: string): void } };
  body: { className: string; setAttribute(name: string, value: string): void };
}
declare const document: PageDocument;

/** Pixels of one colour (#rrggbb) in the first canvas under `selector`, counted in the page. */
export function countColour({ selector, hex }: { readonly selector: string; readonly hex: string }): number {
  const canvas = document.querySelector(`${selector} canvas`) as PageCanvas | null;
  const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
  if (!data) return 0;
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  let count = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r!) < 8 && Math.abs(data[i + 1]! - g!) < 8 && Math.abs(data[i + 2]! - b!) < 8) count++;
  return count;
}

export interface OpenPage {
  readonly page: Page;
  /** Errors the page threw. */
  readonly errors: string[];
  /** Where screenshots go (test-results/). */
  readonly results: string;
  readonly close: () => Promise<void>;
}

/**
 * Opens `script` (a file of dist/) in a page of its own. `themeColours` are CSS variables of the
 * light theme the page starts in, besides the foreground and background.
 */
export async function openPanelPage(script: string, themeColours: string, viewport: { readonly width: number; readonly height: number }): Promise<OpenPage> {
  const root = packageRoot();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-panel-page-'));
  const dist = pathToFileURL(path.join(root, 'dist')).href;
  fs.writeFileSync(
    path.join(folder, 'index.html'),
    `<!DOCTYPE html><html><head><meta charset="UTF-8">
<link rel="stylesheet" href="${dist}/uPlot.min.css"><link rel="stylesheet" href="${dist}/webview.css">
<style>html { --vscode-foreground: #333333; --vscode-editor-background: #ffffff; ${themeColours} }</style>
<script>window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => undefined });</script>
</head><body class="vscode-light" data-vscode-theme-kind="vscode-light"><main id="app"></main><script src="${dist}/${script}"></script></body></html>`,
  );
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--allow-file-access-from-files'],
    });
    const results = path.join(root, 'test-results');
    fs.mkdirSync(results, { recursive: true });
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(path.join(folder, 'index.html')).href);
    return { page, errors, results, close };
  } catch (error) {
    await close();
    throw error;
  }
}
