/**
 * The `tfjsDoctor.scriptArguments` setting: which entry a file gets, what an untrusted workspace can
 * set, how a typed command line becomes arguments and back, and that the requests carry them only
 * where the script runs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildOverfitRequest, resolveOverfitSettings } from '../client/src/overfit-request';
import { argumentLine, mergedScriptArguments, parseArgumentLine, scriptArgumentsFor, withScriptArguments } from '../client/src/script-arguments';
import { buildTrainingRequest } from '../client/src/training-request';
import { packageRoot } from '../server/src/docs';

describe('script arguments: the entry a file gets', () => {
  const map = {
    'scripts/*.js': ['--from-pattern'],
    'train.js': ['--by-name'],
    'src/train.js': ['--exact'],
    '**/*.ts': ['--typescript'],
  };

  it('its own path relative to the workspace folder wins over every pattern', () => {
    assert.deepEqual(scriptArgumentsFor(map, { relative: 'src/train.js', absolute: '/work/p/src/train.js' }), ['--exact']);
  });

  it('a key without a slash matches the file name in any folder; patterns in their order', () => {
    assert.deepEqual(scriptArgumentsFor(map, { relative: 'lib/deep/train.js', absolute: '/work/p/lib/deep/train.js' }), ['--by-name']);
    assert.deepEqual(scriptArgumentsFor(map, { relative: 'scripts/fit.js', absolute: '/work/p/scripts/fit.js' }), ['--from-pattern']);
    assert.deepEqual(scriptArgumentsFor(map, { relative: 'a/b/model.ts', absolute: '/work/p/a/b/model.ts' }), ['--typescript']);
  });

  it('a file outside every folder is matched by its absolute path; a file no key matches gets none', () => {
    assert.deepEqual(scriptArgumentsFor({ '/home/me/run.js': ['x'] }, { absolute: '/home/me/run.js' }), ['x']);
    assert.deepEqual(scriptArgumentsFor(map, { relative: 'scripts/deep/fit.js', absolute: '/work/p/scripts/deep/fit.js' }), []);
    assert.deepEqual(scriptArgumentsFor({}, { relative: 'train.js', absolute: '/work/p/train.js' }), []);
  });

  it('a key that is a property of every object is no entry', () => {
    assert.deepEqual(scriptArgumentsFor({}, { relative: 'constructor', absolute: '/work/p/constructor' }), []);
  });
});

describe('script arguments: the scopes that count', () => {
  const scopes = {
    defaultValue: {},
    globalValue: { 'train.js': ['--user'], 'eval.js': ['--user-eval'] },
    workspaceValue: { 'train.js': ['--workspace'] },
    workspaceFolderValue: { 'fit.js': ['--folder'], 'bad.js': 'not a list', 'mixed.js': ['a', 1] },
  };

  it('a trusted workspace: nearer scopes over farther, entry by entry, as VS Code merges an object setting', () => {
    assert.deepEqual(mergedScriptArguments(scopes, true), { 'train.js': ['--workspace'], 'eval.js': ['--user-eval'], 'fit.js': ['--folder'] });
  });

  it("an untrusted workspace: the user's settings only", () => {
    assert.deepEqual(mergedScriptArguments(scopes, false), { 'train.js': ['--user'], 'eval.js': ['--user-eval'] });
  });

  it('a value that is not an object of string lists counts as none', () => {
    assert.deepEqual(mergedScriptArguments({ globalValue: ['train.js'] }, true), {});
    assert.deepEqual(mergedScriptArguments({ globalValue: 'x' }, true), {});
    assert.deepEqual(mergedScriptArguments(undefined, true), {});
  });

  it('setting a file keeps the other entries; no arguments is an empty list, which a pattern does not override', () => {
    const before = { 'a.js': ['1'], 'scripts/*.js': ['2'] };
    assert.deepEqual(withScriptArguments(before, 'b.js', ['--x']), { 'a.js': ['1'], 'scripts/*.js': ['2'], 'b.js': ['--x'] });
    const cleared = withScriptArguments(before, 'scripts/fit.js', []);
    assert.deepEqual(cleared, { 'a.js': ['1'], 'scripts/*.js': ['2'], 'scripts/fit.js': [] });
    assert.deepEqual(scriptArgumentsFor(cleared, { relative: 'scripts/fit.js', absolute: '/p/scripts/fit.js' }), []);
    assert.deepEqual(before, { 'a.js': ['1'], 'scripts/*.js': ['2'] }, 'the setting read is not changed');
  });
});

