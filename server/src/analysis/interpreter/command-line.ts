import type { Span } from '../../../../rules/core/span';
import type { ArrayValue, ObjectValue, Primitive, UnknownValue, Value } from '../../../../rules/core/values';
import { primitive, unknown } from '../../../../rules/core/values';

/**
 * Command-line options, as the parsing libraries scripts use declare them: argparse (its 1.x
 * `addArgument` and 2.x `add_argument`), yargs, commander, minimist and node's `util.parseArgs`.
 *
 * What a parsed option holds is known only when the script runs, so it reads as unknown. The overfit
 * check's static build runs the code again as the script runs without arguments: each option the
 * code gives a default then holds it (`defaults`), which resolves the choices the code makes on its
 * options (a model type, a layer size), as execute mode would. An option with no default the code
 * writes out stays unknown in that run too.
 */
export type CommandLineLibrary = 'argparse' | 'yargs' | 'commander' | 'minimist' | 'node:util';

/** An option a parser of the code declares. */
export interface CommandLineOption {
  readonly library: CommandLineLibrary;
  /** Where the parsed result has it (`modelType`, `model_type`). */
  readonly key: string;
  /** As a user writes it (`--modelType`). */
  readonly flag: string;
  /** The declaration. */
  readonly span: Span;
  /**
   * What the script gets when the command line leaves the option out, when the code says so: the
   * default it declares, or the value the library gives a flag that is left out (`false` for
   * argparse's `storeTrue`, `true` for commander's `--no-x`).
   */
  readonly absent?: { readonly value: Primitive; readonly span?: Span };
}

/** A parser's options, shared with its argument groups. */
interface Declarations {
  readonly options: CommandLineOption[];
  /** argparse's `set_defaults`: they win over the defaults of the options themselves. */
  readonly parserDefaults: Map<string, { readonly value: Primitive; readonly span: Span }>;
}

/** What a value of a parsing library is. */
type Role =
  | { readonly role: 'module'; readonly library: CommandLineLibrary }
  | { readonly role: 'parser-class'; readonly library: 'argparse' | 'commander' }
  /** A function that makes a parser (`yargs()`, `require('yargs/yargs')`, commander's `createCommand`). */
  | { readonly role: 'parser-factory'; readonly library: 'yargs' | 'commander' }
  | { readonly role: 'parser'; readonly library: 'argparse' | 'yargs' | 'commander'; readonly declarations: Declarations }
  | { readonly role: 'parse-function'; readonly library: 'minimist' | 'node:util' };

/** The library a module specifier loads, if it is one the analysis follows. */
export function commandLineLibrary(specifier: string): { library: CommandLineLibrary; factory?: boolean } | undefined {
  switch (specifier) {
    case 'argparse':
      return { library: 'argparse' };
    case 'yargs':
      return { library: 'yargs' };
    case 'yargs/yargs':
      return { library: 'yargs', factory: true };
    case 'commander':
      return { library: 'commander' };
    case 'minimist':
      return { library: 'minimist' };
    case 'util':
    case 'node:util':
      return { library: 'node:util' };
    default:
      return undefined;
  }
}

const ARGPARSE_DECLARE = new Set(['addArgument', 'add_argument']);
const ARGPARSE_GROUP = new Set(['addArgumentGroup', 'add_argument_group', 'addMutuallyExclusiveGroup', 'add_mutually_exclusive_group']);
const ARGPARSE_DEFAULTS = new Set(['setDefaults', 'set_defaults']);
const ARGPARSE_PARSE = new Set(['parseArgs', 'parse_args']);
const ARGPARSE_PARSE_KNOWN = new Set(['parseKnownArgs', 'parse_known_args']);
/** commander methods that give something else than the command: a subcommand, text. */
const COMMANDER_NOT_CHAINED = new Set(['command', 'createCommand', 'createOption', 'createArgument', 'getOptionValueSource', 'helpInformation', 'outputHelp', 'help']);
/** commander methods that set something with an argument and read it without one. */
const COMMANDER_GETTERS = new Set(['name', 'description', 'summary', 'version', 'usage', 'alias', 'aliases']);

/** Whether a parser method gives the parser back, so that a chain of calls goes on configuring it. */
function chains(library: 'yargs' | 'commander', name: string, args: readonly Value[]): boolean {
  if (library === 'yargs') return !/^get[A-Z]/.test(name) && name !== 'exit' && name !== 'terminalWidth';
  return !COMMANDER_NOT_CHAINED.has(name) && !(COMMANDER_GETTERS.has(name) && args.length === 0);
}

