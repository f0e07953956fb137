/**
 * Mutators that know the shape of the code: deep nesting, extreme values in model configurations,
 * code that would run forever or recurse, and code spliced in from other sample files.
 */
import { parseTree, scanTokens, ts } from '../corpus';
import type { Random } from '../prng';
import { editOneText, randomLineStart, repeat, splice, type Mutator } from './mutator';

interface NestingForm {
  readonly name: string;
  /** 'statement' forms go at the start of a line; 'expression' forms anywhere a value can. */
  readonly place: 'statement' | 'expression';
  build(depth: number): string;
}

const NESTING_FORMS: readonly NestingForm[] = [
  { name: 'parentheses', place: 'expression', build: (n) => `${repeat('(', n)}1${repeat(')', n)}` },
  { name: 'brackets', place: 'expression', build: (n) => `${repeat('[', n)}1${repeat(']', n)}` },
  { name: 'object literals', place: 'expression', build: (n) => `${repeat('{ a: ', n)}1${repeat(' }', n)}` },
  { name: 'arrow functions', place: 'expression', build: (n) => `${repeat('() => ', n)}1` },
  { name: 'called arrow functions', place: 'expression', build: (n) => `${repeat('(() => ', n)}1${repeat(')()', n)}` },
  { name: 'ternaries', place: 'expression', build: (n) => `${repeat('x ? 1 : ', n)}2` },
  { name: 'nested ternaries', place: 'expression', build: (n) => `${repeat('(x ? ', n)}1${repeat(' : 2)', n)}` },
  { name: 'calls', place: 'expression', build: (n) => `${repeat('f(', n)}${repeat(')', n)}` },
  { name: 'unary minus', place: 'expression', build: (n) => `${repeat('- ', n)}1` },
  { name: 'negations', place: 'expression', build: (n) => `${repeat('!', n)}x` },
  { name: 'template literals', place: 'expression', build: (n) => `${repeat('`${', n)}1${repeat('}`', n)}` },
  { name: 'sums', place: 'expression', build: (n) => `1${repeat(' + 1', n)}` },
  { name: 'member chain', place: 'expression', build: (n) => `tf${repeat('.layers', n)}` },
  { name: 'layer applications', place: 'expression', build: (n) => `${repeat('tf.layers.dense({ units: 4 }).apply(', n)}tf.input({ shape: [4] })${repeat(')', n)}` },
  { name: 'sequential layers', place: 'expression', build: (n) => `${repeat('tf.sequential({ layers: [', n)}${repeat('] })', n)}` },
  { name: 'classes', place: 'expression', build: (n) => `${repeat('class { m() { return ', n)}1${repeat(' } }', n)}` },
  { name: 'JSX elements', place: 'expression', build: (n) => `${repeat('<a>', n)}${repeat('</a>', n)}` },
  { name: 'functions', place: 'statement', build: (n) => `${repeat('function f() { ', n)}${repeat('}', n)}` },
  { name: 'blocks', place: 'statement', build: (n) => `${repeat('{', n)}${repeat('}', n)}` },
  { name: 'if statements', place: 'statement', build: (n) => `${repeat('if (x) ', n)}model.add(tf.layers.dense({ units: 1 }));` },
  { name: 'loops', place: 'statement', build: (n) => `${repeat('for (;;) ', n)}break;` },
];

/**
 * Hundreds to thousands of nested brackets, functions or conditions, closed or left open (half-typed).
 * Deep enough, some of them overflow the stack of a recursive parser or tree walker.
 */
const deepNesting: Mutator = {
  name: 'deep-nesting',
  weight: 2,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const form = rng.pick(NESTING_FORMS);
      const depth = rng.logBetween(100, 5000);
      let code = form.build(depth);
      const open = rng.chance(0.15);
      if (open) code = code.slice(0, Math.ceil(code.length / 2));
      const numbers = scanTokens(text).filter((token) => token.kind === ts.SyntaxKind.NumericLiteral);
      if (form.place === 'expression' && numbers.length > 0 && rng.chance(0.5)) {
        const target = rng.pick(numbers);
        return { text: splice(text, target.start, target.end, code), what: `${depth} nested ${form.name}${open ? ' (unclosed)' : ''} for the literal at ${target.start}` };
      }
      const at = randomLineStart(text, rng);
      const statement = form.place === 'statement' ? code : `const nested = ${code};`;
      return { text: splice(text, at, at, `${statement}\n`), what: `${depth} nested ${form.name}${open ? ' (unclosed)' : ''} at ${at}` };
    }),
};