describe('script arguments: the command line typed for them', () => {
  const args = (line: string) => {
    const parsed = parseArgumentLine(line);
    assert.ok('args' in parsed, 'error' in parsed ? parsed.error : '');
    return parsed.args;
  };

  it('splits at spaces, with quotes and backslashes as a POSIX shell reads them', () => {
    assert.deepEqual(args('--data "my file.csv" --lr 0.01'), ['--data', 'my file.csv', '--lr', '0.01']);
    assert.deepEqual(args(`a\\ b 'single $quoted' ''`), ['a b', 'single $quoted', '']);
    assert.deepEqual(args('   '), []);
  });

  it('passes variables and patterns as written: no shell runs', () => {
    assert.deepEqual(args('$HOME/data "$DATA" *.csv'), ['$HOME/data', '$DATA', '*.csv']);
  });

  it('refuses shell syntax that means nothing without a shell, saying what to quote', () => {
    for (const line of ['train | tee log', 'a > out.txt', 'a && b', 'a # note']) {
      const parsed = parseArgumentLine(line);
      assert.ok('error' in parsed, line);
      assert.match(parsed.error, /quote/);
    }
    assert.deepEqual(args('"a|b" \'>\' \\#1'), ['a|b', '>', '#1']);
  });

  it('the line shown for editing gives back the same arguments', () => {
    const original = ['a b', 'x$y', 'plain', '--k=v', "it's", '', 'é', 'a\\b', '*.csv', '#x'];
    assert.deepEqual(args(argumentLine(original)), original);
    assert.equal(argumentLine(['--epochs', '3', 'data.csv']), '--epochs 3 data.csv');
  });
});

describe('script arguments: the requests that carry them', () => {
  const file = path.join(os.tmpdir(), 'project', 'train.js');
  const target = { name: 'model', file, line: 1 };
  const settings = (mode: 'execute' | 'static') => resolveOverfitSettings({ mode: { defaultValue: 'execute', workspaceValue: mode } }, true);

  it('the overfit check takes them in execute mode only: static mode runs no script', () => {
    assert.deepEqual(buildOverfitRequest({ file, trusted: true, settings: settings('execute'), targets: [target], scriptArguments: ['data.csv'] }).scriptArguments, ['data.csv']);
    assert.equal(buildOverfitRequest({ file, trusted: true, settings: settings('static'), targets: [target], scriptArguments: ['data.csv'] }).scriptArguments, undefined);
    assert.equal(buildOverfitRequest({ file, trusted: false, settings: settings('execute'), targets: [target], scriptArguments: ['data.csv'] }).scriptArguments, undefined);
    assert.equal(buildOverfitRequest({ file, trusted: true, settings: settings('execute'), targets: [target], scriptArguments: [] }).scriptArguments, undefined);
  });

  it('a training run takes them', () => {
    const request = buildTrainingRequest({ file, trusted: true, targets: [target], scriptArguments: ['--epochs', '1'] });
    assert.ok(!('refused' in request));
    assert.deepEqual(request.scriptArguments, ['--epochs', '1']);
  });

  it('the manifest declares the setting, restricted in untrusted workspaces, and the command that sets it', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, { type?: string; scope?: string; default?: unknown }> }; commands: { command: string }[] };
    };
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('tfjsDoctor.scriptArguments'));
    const property = manifest.contributes.configuration.properties['tfjsDoctor.scriptArguments'];
    assert.deepEqual({ type: property?.type, scope: property?.scope, default: property?.default }, { type: 'object', scope: 'resource', default: {} });
    assert.ok(manifest.contributes.commands.some((command) => command.command === 'tfjsDoctor.setScriptArguments'));
  });
});