/**
 * The command-line parsers of one run: which values are parts of a parsing library, the options the
 * parsers declare, and which of them the code reads.
 */
export class CommandLineParsers {
  /** The parsed results, and the options each holds by key. */
  private readonly results = new WeakMap<object, Map<string, CommandLineOption>>();
  /** Each library module as `require` gives it, once per run: Node loads a module once. */
  private readonly modules = new Map<string, UnknownValue>();
  /** Options the code read from a parsed result, in the order first read. */
  readonly read: CommandLineOption[] = [];
  /** The options of every result the code parsed. */
  readonly parsed: CommandLineOption[] = [];

  /** `defaults`: options hold what the script gets without arguments (see the module comment). */
  constructor(readonly defaults: boolean) {}

  /** The value of `require(specifier)` or of an import of it, for a library this follows. */
  module(specifier: string, span: Span | undefined): Value | undefined {
    const known = commandLineLibrary(specifier);
    if (!known) return undefined;
    const cached = this.modules.get(specifier);
    if (cached) return cached;
    let value: UnknownValue;
    if (known.factory) value = this.make({ role: 'parser-factory', library: 'yargs' }, `the module ${specifier}`, span);
    // yargs and commander 2-6 are a parser themselves (`require('yargs').option(...)`, `program.option(...)`).
    else if (known.library === 'yargs' || known.library === 'commander') value = this.newParser(known.library, span, `the module ${specifier}`);
    else if (known.library === 'minimist') value = this.make({ role: 'parse-function', library: 'minimist' }, 'minimist', span);
    else value = this.make({ role: 'module', library: known.library }, `the module ${specifier}`, span);
    this.modules.set(specifier, value);
    return value;
  }

  /** A member of a library value; undefined when it is none this reads. */
  member(value: Value, key: string, span: Span | undefined): Value | undefined {
    const role = roleOf(value);
    if (!role) return undefined;
    if (role.role === 'module') {
      if (role.library === 'argparse' && key === 'ArgumentParser') return this.make({ role: 'parser-class', library: 'argparse' }, 'argparse.ArgumentParser', span);
      if (role.library === 'node:util' && key === 'parseArgs') return this.make({ role: 'parse-function', library: 'node:util' }, 'util.parseArgs', span);
      return undefined;
    }
    if (role.role === 'parser' && role.library === 'commander') {
      if (key === 'program') return value;
      if (key === 'Command') return this.make({ role: 'parser-class', library: 'commander' }, 'commander.Command', span);
      if (key === 'createCommand') return this.make({ role: 'parser-factory', library: 'commander' }, 'commander.createCommand', span);
      // Commander before 7 keeps the options on the program itself.
      return this.readOption(role.declarations, key);
    }
    if (role.role === 'parser' && role.library === 'yargs' && key === 'argv') return this.result(role.declarations);
    return undefined;
  }

  /** A call of a library value (`yargs(...)`, `minimist(...)`, `parseArgs(...)`); undefined when not one. */
  call(fn: Value, args: readonly Value[], span: Span | undefined): Value | undefined {
    const role = roleOf(fn);
    if (!role) return undefined;
    if (role.role === 'parser-factory' || (role.role === 'parser' && role.library === 'yargs')) return this.newParser(role.library, span, role.library);
    if (role.role !== 'parse-function') return undefined;
    if (role.library === 'minimist') return this.minimist(args[1], span);
    const declarations = newDeclarations();
    const config = args[0];
    const options = config?.kind === 'object' ? config.props.get('options')?.value : undefined;
    if (options?.kind === 'object') {
      for (const [key, property] of options.props) {
        const spec = property.value;
        const at = property.span ?? span;
        if (spec.kind !== 'object' || !at) continue;
        const declared = spec.props.get('default');
        const absent = declared ? known(declared.value) : undefined;
        declarations.options.push({ library: 'node:util', key, flag: `--${key}`, span: at, ...(absent ? { absent } : {}) });
      }
    }
    const values = this.result(declarations);
    const positionals = unknown('the positional arguments of the command line', span);
    return { kind: 'object', props: new Map([['values', { value: values }], ['positionals', { value: positionals }]]), complete: false, ...(span ? { span } : {}) };
  }

  /** `new` of a library value (`new ArgumentParser()`, `new Command()`); undefined when not one. */
  construct(fn: Value, span: Span | undefined): Value | undefined {
    const role = roleOf(fn);
    if (role?.role !== 'parser-class') return undefined;
    return this.newParser(role.library, span, role.library === 'argparse' ? 'an argument parser' : 'a command');
  }