const EXTREME_VALUES = [
  '0', '-1', '-0', '0.5', '1e309', '-1e309', '1e308', '5e-324', 'NaN', 'Infinity', '-Infinity', '9007199254740993',
  '2147483648', '4294967296', '0x7fffffff', '1_000_000_000', '9007199254740993n', '2 ** 64', '1 / 0', '0 / 0',
  'Number.MAX_VALUE', 'Number.MIN_VALUE', 'null', 'undefined', "''", "'relu'", 'true', '{}', '[]', '[0]', '[-1]',
  '[0, 0]', '[1e9, 1e9, 1e9]', '[NaN]', '[Infinity, 1]', '[,]', '[...[]]', '[[[[1]]]]', '[-1, 28, 28, 1]', "['28']",
];

const CONFIG_KEYS = [
  'units', 'filters', 'kernelSize', 'poolSize', 'strides', 'inputShape', 'batchInputShape', 'inputDim', 'outputDim',
  'rate', 'epochs', 'batchSize', 'learningRate', 'validationSplit', 'targetShape', 'dims', 'axis', 'momentum',
  'epsilon', 'l1', 'l2', 'dilationRate', 'activation', 'loss', 'optimizer', 'kernelInitializer', 'useBias', 'trainable',
];

function extremeValue(rng: Random): string {
  if (rng.chance(0.1)) return `[${repeat('1, ', rng.logBetween(10, 100_000))}]`;
  if (rng.chance(0.05)) return `${repeat('9', rng.logBetween(20, 5000))}`;
  return rng.pick(EXTREME_VALUES);
}

/** Where values go: literals in object literals and call arguments, and object literals themselves. */
function valueSites(tree: ts.SourceFile): { literals: { start: number; end: number }[]; objects: number[] } {
  const literals: { start: number; end: number }[] = [];
  const objects: number[] = [];
  const isValue = (node: ts.Node): boolean =>
    ts.isNumericLiteral(node) || ts.isArrayLiteralExpression(node) || ts.isStringLiteral(node) || ts.isPrefixUnaryExpression(node) || ts.isIdentifier(node);
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && isValue(node.initializer)) literals.push({ start: node.initializer.getStart(), end: node.initializer.getEnd() });
    else if (ts.isCallExpression(node)) {
      for (const argument of node.arguments) if (ts.isNumericLiteral(argument) || ts.isArrayLiteralExpression(argument)) literals.push({ start: argument.getStart(), end: argument.getEnd() });
    } else if (ts.isNumericLiteral(node) && !ts.isPropertyAssignment(node.parent)) literals.push({ start: node.getStart(), end: node.getEnd() });
    if (ts.isObjectLiteralExpression(node)) objects.push(node.getStart() + 1);
    ts.forEachChild(node, visit);
  };
  try {
    visit(tree);
  } catch {
    // A tree too deep to walk: use what was found so far.
  }
  return { literals, objects };
}

/** units: 0, kernelSize: 1e9, inputShape: [] and friends, in place of the configuration's values or added to it. */
const extremeLiterals: Mutator = {
  name: 'extreme-literals',
  weight: 4,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text, path) => {
      const tree = parseTree(path, text);
      if (!tree) return undefined;
      const { literals, objects } = valueSites(tree);
      if (literals.length === 0 && objects.length === 0) return undefined;
      const edits: { start: number; end: number; text: string }[] = [];
      const count = rng.between(1, 5);
      for (let i = 0; i < count; i++) {
        if (literals.length > 0 && (objects.length === 0 || rng.chance(0.7))) {
          const site = rng.pick(literals);
          edits.push({ ...site, text: extremeValue(rng) });
        } else {
          const at = rng.pick(objects);
          edits.push({ start: at, end: at, text: ` ${rng.pick(CONFIG_KEYS)}: ${extremeValue(rng)},` });
        }
      }
      edits.sort((a, b) => b.start - a.start);
      let result = text;
      let limit = Number.POSITIVE_INFINITY;
      const applied: string[] = [];
      for (const edit of edits) {
        if (edit.end > limit) continue;
        result = splice(result, edit.start, edit.end, edit.text);
        limit = edit.start;
        applied.push(edit.text.length > 40 ? `${edit.text.slice(0, 40)}...` : edit.text);
      }
      return { text: result, what: `values ${applied.map((value) => JSON.stringify(value)).join(', ')}` };
    }),
};

const EXPENSIVE_CODE = [
  'for (let i = 0; i < 1e9; i++) model.add(tf.layers.dense({ units: 8 }));',
  'for (let i = 0; i < 100000; i++) { model.add(tf.layers.dense({ units: i + 1 })); }',
  'for (let i = 0; i < 5000; i++) { const t = tf.tensor1d([i]); t.add(1); }',
  'while (true) {}',
  'for (;;) { counter++; }',
  'let n = 0; do { n++; } while (n >= 0);',
  'const big = tf.zeros([1e9, 1e9, 1e9]);',
  'const many = Array.from({ length: 1e9 }, (_, i) => i);',
  "const wide = 'x'.repeat(2 ** 30);",
  'for (const unit of new Array(1e7).fill(1)) model.add(tf.layers.dense({ units: unit }));',
  'const grid = tf.ones([4096, 4096]).matMul(tf.ones([4096, 4096]));',
  'for (let i = 0; i < 1e6; i++) for (let j = 0; j < 1e6; j++) total += i * j;',
];

