// test-process: own (loads a tfjs backend into its process)
/**
 * What a static check and an untrusted workspace may load and decide: nothing of the project runs,
 * a tfjs-node planted in its node_modules included, and its settings do not set the limits.
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  OVERFIT_SETTING_BOUNDS,
  RESTRICTED_OVERFIT_SETTINGS,
  buildOverfitRequest,
  resolveOverfitSettings,
  type OverfitSettingScopes,
} from '../client/src/overfit-request';
import { loadTf, ownModuleFolders } from '../overfit/src/backend';
import type { OverfitResult } from '../overfit/src/types';
import { packageRoot } from '../server/src/docs';

const root = packageRoot();
const CLI = path.join(root, 'dist', 'cli.js');

/** A tfjs-node that records that it ran, then fails to load so that the check goes on without it. */
function plantTfjsNode(modulesFolder: string, marker: string): void {
  const folder = path.join(modulesFolder, '@tensorflow', 'tfjs-node');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node', version: '4.22.0', main: 'index.js' }));
  fs.writeFileSync(path.join(folder, 'index.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nthrow new Error('planted package');\n`);
}

describe('trust: nothing of the project loads in static mode', () => {
  let dir: string;
  let file: string;
  let besideMarker: string;
  let parentMarker: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-trust-'));
    fs.mkdirSync(path.join(dir, 'src'));
    file = path.join(dir, 'src', 'model.mjs');
    fs.copyFileSync(path.join(root, 'test', 'overfit-fixtures', 'mlp-classifier.mjs'), file);
    besideMarker = path.join(dir, 'beside-ran');
    parentMarker = path.join(dir, 'parent-ran');
    // One beside the file and one in a parent folder: Node's lookup would find either.
    plantTfjsNode(path.join(dir, 'src', 'node_modules'), besideMarker);
    plantTfjsNode(path.join(dir, 'node_modules'), parentMarker);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const check = (...args: string[]): { code: number; result?: OverfitResult; stderr: string } => {
    const run = cp.spawnSync(process.execPath, [CLI, 'overfit', file, '--format', 'json', '--steps', '50', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    let result: OverfitResult | undefined;
    try {
      result = JSON.parse(run.stdout) as OverfitResult;
    } catch {
      result = undefined;
    }
    return { code: run.status ?? -1, stderr: run.stderr, ...(result ? { result } : {}) };
  };

  it('the command line in static mode gives its verdict without loading the planted tfjs-node', () => {
    const outcome = check('--mode', 'static');
    assert.ok(outcome.result, outcome.stderr);
    assert.equal(outcome.result.mode, 'static');
    assert.ok(['wasm', 'cpu'].includes(outcome.result.backend), outcome.result.backend);
    assert.ok(!fs.existsSync(besideMarker), 'the tfjs-node beside the file ran');
    assert.ok(!fs.existsSync(parentMarker), 'the tfjs-node in a parent folder ran');
  });

  it("tfjs-doctor's own tfjs-node comes from its own node_modules, never from the folders above its install", async () => {
    // An extension installed in a folder a workspace can write to (the home folder opened as one).
    const install = path.join(dir, 'extensions', 'tfjs-doctor');
    fs.mkdirSync(install, { recursive: true });
    const aboveMarker = path.join(dir, 'above-install-ran');
    plantTfjsNode(path.join(dir, 'extensions', 'node_modules'), aboveMarker);
    const sources = { projectFolders: [], ownModuleFolders: ownModuleFolders(install) };
    const noBundle = (): never => {
      throw new Error('the bundled tfjs is not needed here');
    };
    await assert.rejects(loadTf(sources, noBundle, 'tensorflow'), /cannot be loaded here/);
    assert.ok(!fs.existsSync(aboveMarker) && !fs.existsSync(parentMarker), 'a tfjs-node above the install ran');
    const ownMarker = path.join(dir, 'own-ran');
    plantTfjsNode(path.join(install, 'node_modules'), ownMarker);
    await assert.rejects(loadTf(sources, noBundle, 'tensorflow'), /cannot be loaded here/);
    assert.ok(fs.existsSync(ownMarker), 'its own tfjs-node was tried');
  });

  it('an install by npm also owns the node_modules folder it sits in, where its dependencies are hoisted', () => {
    const modules = path.join(os.tmpdir(), 'app', 'node_modules');
    assert.deepEqual(ownModuleFolders(path.join(modules, 'tfjs-doctor')), [path.join(modules, 'tfjs-doctor', 'node_modules'), modules]);
    assert.deepEqual(ownModuleFolders(path.join(modules, '@scope', 'tfjs-doctor')), [path.join(modules, '@scope', 'tfjs-doctor', 'node_modules'), modules]);
    assert.deepEqual(ownModuleFolders(path.join(os.tmpdir(), 'extensions', 'tfjs-doctor')), [path.join(os.tmpdir(), 'extensions', 'tfjs-doctor', 'node_modules')]);
  });

  it('execute mode, which runs the project anyway, does load the project tfjs-node (the bait works)', () => {
    const outcome = check('--mode', 'execute');
    assert.ok(outcome.result, outcome.stderr);
    assert.ok(fs.existsSync(besideMarker), 'the nearest tfjs-node was tried');
    assert.ok(outcome.result.notes?.some((note) => /tfjs-node at .*src.node_modules.*could not load \(planted package\)/.test(note)), JSON.stringify(outcome.result.notes));
    fs.rmSync(besideMarker, { force: true });
  });
});

describe('trust: the request the editor builds', () => {
  const scopes: OverfitSettingScopes = {
    mode: { defaultValue: 'execute', workspaceValue: 'execute' },
    steps: { defaultValue: 300, globalValue: 500, workspaceValue: 100_000 },
    batchSize: { defaultValue: 32, workspaceFolderValue: 1024 },
    timeLimit: { defaultValue: 120, globalValue: 60, workspaceValue: 100_000, workspaceFolderValue: 50_000 },
    memoryLimit: { defaultValue: 4096, workspaceValue: 1_000_000 },
  };
  const file = path.join(os.tmpdir(), 'project', 'src', 'model.ts');
  const target = { name: 'model', file, line: 1 };

  it('an untrusted workspace: static, user and default settings only, no project folders, no unsaved text', () => {
    const settings = resolveOverfitSettings(scopes, false);
    assert.deepEqual(settings, { mode: 'static', steps: 500, batchSize: 32, timeLimit: 60, memoryLimit: 4096 });
    const request = buildOverfitRequest({ file, trusted: false, settings, targets: [target], unsavedText: 'x' });
    assert.equal(request.mode, 'static');
    assert.deepEqual(request.searchPaths, []);
    assert.equal(request.fileContents, undefined);
    assert.equal(request.steps, 500);
  });

  it('an untrusted workspace stays static whatever the user set, and even with settings resolved as trusted', () => {
    assert.equal(resolveOverfitSettings({ mode: { defaultValue: 'execute', globalValue: 'execute' } }, false).mode, 'static');
    const trustedSettings = resolveOverfitSettings(scopes, true);
    const request = buildOverfitRequest({ file, trusted: false, settings: trustedSettings, targets: [target] });
    assert.equal(request.mode, 'static');
    assert.deepEqual(request.searchPaths, []);
  });

  it('a trusted workspace: the nearest scope wins, within the manifest bounds; execute mode searches the project', () => {
    const settings = resolveOverfitSettings(scopes, true);
    assert.deepEqual(settings, { mode: 'execute', steps: 100_000, batchSize: 1024, timeLimit: 50_000, memoryLimit: 1_000_000 });
    const request = buildOverfitRequest({ file, trusted: true, settings, targets: [target], model: 'model', unsavedText: 'edited' });
    assert.equal(request.mode, 'execute');
    assert.equal(request.searchPaths[0], path.dirname(file));
    assert.equal(request.searchPaths.at(-1), path.parse(file).root);
    assert.equal(request.fileContents, 'edited');
    assert.equal(request.model, 'model');
  });

  it('a trusted workspace in static mode searches nothing of the project', () => {
    const settings = resolveOverfitSettings({ ...scopes, mode: { defaultValue: 'execute', workspaceValue: 'static' } }, true);
    const request = buildOverfitRequest({ file, trusted: true, settings, targets: [target], unsavedText: 'edited' });
    assert.equal(request.mode, 'static');
    assert.deepEqual(request.searchPaths, []);
    assert.equal(request.fileContents, undefined);
  });

  it('steps that no settings file sets are left to the check, which fits them to the optimizer', () => {
    const settings = resolveOverfitSettings({ steps: { defaultValue: 300, workspaceValue: 40 } }, false);
    assert.equal(settings.steps, undefined);
    assert.equal(buildOverfitRequest({ file, trusted: false, settings, targets: [target] }).steps, undefined);
    assert.equal(resolveOverfitSettings({ steps: { defaultValue: 300, workspaceValue: 40 } }, true).steps, 40);
  });

  it('values outside the bounds or of the wrong type are brought back to them', () => {
    const settings = resolveOverfitSettings(
      { steps: { globalValue: 1 }, batchSize: { globalValue: 1e9 }, timeLimit: { globalValue: 'long' }, memoryLimit: { globalValue: Number.NaN } },
      false,
    );
    assert.deepEqual(settings, { mode: 'static', steps: 10, batchSize: 1024, timeLimit: 120, memoryLimit: 4096 });
  });

  it('the manifest restricts the same settings, with the same defaults and bounds', () => {
    interface Property {
      readonly default?: unknown;
      readonly minimum?: number;
      readonly maximum?: number;
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, Property> } };
    };
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of RESTRICTED_OVERFIT_SETTINGS) assert.ok(restricted.includes(`tfjsDoctor.overfit.${key}`), `${key} is restricted`);
    for (const [key, bounds] of Object.entries(OVERFIT_SETTING_BOUNDS)) {
      const property = manifest.contributes.configuration.properties[`tfjsDoctor.overfit.${key}`];
      assert.deepEqual(
        { default: property?.default, minimum: property?.minimum, maximum: property?.maximum },
        { default: bounds.fallback, minimum: bounds.minimum, maximum: bounds.maximum },
        key,
      );
    }
  });
});