  /** A method of a parser; undefined when the receiver is none or the method is not one this reads. */
  method(receiver: Value, name: string, args: readonly Value[], argSpans: readonly (Span | undefined)[], span: Span | undefined): Value | undefined {
    const role = roleOf(receiver);
    if (role?.role !== 'parser') return undefined;
    const declarations = role.declarations;
    switch (role.library) {
      case 'argparse':
        if (ARGPARSE_DECLARE.has(name)) {
          argparseOption(declarations, name === 'add_argument', args, argSpans, span);
          return unknown('an argparse action', span);
        }
        if (ARGPARSE_GROUP.has(name)) return this.make({ role: 'parser', library: 'argparse', declarations }, 'an argument group', span);
        if (ARGPARSE_DEFAULTS.has(name)) {
          const values = args[0];
          if (values?.kind === 'object') {
            for (const [key, property] of values.props) {
              const value = known(property.value);
              const at = property.span ?? span;
              if (value && at) declarations.parserDefaults.set(key, { value: value.value, span: value.span ?? at });
            }
          }
          return primitive(undefined);
        }
        if (ARGPARSE_PARSE.has(name)) return this.result(declarations);
        if (ARGPARSE_PARSE_KNOWN.has(name)) {
          const pair: ArrayValue = { kind: 'array', elements: [this.result(declarations), unknown('the arguments argparse did not know', span)], complete: true };
          return pair;
        }
        return undefined;
      case 'yargs':
        if (name === 'option' || name === 'options') {
          yargsOptions(declarations, args, argSpans, span);
          return receiver;
        }
        if (name === 'alias') {
          yargsAliases(declarations, args);
          return receiver;
        }
        if (name === 'default' || name === 'defaults') {
          if (args[0]?.kind === 'object') {
            for (const [key, property] of args[0].props) setDefault(declarations, 'yargs', key, property.value, property.span ?? span);
          } else setDefault(declarations, 'yargs', stringOf(args[0]), args[1], argSpans[0] ?? span);
          return receiver;
        }
        // A list the code writes out is parsed instead of the command line: not known here.
        if (name === 'parse' || name === 'parseSync' || name === 'parseAsync') {
          if (args[0] !== undefined && args[0].kind !== 'unknown') return undefined;
          const result = this.result(declarations);
          return name === 'parseAsync' ? { kind: 'promise', value: result } : result;
        }
        return chains('yargs', name, args) ? receiver : undefined;
      case 'commander':
        if (name === 'option' || name === 'requiredOption') {
          commanderOption(declarations, args, argSpans, span);
          return receiver;
        }
        if (name === 'opts' || name === 'optsWithGlobals') return this.result(declarations);
        if (name === 'getOptionValue') {
          const key = stringOf(args[0]);
          return key !== undefined ? this.readOption(declarations, key) : undefined;
        }
        if (name === 'parse') return receiver;
        if (name === 'parseAsync') return { kind: 'promise', value: receiver };
        return chains('commander', name, args) ? receiver : undefined;
    }
  }

  /** Notes that the code reads `key` of an object: an option when the object is a parsed result. */
  noteRead(object: ObjectValue, key: string): void {
    const option = this.results.get(object)?.get(key);
    if (option && !this.read.includes(option)) this.read.push(option);
  }

  /** Notes that `copy` holds the entries of `source` (`{ ...args }`): when `source` is a parsed result, reads of them are reads of its options. */
  noteCopy(source: Value, copy: ObjectValue): void {
    const options = source.kind === 'object' ? this.results.get(source) : undefined;
    if (!options) return;
    this.results.set(copy, new Map([...(this.results.get(copy) ?? []), ...options]));
  }

  private make(role: Role, reason: string, span: Span | undefined): UnknownValue {
    // The role goes with the value, and with the copies the evaluator makes of it to name it.
    return { ...unknown(reason, span), commandLine: role };
  }

  private newParser(library: 'argparse' | 'yargs' | 'commander', span: Span | undefined, reason: string): UnknownValue {
    return this.make({ role: 'parser', library, declarations: newDeclarations() }, reason, span);
  }

  /** The options of a parser as a parse gives them, by key: a later declaration of a key wins, and argparse's set_defaults over both. */
  private byKey(declarations: Declarations): Map<string, CommandLineOption> {
    const byKey = new Map<string, CommandLineOption>();
    for (const option of declarations.options) byKey.set(option.key, option);
    for (const [key, value] of declarations.parserDefaults) {
      const option = byKey.get(key);
      byKey.set(key, { library: 'argparse', key, flag: option?.flag ?? `--${key}`, span: option?.span ?? value.span, absent: value });
    }
    return byKey;
  }