const RECURSION = [
  'function again(n) { return again(n + 1); }\nagain(0);',
  'function makeModel(depth) { const model = makeModel(depth + 1); model.add(tf.layers.dense({ units: depth })); return model; }\nconst looped = makeModel(0);',
  'const ping = (n) => pong(n + 1);\nconst pong = (n) => ping(n * 2);\nping(1);',
  'class Chain { constructor() { this.next = new Chain(); } }\nnew Chain();',
  'const cyclic = { get value() { return cyclic.value; } };\ncyclic.value;',
  'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nconst fibUnits = fib(40);\nmodel.add(tf.layers.dense({ units: fibUnits }));',
  'function layers(n) { return n === 0 ? [] : [tf.layers.dense({ units: n }), ...layers(n - 1)]; }\nconst stacked = tf.sequential({ layers: layers(20000) });',
  'const selfCall = () => selfCall();\nselfCall();',
  'function twice(f) { return (x) => f(f(x)); }\nconst boom = twice(twice(twice(twice(twice(twice(twice(twice((x) => x + 1))))))));\nboom(0);',
];

/** Loops with enormous or unknown bounds and endless recursion: an interpreter that unrolls loops or follows calls must stop. */
const expensiveCode: Mutator = {
  name: 'expensive-code',
  weight: 2,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const snippet = rng.chance(0.5) ? rng.pick(EXPENSIVE_CODE) : rng.pick(RECURSION);
      const at = randomLineStart(text, rng);
      return { text: splice(text, at, at, `${snippet}\n`), what: `${JSON.stringify(snippet.split('\n')[0])} at ${at}` };
    }),
};

/** Hundreds of layers: a copied model.add or layer line, many times. */
const manyLayers: Mutator = {
  name: 'many-layers',
  weight: 1,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const lines = text.split('\n');
      const layerLines = lines.flatMap((line, index) => (/tf\.layers\.|\.add\(/.test(line) ? [index] : []));
      if (layerLines.length === 0) return undefined;
      const index = rng.pick(layerLines);
      const times = rng.logBetween(2, 3000);
      lines.splice(index, 0, ...Array.from({ length: times }, () => lines[index]!));
      return { text: lines.join('\n'), what: `line ${index + 1} repeated ${times} times` };
    }),
};

const WRAPPERS: readonly [string, string][] = [
  ['function wrapper() {\n', '\n}\n'],
  ['export default async function () {\n', '\n}\n'],
  ['class Wrapper {\n  method() {\n', '\n  }\n}\n'],
  ['if (Math.random() > 0.5) {\n', '\n}\n'],
  ['(async () => {\n', '\n})();\n'],
  ['for (let epoch = 0; epoch < 1e9; epoch++) {\n', '\n}\n'],
  ['while (true) {\n', '\n}\n'],
  ['try {\n', '\n} catch (error) {\n  console.error(error);\n}\n'],
  ['label: {\n', '\n}\n'],
  ['switch (mode) {\n  case 1:\n', '\n}\n'],
  ['namespace Wrapped {\n', '\n}\n'],
  ['tf.tidy(() => {\n', '\n});\n'],
  ['with (tf) {\n', '\n}\n'],
  ['/*\n', '\n'],
  ['`\n', '\n`;\n'],
];

/** The whole file moved inside a function, class, loop, condition, comment or string. */
const wrap: Mutator = {
  name: 'wrap',
  weight: 1,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const [before, after] = rng.pick(WRAPPERS);
      const times = rng.chance(0.2) ? rng.logBetween(2, 50) : 1;
      return { text: repeat(before, times) + text + repeat(after, times), what: `wrapped ${times} times in ${JSON.stringify(before.trim())}` };
    }),
};

/** Names from other sample files in place of this file's names. */
const spliceIdentifiers: Mutator = {
  name: 'splice-identifiers',
  weight: 2,
  apply: (files, { rng, corpus }) =>
    editOneText(files, rng, (text) => {
      const identifiers = scanTokens(text).filter((token) => token.kind === ts.SyntaxKind.Identifier);
      if (identifiers.length === 0) return undefined;
      const count = rng.logBetween(1, 30);
      const chosen = [...new Set(Array.from({ length: count }, () => rng.pick(identifiers)))].sort((a, b) => b.start - a.start);
      let result = text;
      for (const token of chosen) result = splice(result, token.start, token.end, rng.pick(corpus.identifiers));
      return { text: result, what: `${chosen.length} identifiers replaced` };
    }),
};

