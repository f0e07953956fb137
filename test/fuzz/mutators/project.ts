/** Mutators over the project rather than one file's text: imports between files, file names and kinds. */
import * as path from 'node:path';
import type { FuzzFile } from '../input';
import type { Random } from '../prng';
import { textFileIndices, type Mutator } from './mutator';

function folderOf(files: readonly FuzzFile[], rng: Random): string {
  const folders = [...new Set(files.map((file) => path.posix.dirname(file.path)))];
  return folders.length > 0 ? rng.pick(folders) : '.';
}

function freePath(files: readonly FuzzFile[], wanted: string): string {
  const taken = new Set(files.map((file) => file.path.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  const extension = path.posix.extname(wanted);
  for (let n = 2; ; n++) {
    const candidate = `${wanted.slice(0, wanted.length - extension.length)}-${n}${extension}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function specifier(from: string, to: string, withExtension: boolean): string {
  let relative = path.posix.relative(path.posix.dirname(from), to);
  if (!withExtension) relative = relative.replace(/\.[^./]+$/, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** One file of a generated cycle: it builds on the next file's model and re-exports it. */
function cycleFile(index: number, next: string, style: 'esm' | 'cjs', units: number): string {
  if (style === 'cjs') {
    return `const tf = require('@tensorflow/tfjs');
const next = require('${next}');
function make${index}(depth) {
  const model = depth > 0 ? next.make${index + 1}(depth - 1) : tf.sequential();
  model.add(tf.layers.dense({ units: ${units}, inputShape: [next.WIDTH ?? 4], activation: 'relu' }));
  return model;
}
module.exports = { make${index}, make${index + 1}: next.make${index + 1}, WIDTH: ${units} };
const cycled = make${index}(3);
cycled.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
`;
  }
  return `import * as tf from '@tensorflow/tfjs';
import { make${index + 1}, WIDTH } from '${next}';
export * from '${next}';
export const WIDTH${index} = WIDTH + ${units};
export function make${index}(depth: number): tf.Sequential {
  const model = depth > 0 ? make${index + 1}(depth - 1) : tf.sequential();
  model.add(tf.layers.dense({ units: WIDTH${index}, inputShape: [WIDTH], activation: 'softmax' }));
  return model;
}
const cycled = make${index}(${units});
cycled.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;
}

/**
 * Files that import each other in a cycle (esm, cjs or both), with model factories that call each
 * other across the cycle; sometimes a sample file joins the cycle, sometimes a file imports itself.
 */
const importCycle: Mutator = {
  name: 'import-cycle',
  weight: 2,
  apply(files, { rng }) {
    const folder = folderOf(files, rng);
    const size = rng.between(1, 5);
    const extensions = ['.ts', '.js', '.mjs', '.cjs', '.tsx', '.jsx'];
    const names = Array.from({ length: size }, (_, i) => freePath(files, path.posix.join(folder, `cycle-${i}${rng.pick(extensions)}`)));
    const withExtension = rng.chance(0.3);
    names.forEach((name, i) => {
      const next = names[(i + 1) % size]!;
      const style = name.endsWith('.cjs') || (name.endsWith('.js') && rng.chance(0.5)) ? 'cjs' : 'esm';
      files.push({ kind: 'text', path: name, text: cycleFile(i, specifier(name, next, withExtension), style, rng.pick([0, 1, 4, 16, -1, 1e9])) });
    });
    const texts = textFileIndices(files).filter((index) => !names.includes(files[index]!.path));
    if (texts.length > 0 && rng.chance(0.6)) {
      // A sample file imports the cycle, and the cycle imports it back.
      const index = rng.pick(texts);
      const sample = files[index] as Extract<FuzzFile, { kind: 'text' }>;
      files[index] = { ...sample, text: `import * as cycle from '${specifier(sample.path, names[0]!, withExtension)}';\n${sample.text}\nexport const fromCycle = cycle;\n` };
      const first = files.find((file) => file.path === names[0]) as Extract<FuzzFile, { kind: 'text' }>;
      files[files.indexOf(first)] = { ...first, text: `import * as sample from '${specifier(first.path, sample.path, withExtension)}';\n${first.text}` };
    }
    return `a cycle of ${size} files: ${names.join(' -> ')}`;
  },
};

const EXTENSIONS = ['.js', '.ts', '.tsx', '.jsx', '.mjs', '.cjs'];
const ODD_EXTENSIONS = ['.mts', '.cts', '.TS', '.Js', '.d.ts', '.json', '.txt', '.html', '.HTM', ''];

/** The same code under another extension: TypeScript read as JavaScript, JSX rules, module kinds. */
const renameExtension: Mutator = {
  name: 'rename-extension',
  weight: 2,
  apply(files, { rng }) {
    const candidates = files.flatMap((file, index) => (file.kind === 'text' || file.kind === 'bytes' ? [index] : []));
    if (candidates.length === 0) return undefined;
    const index = rng.pick(candidates);
    const file = files[index]!;
    const extension = rng.chance(0.9) ? rng.pick(EXTENSIONS) : rng.pick(ODD_EXTENSIONS);
    const renamed = freePath(files, file.path.replace(/(\.d)?\.[^./]+$/, '') + extension);
    files[index] = { ...file, path: renamed };
    return `${file.path} renamed to ${renamed}`;
  },
};

const ODD_NAMES = ['名前 with spaces.ts', '#hash?.js', '%20encoded.ts', 'colon:name.js', 'UPPER.TS', 'semi;colon.mjs', "quote'name.ts", 'new\nline.ts', `${'l'.repeat(200)}.ts`];

/** Symbolic links (good, dangling, looping), folders named like source files, odd and deep paths, skipped folders. */
const fileSystem: Mutator = {
  name: 'file-system',
  weight: 1,
  apply(files, { rng }) {
    const folder = folderOf(files, rng);
    const texts = textFileIndices(files);
    const sample = texts.length > 0 ? (files[rng.pick(texts)] as Extract<FuzzFile, { kind: 'text' }>) : undefined;
    const sampleText = sample?.text ?? "import * as tf from '@tensorflow/tfjs';\n";
    const kind = rng.pick(['link', 'dangling-link', 'link-loop', 'folder', 'deep', 'odd-name', 'skipped-folder', 'link-to-folder'] as const);
    const at = (name: string): string => freePath(files, path.posix.join(folder, name));
    switch (kind) {
      case 'link':
        if (!sample) return undefined;
        files.push({ kind: 'symlink', path: at('linked.ts'), target: path.posix.relative(folder, sample.path) });
        break;
      case 'dangling-link':
        files.push({ kind: 'symlink', path: at('dangling.ts'), target: 'does-not-exist.ts' });
        break;
      case 'link-loop': {
        const name = at('loop.js');
        files.push({ kind: 'symlink', path: name, target: path.posix.basename(name) });
        break;
      }
      case 'link-to-folder':
        files.push({ kind: 'symlink', path: at('parent-link'), target: '..' });
        break;
      case 'folder': {
        const name = at('folder.ts');
        files.push({ kind: 'directory', path: name }, { kind: 'text', path: `${name}/inner.ts`, text: sampleText });
        break;
      }
      case 'deep': {
        const depth = rng.between(10, 60);
        files.push({ kind: 'text', path: path.posix.join(folder, ...Array.from({ length: depth }, (_, i) => `d${i}`), 'deep.ts'), text: sampleText });
        break;
      }
      case 'odd-name':
        files.push({ kind: 'text', path: at(rng.pick(ODD_NAMES)), text: sampleText });
        break;
      case 'skipped-folder':
        files.push({ kind: 'text', path: path.posix.join(folder, rng.pick(['node_modules/pkg', '.hidden', 'dist']), 'index.js'), text: sampleText });
        break;
    }
    return `${kind} in ${folder}`;
  },
};

/**
 * A huge file with a source extension (all zero bytes, stored as a hole): the linter skips files
 * over 1 MB, and should not need the whole file in memory to know.
 */
const hugeFile: Mutator = {
  name: 'huge-file',
  weight: 0.5,
  apply(files, { rng, maxFileBytes }) {
    if (maxFileBytes <= 1_100_000) return undefined;
    const size = rng.logBetween(1_100_000, maxFileBytes);
    const name = freePath(files, path.posix.join(folderOf(files, rng), `huge${rng.pick(EXTENSIONS)}`));
    files.push({ kind: 'sparse', path: name, size });
    return `${name} of ${Math.round(size / 1_000_000)} MB`;
  },
};

/**
 * Files the linter may not read or write, and a folder it may not open (the command line and the
 * server run as an unprivileged user when the fuzzer is root).
 */
const permissions: Mutator = {
  name: 'permissions',
  weight: 1,
  apply(files, { rng }) {
    const texts = textFileIndices(files);
    if (texts.length === 0 || rng.chance(0.2)) {
      const folder = freePath(files, path.posix.join(folderOf(files, rng), 'closed'));
      const sample = texts.length > 0 ? (files[rng.pick(texts)] as Extract<FuzzFile, { kind: 'text' }>).text : '';
      files.push({ kind: 'directory', path: folder, mode: 0o000 }, { kind: 'text', path: `${folder}/inside.ts`, text: sample });
      return `${folder} closed`;
    }
    const index = rng.pick(texts);
    const file = files[index] as Extract<FuzzFile, { kind: 'text' }>;
    const mode = rng.pick([0o000, 0o444, 0o200, 0o111]);
    files[index] = { ...file, mode };
    return `${file.path} mode ${mode.toString(8).padStart(3, '0')}`;
  },
};

export const projectMutators: readonly Mutator[] = [importCycle, renameExtension, fileSystem, hugeFile, permissions];
