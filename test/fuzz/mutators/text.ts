/** Mutators over the characters, bytes, tokens and lines of one file: damage without regard to syntax. */
import { scanTokens } from '../corpus';
import type { Random } from '../prng';
import { editOneText, lineStarts, randomLineStart, repeat, splice, textFileIndices, type Mutator } from './mutator';

const PUNCTUATION = "{}[]()<>;,.:=+-*/%!?&|^~'\"`\\$@# \t\n";
const LETTERS = 'abcxyzABCXYZ_019';

function randomChar(rng: Random): string {
  const choice = rng.int(4);
  if (choice === 0) return rng.pick([...PUNCTUATION]);
  if (choice === 1) return rng.pick([...LETTERS]);
  if (choice === 2) return String.fromCharCode(rng.int(0x80));
  return String.fromCharCode(rng.int(0x10000));
}

const charFlips: Mutator = {
  name: 'char-flips',
  weight: 3,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      if (text.length === 0) return undefined;
      const count = rng.logBetween(1, 16);
      let result = text;
      for (let i = 0; i < count; i++) {
        const at = rng.int(result.length);
        result = splice(result, at, at + 1, randomChar(rng));
      }
      return { text: result, what: `${count} characters replaced` };
    }),
};

/** Flips bits and drops in stray UTF-8 lead and continuation bytes: the file is no longer valid UTF-8. */
const byteFlips: Mutator = {
  name: 'byte-flips',
  weight: 1,
  apply(files, { rng }) {
    const candidates = textFileIndices(files);
    if (candidates.length === 0) return undefined;
    const index = rng.pick(candidates);
    const file = files[index]!;
    if (file.kind !== 'text') return undefined;
    let bytes = Array.from(Buffer.from(file.text, 'utf8'));
    const count = rng.logBetween(1, 12);
    for (let i = 0; i < count; i++) {
      if (bytes.length > 0 && rng.chance(0.5)) {
        const at = rng.int(bytes.length);
        bytes[at] = bytes[at]! ^ (1 << rng.int(8));
      } else {
        const at = rng.int(bytes.length + 1);
        bytes = [...bytes.slice(0, at), rng.pick([0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xf8, 0xfe, 0xff]), ...bytes.slice(at)];
      }
    }
    files[index] = { kind: 'bytes', path: file.path, base64: Buffer.from(bytes).toString('base64') };
    return `${count} byte changes in ${file.path}`;
  },
};

/** A random range of whole tokens: [start offset, end offset). */
function tokenRange(text: string, rng: Random, maxTokens: number): [number, number] | undefined {
  const tokens = scanTokens(text);
  if (tokens.length === 0) return undefined;
  const first = rng.int(tokens.length);
  const last = Math.min(tokens.length - 1, first + rng.logBetween(1, maxTokens) - 1);
  return [tokens[first]!.start, tokens[last]!.end];
}

function tokenBoundary(text: string, rng: Random): number {
  const tokens = scanTokens(text);
  return tokens.length === 0 ? 0 : rng.chance(0.5) ? rng.pick(tokens).start : rng.pick(tokens).end;
}

const tokenDelete: Mutator = {
  name: 'token-delete',
  weight: 3,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const range = tokenRange(text, rng, 40);
      return range && { text: splice(text, range[0], range[1], ''), what: `tokens ${range[0]}-${range[1]} deleted` };
    }),
};

const tokenDuplicate: Mutator = {
  name: 'token-duplicate',
  weight: 2,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const range = tokenRange(text, rng, 40);
      if (!range) return undefined;
      const at = rng.chance(0.5) ? range[1] : tokenBoundary(text, rng);
      const times = rng.logBetween(1, 50);
      return { text: splice(text, at, at, repeat(text.slice(range[0], range[1]), times)), what: `tokens ${range[0]}-${range[1]} copied ${times} times to ${at}` };
    }),
};

const tokenSwap: Mutator = {
  name: 'token-swap',
  weight: 2,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const ranges = [tokenRange(text, rng, 20), tokenRange(text, rng, 20)].sort((x, y) => (x?.[0] ?? 0) - (y?.[0] ?? 0));
      const [a, b] = ranges;
      if (!a || !b || a[1] > b[0]) return undefined;
      const swapped = text.slice(0, a[0]) + text.slice(b[0], b[1]) + text.slice(a[1], b[0]) + text.slice(a[0], a[1]) + text.slice(b[1]);
      return { text: swapped, what: `tokens ${a[0]}-${a[1]} and ${b[0]}-${b[1]} swapped` };
    }),
};

const lineEdit: Mutator = {
  name: 'line-edit',
  weight: 3,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const lines = text.split('\n');
      const first = rng.int(lines.length);
      const count = Math.min(lines.length - first, rng.logBetween(1, 12));
      const block = lines.slice(first, first + count);
      const operation = rng.pick(['delete', 'duplicate', 'swap', 'move'] as const);
      if (operation === 'delete') lines.splice(first, count);
      else if (operation === 'duplicate') {
        const times = rng.logBetween(1, 100);
        lines.splice(first + count, 0, ...Array.from({ length: times }, () => block).flat());
        return { text: lines.join('\n'), what: `lines ${first + 1}-${first + count} repeated ${times} times` };
      } else if (operation === 'swap') {
        const other = rng.int(lines.length);
        [lines[first], lines[other]] = [lines[other]!, lines[first]!];
        return { text: lines.join('\n'), what: `lines ${first + 1} and ${other + 1} swapped` };
      } else {
        lines.splice(first, count);
        lines.splice(rng.int(lines.length + 1), 0, ...block);
      }
      return { text: lines.join('\n'), what: `lines ${first + 1}-${first + count}: ${operation}` };
    }),
};