/** Lines or whole files from other samples, inserted or merged. */
const spliceCode: Mutator = {
  name: 'splice-code',
  weight: 2,
  apply: (files, { rng, corpus }) =>
    editOneText(files, rng, (text) => {
      const lines = text.split('\n');
      const mode = rng.pick(['lines', 'half', 'file'] as const);
      if (mode === 'lines') {
        const count = rng.logBetween(1, 20);
        for (let i = 0; i < count; i++) lines.splice(rng.int(lines.length + 1), 0, rng.pick(corpus.lines));
        return { text: lines.join('\n'), what: `${count} lines from other samples` };
      }
      const other = rng.pick(corpus.files);
      if (mode === 'file') return { text: rng.chance(0.5) ? `${text}\n${other.text}` : `${other.text}\n${text}`, what: `${other.path} added` };
      const otherLines = other.text.split('\n');
      const merged = [...lines.slice(0, rng.int(lines.length + 1)), ...otherLines.slice(rng.int(otherLines.length + 1))];
      return { text: merged.join('\n'), what: `first part joined to the end of ${other.path}` };
    }),
};

const DISABLE_COMMENTS = [
  '// tfjs-doctor-disable-next-line',
  '// tfjs-doctor-disable-next-line not-a-rule',
  '// tfjs-doctor-disable-next-line missing-bias, , ,softmax-with-binary-crossentropy --',
  '// tfjs-doctor-disable-line missing-bias',
  '/* tfjs-doctor-disable */',
  '/* tfjs-doctor-disable',
  '/* tfjs-doctor-disable missing-bias */ /* tfjs-doctor-disable-next-line */',
  '// tfjs-doctor-disable-next-line ' + repeat('missing-bias,', 500),
  "const s = '// tfjs-doctor-disable-next-line missing-bias';",
  '// tfjs-doctor-disable-next-line\r',
  '//tfjs-doctor-disable-next-line\u2028missing-bias',
];

const disableComments: Mutator = {
  name: 'disable-comments',
  weight: 1,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const count = rng.between(1, 6);
      let result = text;
      for (let i = 0; i < count; i++) {
        const at = rng.chance(0.7) ? randomLineStart(result, rng) : rng.int(result.length + 1);
        result = splice(result, at, at, `${rng.pick(DISABLE_COMMENTS)}\n`);
      }
      return { text: result, what: `${count} disable comments` };
    }),
};

const SYNTAX_VARIETY = [
  '@decorator class Decorated { @field accessor x = 1; }',
  'enum Classes { Cat, Dog = 5, Bird = Dog * 2 }\nmodel.add(tf.layers.dense({ units: Classes.Bird }));',
  'declare module "x" { export const units: number; }',
  'abstract class Base<T extends tf.LayersModel = tf.Sequential> { abstract build(): T; }',
  'function overload(x: number): number;\nfunction overload(x: any) { return x; }',
  'import type { Tensor } from "@tensorflow/tfjs";',
  'import fs = require("fs");\nexport = model;',
  'const units = 10 satisfies number;\nconst hidden = <number>units as unknown as number;',
  'using handle = { [Symbol.dispose]() {} };',
  'const element = <div className={`${model}`}>{tf.version}</div>;',
  'label: for (const x of [1, 2, 3]) { continue label; }',
  'const { a = 1, ...rest } = { a: undefined, b: 2 }, [first, , third = 3] = [];',
  'export * as everything from "./model";\nexport { default } from "./train";',
  'const model = await import("./model");',
  'const re = /(?<name>[a-z]+)\\k<name>/giu;',
  'let x = a?.b?.[c]?.(d) ?? e ||= f &&= g;',
  'const big = 123n ** 456n;',
  '#!/not/at/the/start',
  '<<<<<<< HEAD\nconst units = 1;\n=======\nconst units = 2;\n>>>>>>> branch',
];

/** Constructs the sample files do not use: TypeScript-only syntax in JavaScript, JSX, decorators, conflict markers. */
const syntaxVariety: Mutator = {
  name: 'syntax-variety',
  weight: 1,
  apply: (files, { rng }) =>
    editOneText(files, rng, (text) => {
      const snippet = rng.pick(SYNTAX_VARIETY);
      const at = randomLineStart(text, rng);
      return { text: splice(text, at, at, `${snippet}\n`), what: `${JSON.stringify(snippet.split('\n')[0])} at ${at}` };
    }),
};

export const structureMutators: readonly Mutator[] = [deepNesting, extremeLiterals, expensiveCode, manyLayers, wrap, spliceIdentifiers, spliceCode, disableComments, syntaxVariety];
