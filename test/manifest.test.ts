// test-process: own (packages the extension and runs the command line in child processes)
/** The extension manifest: commands, the walkthrough and what ships in the .vsix. */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { before, describe, it } from 'node:test';
import { PackageManager, listFiles } from '@vscode/vsce';
import { rules } from '../rules/index';
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
  readonly icon: string;
  readonly galleryBanner: { readonly color: string; readonly theme: string };
  readonly categories: readonly string[];
  readonly keywords: readonly string[];
  readonly repository: { readonly url: string };
  readonly bugs: { readonly url: string };
  readonly homepage: string;
  readonly scripts: Readonly<Record<string, string>>;
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

/** A file of the .vsix as vsce makes it: on disk, or made in memory (the README with its links rewritten). */
interface PackagedFile {
  readonly path: string;
  readonly localPath?: string;
  readonly contents?: string | Buffer;
}

/**
 * The files `npm run package` puts in the .vsix, read by vsce's own packaging steps (the README
 * option, the icon, link rewriting) with the options of that script, without running its build.
 */
async function packagedFiles(): Promise<PackagedFile[]> {
  // vsce's packaging steps are not part of its typed API.
  const vsce = createRequire(__filename)('@vscode/vsce/out/package') as {
    readManifest(cwd: string): Promise<unknown>;
    collect(manifest: unknown, options: { cwd: string; dependencies: boolean; readmePath?: string }): Promise<PackagedFile[]>;
  };
  const script = manifest.scripts['package']!;
  const readmePath = /--readme-path[ =](\S+)/.exec(script)?.[1];
  return vsce.collect(await vsce.readManifest(root), { cwd: root, dependencies: !script.includes('--no-dependencies'), ...(readmePath ? { readmePath } : {}) });
}

function contentsOf(file: PackagedFile): Buffer {
  if (typeof file.contents === 'string') return Buffer.from(file.contents, 'utf8');
  if (file.contents !== undefined) return file.contents;
  return fs.readFileSync(file.localPath!);
}

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
    assert.ok(bundles.includes('dist/analysis.js'), 'the build has run');
    for (const file of [manifest.main, ...bundles, 'rules/missing-bias.md', 'walkthrough/example-model.js']) {
      assert.ok(shipped.has(file.replace(/^\.\//, '')), `${file} is in the package`);
    }
    const sources = [...shipped].filter((file) => file.endsWith('.ts') || file.startsWith('node_modules/') || file.startsWith('test'));
    assert.deepEqual(sources, []);
  });

  describe('the package as the marketplace shows it', () => {
    let files: Map<string, PackagedFile>;

    before(async () => {
      files = new Map((await packagedFiles()).map((file) => [file.path, file]));
    });

    it('shows the user guide as its README, not the contributor guide', () => {
      const readmes = [...files.keys()].filter((file) => /^extension\/readme\.md$/i.test(file));
      assert.deepEqual(readmes, ['extension/readme.md']);
      const readme = contentsOf(files.get('extension/readme.md')!).toString('utf8');
      for (const section of ['## Commands', '## Settings', '## Privacy and trust', 'Restricted Mode', '## Rules']) {
        assert.ok(readme.includes(section), `the README has ${section}`);
      }
      for (const contributorOnly of ['npm ci', 'npm test', 'CONTRIBUTING', 'test-workspace']) {
        assert.ok(!readme.includes(contributorOnly), `the README does not mention ${contributorOnly}`);
      }
      // The marketplace shows only images at https addresses; vsce makes them from the repository's.
      const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
      assert.ok(images.length >= 2);
      for (const image of images) {
        assert.match(image, /^https:\/\//);
        assert.ok(fs.existsSync(path.join(root, image.replace(/^.*\/(raw|blob)\/[^/]+\//, ''))), `${image} is in the repository`);
      }
      // Every rule is listed with a link to its page.
      for (const id of Object.keys(rules)) assert.ok(readme.includes(`/rules/${id}.md)`), `${id} is linked`);
    });

    it('has an icon, a PNG of at least 128 x 128 pixels, and a gallery banner', () => {
      const icon = files.get(`extension/${manifest.icon}`);
      assert.ok(icon, `${manifest.icon} is in the package`);
      const png = contentsOf(icon);
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(png.toString('ascii', 12, 16), 'IHDR');
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert.equal(width, height);
      assert.ok(width >= 128, `${width} pixels wide`);
      assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
      assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    });

    it('is listed as a linter for machine learning, with links to its repository and issues', () => {
      assert.ok(manifest.categories.includes('Linters') && manifest.categories.includes('Machine Learning'));
      assert.ok(manifest.keywords.includes('tensorflow') && manifest.keywords.length <= 30);
      for (const url of [manifest.repository.url, manifest.bugs.url, manifest.homepage]) assert.match(url, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+/);
    });
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