/** Half-typed code: the file ends somewhere in the middle, at a token boundary or inside a token. */
const truncate: Mutator = {
  name: 'truncate',
  weight: 3,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      if (text.length === 0) return undefined;
      const at = rng.chance(0.5) ? tokenBoundary(text, rng) : rng.int(text.length);
      return { text: text.slice(0, at), what: `cut at ${at} of ${text.length}` };
    }),
};

const ODD_CHARACTERS = [
  '\uFEFF', // byte order mark
  '\u200B', // zero-width space
  '\u200D', // zero-width joiner
  '\u202E', // right-to-left override
  '\u2028', // line separator
  '\u2029', // paragraph separator
  '\u00A0', // no-break space
  '\u0301', // combining acute accent
  '\uD800', // lone high surrogate
  '\uDC00', // lone low surrogate
  '\uD83D\uDE00', // an emoji (outside the BMP)
  '\u{10FFFF}',
  '\uFF08', // fullwidth parenthesis
  '\u00E9',
  'ß',
  '\u0000',
  '\u001B',
  '\r',
  '\u0085', // next line
];

const unicode: Mutator = {
  name: 'unicode',
  weight: 2,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      if (rng.chance(0.3)) return { text: `\uFEFF${text}`, what: 'byte order mark' };
      const count = rng.logBetween(1, 20);
      let result = text;
      for (let i = 0; i < count; i++) {
        const at = rng.chance(0.5) ? tokenBoundary(result, rng) : rng.int(result.length + 1);
        result = splice(result, at, at, rng.pick(ODD_CHARACTERS));
      }
      return { text: result, what: `${count} unusual characters` };
    }),
};

const lineEndings: Mutator = {
  name: 'line-endings',
  weight: 1,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const style = rng.pick(['crlf', 'cr', 'mixed', 'trailing-cr'] as const);
      const lines = text.split('\n');
      if (style === 'crlf') return { text: lines.join('\r\n'), what: 'CRLF line endings' };
      if (style === 'cr') return { text: lines.join('\r'), what: 'CR line endings' };
      if (style === 'trailing-cr') return { text: `${text}\r`, what: 'a final CR' };
      return { text: lines.map((line, i) => (i === lines.length - 1 ? line : line + rng.pick(['\n', '\r\n', '\r', '\n\r']))).join(''), what: 'mixed line endings' };
    }),
};

const nulBytes: Mutator = {
  name: 'nul-bytes',
  weight: 1,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const count = rng.logBetween(1, 8);
      let result = text;
      for (let i = 0; i < count; i++) {
        const at = rng.int(result.length + 1);
        result = splice(result, at, at, '\0');
      }
      return { text: result, what: `${count} NUL characters` };
    }),
};

/** One very long line: up to past the linter's 1 MB limit. */
const longLine: Mutator = {
  name: 'long-line',
  weight: 1,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const length = rng.logBetween(1_000, 1_100_000);
      const form = rng.pick(['string', 'comment', 'sum', 'array', 'identifier', 'template', 'chain'] as const);
      const body = (() => {
        switch (form) {
          case 'string':
            return `const long = '${repeat('x', length)}';`;
          case 'comment':
            return `// ${repeat('y', length)}`;
          case 'sum':
            return `const sum = 1${repeat(' + 1', Math.ceil(length / 4))};`;
          case 'array':
            return `const values = [${repeat('0.5, ', Math.ceil(length / 5))}];`;
          case 'identifier':
            return `const ${repeat('a', length)} = 1;`;
          case 'template':
            return `const template = \`${repeat('${1}', Math.ceil(length / 4))}\`;`;
          case 'chain':
            return `const chained = tf.zeros([1])${repeat('.add(1)', Math.ceil(length / 7))};`;
        }
      })();
      const at = randomLineStart(text, rng);
      return { text: splice(text, at, at, `${body}\n`), what: `a ${form} line of about ${length} characters` };
    }),
};

const EMPTY_TEXTS = ['', ' ', '\n\n\n', '// only a comment', '/* unclosed comment', "import * as tf from '@tensorflow/tfjs';\n", '\uFEFF', ';;;;', '{}'];

const empty: Mutator = {
  name: 'empty',
  weight: 1,
  apply: (files, { rng }) =>
    editOneText(files, rng, () => {
      const text = rng.pick(EMPTY_TEXTS);
      return { text, what: `replaced by ${JSON.stringify(text)}` };
    }),
};

const shebang: Mutator = {
  name: 'shebang',
  weight: 1,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const line = rng.pick(['#!/usr/bin/env node', '#!', '#!/usr/bin/env node\r', '#! node --stack-size=10']);
      const at = rng.chance(0.8) ? 0 : lineStarts(text)[1] ?? 0;
      return { text: splice(text, at, at, `${line}\n`), what: `shebang ${JSON.stringify(line)} at ${at}` };
    }),
};

export const textMutators: readonly Mutator[] = [charFlips, byteFlips, tokenDelete, tokenDuplicate, tokenSwap, lineEdit, truncate, unicode, lineEndings, nulBytes, longLine, empty, shebang];