  /** What a parse gives: an object with an entry per option, holding what the run assumes of it. */
  private result(declarations: Declarations): ObjectValue {
    const byKey = this.byKey(declarations);
    const props = new Map<string, { value: Value }>();
    for (const [key, option] of byKey) {
      props.set(key, { value: this.optionValue(option) });
      if (!this.parsed.includes(option)) this.parsed.push(option);
    }
    // yargs and minimist also give the positional arguments (`_`), and every library gives more than
    // the code declares when it is told to (unknown options, subcommands): the object is never complete.
    const result: ObjectValue = { kind: 'object', props, complete: false };
    this.results.set(result, byKey);
    return result;
  }

  /** An option read straight from a parser (commander before 7); undefined when it declares none of that key. */
  private readOption(declarations: Declarations, key: string): Value | undefined {
    const option = this.byKey(declarations).get(key);
    if (!option) return undefined;
    if (!this.parsed.includes(option)) this.parsed.push(option);
    if (!this.read.includes(option)) this.read.push(option);
    return this.optionValue(option);
  }

  private optionValue(option: CommandLineOption): Value {
    if (this.defaults && option.absent) return primitive(option.absent.value, option.absent.span ?? option.span);
    return { ...unknown(`the command-line option ${option.flag}`, option.span, option.key), option: option.flag };
  }

  private minimist(config: Value | undefined, span: Span | undefined): ObjectValue {
    const declarations = newDeclarations();
    if (config?.kind === 'object') {
      const defaults = config.props.get('default')?.value;
      if (defaults?.kind === 'object') for (const [key, property] of defaults.props) setDefault(declarations, 'minimist', key, property.value, property.span ?? span);
      // minimist gives a boolean flag left out `false`.
      const booleans = config.props.get('boolean')?.value;
      const names = booleans?.kind === 'array' ? booleans.elements.map(stringOf) : [stringOf(booleans)];
      const at = booleans?.span ?? span;
      for (const name of names) {
        if (name !== undefined && at && !declarations.options.some((option) => option.key === name)) declarations.options.push({ library: 'minimist', key: name, flag: `--${name}`, span: at, absent: { value: false } });
      }
    }
    return this.result(declarations);
  }
}

function newDeclarations(): Declarations {
  return { options: [], parserDefaults: new Map() };
}

function roleOf(value: Value | undefined): Role | undefined {
  return value?.kind === 'unknown' ? (value.commandLine as Role | undefined) : undefined;
}

function stringOf(value: Value | undefined): string | undefined {
  return value?.kind === 'primitive' && typeof value.value === 'string' ? value.value : undefined;
}

/**
 * A declared default the code writes out, converted as argparse converts a string default by the
 * option's type; undefined when the default is not known (or not a number, string, boolean or null).
 */
function known(value: Value | undefined, type?: string): { value: Primitive; span?: Span } | undefined {
  if (value?.kind !== 'primitive' || value.value === undefined) return undefined;
  let result = value.value;
  if (typeof result === 'string' && (type === 'int' || type === 'float')) {
    result = type === 'int' ? Number.parseInt(result, 10) : Number.parseFloat(result);
    if (Number.isNaN(result)) return undefined;
  }
  return { value: result, ...(value.span ? { span: value.span } : {}) };
}

/** yargs' `.default(key, value)`, minimist's `default`: the default of an option, declared or not. */
function setDefault(declarations: Declarations, library: CommandLineLibrary, key: string | undefined, value: Value | undefined, span: Span | undefined): void {
  const absent = known(value);
  if (key === undefined || !span || !absent) return;
  const index = declarations.options.findIndex((option) => option.key === key);
  const option: CommandLineOption = { library, key, flag: index >= 0 ? declarations.options[index]!.flag : `--${key}`, span: index >= 0 ? declarations.options[index]!.span : span, absent };
  if (index >= 0) declarations.options[index] = option;
  else declarations.options.push(option);
}

