// test-process: own (packages the extension and runs the command line in child processes)
/** The extension manifest: commands, the walkthrough and what ships in the .vsix. */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { PackageManager, listFiles } from '@vscode/vsce';
import { COMMANDS } from '../shared/protocol';
import { packageRoot } from '../server/src/docs';

const root = packageRoot();

interface WalkthroughStep {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly markdown?: string; readonly image?: string };
  readonly completionEvents?: readonly string[];
}

interface Manifest {
  readonly main: string;
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly walkthroughs: readonly { readonly id: string; readonly steps: readonly WalkthroughStep[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));
/** Commands of VS Code itself that the walkthrough links to. */
const BUILT_IN = /^(workbench|editor)\./;

function commandLinks(text: string): string[] {
  return [...text.matchAll(/\(command:([\w.-]+)/g)].map((match) => match[1]!);
}

describe('extension manifest', () => {
  let shipped: Set<string>;

  before(async () => {
    shipped = new Set((await listFiles({ cwd: root, packageManager: PackageManager.None })).map((file) => file.split(path.sep).join('/')));
  });

  it('contributes exactly the commands the extension registers', () => {
    assert.deepEqual([...contributed].sort(), Object.values(COMMANDS).sort());
  });

  it('activates only for JavaScript, TypeScript and HTML', () => {
    assert.deepEqual(
      [...manifest.activationEvents].sort(),
      ['onLanguage:html', 'onLanguage:javascript', 'onLanguage:javascriptreact', 'onLanguage:typescript', 'onLanguage:typescriptreact'],
    );
  });

  it('ships the bundles, the rule pages and the walkthrough, and no sources', () => {
    // The bundles load one another by file name, so every one the build makes must ship.
    const bundles = fs.readdirSync(path.join(root, 'dist')).filter((name) => name.endsWith('.js')).map((name) => `dist/${name}`);
    assert.ok(bundles.includes('dist/server-analysis.js'), 'the build has run');
    for (const file of [manifest.main, ...bundles, 'rules/missing-bias.md', 'walkthrough/example-model.js']) {
      assert.ok(shipped.has(file.replace(/^\.\//, '')), `${file} is in the package`);
    }
    const sources = [...shipped].filter((file) => file.endsWith('.ts') || file.startsWith('node_modules/') || file.startsWith('test'));
    assert.deepEqual(sources, []);
  });

  describe('the walkthrough', () => {
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);

    it('has steps whose media ship with the extension, including the images their pages show', () => {
      assert.ok(steps.length >= 4);
      for (const step of steps) {
        const media = step.media.markdown ?? step.media.image;
        assert.ok(media, `${step.id} has media`);
        assert.ok(shipped.has(media), `${media} is in the package`);
        if (!step.media.markdown) continue;
        const page = fs.readFileSync(path.join(root, media), 'utf8');
        for (const [, image] of page.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
          const relative = path.posix.normalize(path.posix.join(path.posix.dirname(media), image!));
          assert.ok(shipped.has(relative), `${relative}, shown by ${media}, is in the package`);
        }
      }
    });

    it('links only to commands that exist, and each step can complete', () => {
      for (const step of steps) {
        for (const command of commandLinks(step.description)) {
          assert.ok(contributed.has(command) || BUILT_IN.test(command), `${step.id} links to ${command}`);
        }
        assert.ok((step.completionEvents ?? []).length > 0 || commandLinks(step.description).length > 0, `${step.id} can complete`);
      }
    });

    it('opens an example with exactly the mistake the steps describe, which the fix removes', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-example-'));
      try {
        const example = path.join(dir, 'spam-filter.js');
        fs.copyFileSync(path.join(root, 'walkthrough', 'example-model.js'), example);
        const cli = path.join(root, 'dist', 'cli.js');
        const lint = (...args: string[]): cp.SpawnSyncReturns<string> => cp.spawnSync(process.execPath, [cli, 'lint', example, '--format', 'json', ...args], { encoding: 'utf8' });
        const before = JSON.parse(lint().stdout) as { messages: { ruleId: string }[] }[];
        assert.deepEqual(before.flatMap((file) => file.messages.map((message) => message.ruleId)), ['softmax-with-binary-crossentropy']);
        assert.equal(lint('--fix').status, 0);
        assert.match(fs.readFileSync(example, 'utf8'), /units: 1, activation: 'sigmoid'/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