/** argparse's `addArgument(flags, options)` (1.x: flags a string or a list) and `add_argument(...flags, options)` (2.x). */
function argparseOption(declarations: Declarations, v2: boolean, args: readonly Value[], argSpans: readonly (Span | undefined)[], span: Span | undefined): void {
  const flags: string[] = [];
  let options: ObjectValue | undefined;
  for (const [index, arg] of args.entries()) {
    const flag = stringOf(arg);
    if (flag !== undefined) flags.push(flag);
    else if (arg.kind === 'array' && index === 0) flags.push(...arg.elements.flatMap((element) => stringOf(element) ?? []));
    else if (arg.kind === 'object') options = arg;
    else return;
  }
  const at = argSpans[0] ?? span;
  if (flags.length === 0 || !at) return;
  const property = (name: string) => options?.props.get(name)?.value;
  const dest = stringOf(property('dest'));
  const long = flags.find((flag) => flag.startsWith('--')) ?? flags.find((flag) => flag.startsWith('-'));
  // A positional argument's name is its key as written; an option's drops its dashes and reads `-` as `_`.
  const key = dest ?? (long === undefined ? flags[0]! : long.replace(/^-+/, '').replace(/-/g, '_'));
  const action = stringOf(property('action'));
  const declared = options?.props.get(v2 ? 'default' : 'defaultValue') ?? options?.props.get('default');
  let absent: CommandLineOption['absent'];
  if (declared) absent = known(declared.value, stringOf(property('type')));
  else if (action === 'storeTrue' || action === 'store_true') absent = { value: false };
  else if (action === 'storeFalse' || action === 'store_false') absent = { value: true };
  declarations.options.push({ library: 'argparse', key, flag: long ?? key, span: at, ...(absent ? { absent } : {}) });
}

/** `--batch-size` → `batchSize`, as yargs and commander name a dashed option in the result. */
function camelCase(name: string): string {
  return name.replace(/-+([a-zA-Z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** yargs' `.option(key, spec)` and `.options({ key: spec })`. */
function yargsOptions(declarations: Declarations, args: readonly Value[], argSpans: readonly (Span | undefined)[], span: Span | undefined): void {
  const declare = (key: string | undefined, spec: Value | undefined, at: Span | undefined) => {
    if (key === undefined || !at) return;
    const config = spec?.kind === 'object' ? spec : undefined;
    const declared = config?.props.get('default');
    const absent = declared ? known(declared.value) : undefined;
    const names = [key, ...aliasNames(config?.props.get('alias')?.value)];
    // yargs gives each option under its name, its camel-case name and its aliases: one declaration, several keys.
    for (const name of new Set(names.flatMap((name) => [name, camelCase(name)]))) {
      declarations.options.push({ library: 'yargs', key: name, flag: `--${key}`, span: at, ...(absent ? { absent } : {}) });
    }
  };
  const first = args[0];
  if (first?.kind === 'object') {
    for (const [key, property] of first.props) declare(key, property.value, property.span ?? argSpans[0] ?? span);
  } else declare(stringOf(first), args[1], argSpans[0] ?? span);
}

/** The names of an alias argument: one name, or a list of them. */
function aliasNames(value: Value | undefined): string[] {
  if (value?.kind === 'array') return value.elements.flatMap((alias) => stringOf(alias) ?? []);
  const one = stringOf(value);
  return one !== undefined ? [one] : [];
}

/** yargs' `.alias(key, alias)` and `.alias({ key: [aliases] })`: the option, under more names (and their camel-case forms). */
function yargsAliases(declarations: Declarations, args: readonly Value[]): void {
  const pairs: [string, string[]][] = args[0]?.kind === 'object' ? [...args[0].props].map(([key, property]) => [key, aliasNames(property.value)]) : stringOf(args[0]) !== undefined ? [[stringOf(args[0])!, aliasNames(args[1])]] : [];
  for (const [key, aliases] of pairs) {
    const option = declarations.options.find((declared) => declared.key === key);
    if (!option) continue;
    for (const name of new Set(aliases.flatMap((alias) => [alias, camelCase(alias)]))) {
      if (!declarations.options.some((declared) => declared.key === name)) declarations.options.push({ ...option, key: name });
    }
  }
}

/** commander's `.option('-e, --epochs <n>', description, default)` (a parse function may come before the default). */
function commanderOption(declarations: Declarations, args: readonly Value[], argSpans: readonly (Span | undefined)[], span: Span | undefined): void {
  const flags = stringOf(args[0]);
  const at = argSpans[0] ?? span;
  const long = flags?.split(/[ ,|]+/).find((part) => part.startsWith('--'));
  if (long === undefined || !at) return;
  const negated = long.startsWith('--no-');
  const key = camelCase(negated ? long.slice(5) : long.slice(2));
  const declared = args[2]?.kind === 'function' || args[2]?.kind === 'unknown' ? args[3] : args[2];
  let absent: CommandLineOption['absent'];
  if (declared !== undefined) absent = known(declared);
  // `--no-shuffle` alone makes `shuffle` true unless the command line says otherwise; beside `--shuffle`, it is left out.
  else if (negated && !declarations.options.some((option) => option.key === key)) absent = { value: true };
  declarations.options.push({ library: 'commander', key, flag: long, span: at, ...(absent ? { absent } : {}) });
}
