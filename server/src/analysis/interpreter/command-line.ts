import type { Span } from '../../../../rules/core/span';
import type { ArrayValue, ObjectValue, Primitive, UnknownValue, Value } from '../../../../rules/core/values';
import { primitive, unknown } from '../../../../rules/core/values';

/**
 * Command-line options, as the parsing libraries scripts use declare them: argparse (its 1.x
 * `addArgument` and 2.x `add_argument`), yargs, commander, minimist and node's `util.parseArgs`.
 *
 * What a parsed option holds is known only when the script runs, so it reads as unknown. The overfit
 * check's static build runs the code again as the script runs without arguments: each option then
 * holds the default its declaration gives (`defaults`), which resolves the choices the code makes on
 * its options (a model type, a layer size), as execute mode would.
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
   * What the script gets when the command line leaves the option out: the declared default, or what
   * the library gives a flag without one (`false`, argparse 1.x's `null`). Absent when the script
   * cannot run without it (a required option or positional argument) or the library gives nothing.
   */
  readonly absent?: { readonly value: Primitive; readonly span?: Span };
}

/** A parser's options, shared with its argument groups. */
interface Declarations {
  readonly options: CommandLineOption[];
  /** Options added in ways the analysis does not read (subcommands, option objects): the result may hold more. */
  open: boolean;
}

/** What a value of a parsing library is. */
type Role =
  | { readonly role: 'module'; readonly library: CommandLineLibrary }
  | { readonly role: 'parser-class'; readonly library: 'argparse' | 'commander' }
  /** A function that makes a parser (`yargs()`, `require('yargs/yargs')`, commander's `createCommand`). */
  | { readonly role: 'parser-factory'; readonly library: 'yargs' | 'commander' }
  | { readonly role: 'parser'; readonly library: 'argparse' | 'yargs' | 'commander'; readonly declarations: Declarations; readonly v2?: boolean }
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
const ARGPARSE_SUBPARSERS = new Set(['addSubparsers', 'add_subparsers']);
const ARGPARSE_DEFAULTS = new Set(['setDefaults', 'set_defaults']);
const ARGPARSE_PARSE = new Set(['parseArgs', 'parse_args']);
const ARGPARSE_PARSE_KNOWN = new Set(['parseKnownArgs', 'parse_known_args']);
/** yargs methods that change what the parsed result holds in ways not read here: its keys may be any. */
const YARGS_OPENING = new Set(['command', 'commands', 'commandDir', 'config', 'env', 'pkgConf', 'positional', 'coerce', 'middleware']);

/**
 * The command-line parsers of one run: which values are parts of a parsing library, the options the
 * parsers declare, and which of them the code reads.
 */
export class CommandLineParsers {
  /** The parsed results, and the options each holds by key. */
  private readonly results = new WeakMap<object, Map<string, CommandLineOption>>();
  /** Options the code read from a parsed result, in the order first read. */
  readonly read: CommandLineOption[] = [];
  /** Whether the run met a parsed result at all. */
  parsed = false;

  /** `defaults`: options hold what the script gets without arguments (see the module comment). */
  constructor(readonly defaults: boolean) {}

  /** The value of `require(specifier)` or of an import of it, for a library this follows. */
  module(specifier: string, span: Span | undefined): Value | undefined {
    const known = commandLineLibrary(specifier);
    if (!known) return undefined;
    if (known.factory) return this.make({ role: 'parser-factory', library: 'yargs' }, `the module ${specifier}`, span);
    // yargs and commander 2-6 are a parser themselves (`require('yargs').option(...)`, `program.option(...)`).
    if (known.library === 'yargs' || known.library === 'commander') return this.newParser(known.library, span, `the module ${specifier}`);
    if (known.library === 'minimist') return this.make({ role: 'parse-function', library: 'minimist' }, 'minimist', span);
    return this.make({ role: 'module', library: known.library }, `the module ${specifier}`, span);
  }

  /** Whether the value is part of a parsing library (a module, a parser): its members and calls are read here. */
  owns(value: Value): boolean {
    return roleOf(value) !== undefined;
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
      // Commander before 7 stores the options on the program itself.
      const option = role.declarations.options.find((declared) => declared.key === key);
      if (option) return this.optionValue(option);
      return undefined;
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
    const config = args[0];
    const declarations: Declarations = { options: [], open: config?.kind !== 'object' || !config.complete };
    const options = config?.kind === 'object' ? config.props.get('options')?.value : undefined;
    if (options?.kind === 'object') {
      if (!options.complete) declarations.open = true;
      for (const [key, property] of options.props) {
        const spec = property.value;
        if (spec.kind !== 'object') {
          declarations.open = true;
          continue;
        }
        const declared = spec.props.get('default');
        // parseArgs leaves an option out of `values` when the command line does not give it.
        const absent = declared ? known(declared.value) : { value: undefined };
        declarations.options.push({ library: 'node:util', key, flag: `--${key}`, span: property.span ?? span ?? spec.span!, ...(absent ? { absent } : {}) });
      }
    } else declarations.open = true;
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
          this.argparseOption(declarations, name === 'add_argument', args, argSpans, span);
          return unknown('an argparse action', span);
        }
        if (ARGPARSE_GROUP.has(name)) return this.make({ role: 'parser', library: 'argparse', declarations }, 'an argument group', span);
        if (ARGPARSE_SUBPARSERS.has(name)) {
          declarations.open = true;
          return unknown('subcommands', span);
        }
        if (ARGPARSE_DEFAULTS.has(name)) {
          setDefaults(declarations, 'argparse', args[0], span);
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
        if (name === 'default' || name === 'defaults') {
          if (args[0]?.kind === 'object') setDefaults(declarations, 'yargs', args[0], span);
          else if (args.length >= 2) setDefault(declarations, 'yargs', stringOf(args[0]), args[1]!, argSpans[0] ?? span);
          return receiver;
        }
        if (name === 'parse' || name === 'parseSync') return args.length > 0 ? unknown('arguments parsed from a list the code gives', span) : this.result(declarations);
        if (name === 'parseAsync') return args.length > 0 ? unknown('arguments parsed from a list the code gives', span) : { kind: 'promise', value: this.result(declarations) };
        if (YARGS_OPENING.has(name)) declarations.open = true;
        // The rest (usage, alias, describe, help, strict, ...) configure and return the parser.
        return receiver;
      case 'commander':
        if (name === 'option' || name === 'requiredOption') {
          commanderOption(declarations, name === 'requiredOption', args, argSpans, span);
          return receiver;
        }
        if (name === 'opts' || name === 'optsWithGlobals') return this.result(declarations);
        if (name === 'parse') return receiver;
        if (name === 'parseAsync') return { kind: 'promise', value: receiver };
        if (name === 'addOption' || name === 'command' || name === 'addCommand' || name === 'action') declarations.open = true;
        if (name === 'action') return undefined;
        return receiver;
    }
  }

  /** Notes that the code reads `key` of an object: an option when the object is a parsed result. */
  noteRead(object: ObjectValue, key: string): void {
    const option = this.results.get(object)?.get(key);
    if (option && !this.read.includes(option)) this.read.push(option);
  }

  private make(role: Role, reason: string, span: Span | undefined): UnknownValue {
    // The role goes with the value, and with the copies the evaluator makes of it to name it.
    return { ...unknown(reason, span), commandLine: role };
  }

  private newParser(library: 'argparse' | 'yargs' | 'commander', span: Span | undefined, reason: string): UnknownValue {
    return this.make({ role: 'parser', library, declarations: { options: [], open: false } }, reason, span);
  }

  /** What a parse gives: an object with an entry per option, holding what the run assumes of it. */
  private result(declarations: Declarations): ObjectValue {
    this.parsed = true;
    const props = new Map<string, { value: Value }>();
    const byKey = new Map<string, CommandLineOption>();
    for (const option of declarations.options) {
      // A later declaration of a key wins, as in the libraries.
      props.set(option.key, { value: this.optionValue(option) });
      byKey.set(option.key, option);
    }
    // yargs and minimist also give the positional arguments (`_`), and every library gives more than
    // the code declares when it is told to (unknown options, subcommands): the object is never complete.
    const result: ObjectValue = { kind: 'object', props, complete: false };
    this.results.set(result, byKey);
    return result;
  }

  private optionValue(option: CommandLineOption): Value {
    if (this.defaults && option.absent) return primitive(option.absent.value, option.absent.span ?? option.span);
    return unknown(`the command-line option ${option.flag}`, option.span, option.key);
  }

  private minimist(config: Value | undefined, span: Span | undefined): ObjectValue {
    const declarations: Declarations = { options: [], open: true };
    if (config?.kind === 'object') {
      const defaults = config.props.get('default')?.value;
      if (defaults?.kind === 'object') setDefaults(declarations, 'minimist', defaults, span);
      // minimist gives a boolean flag left out `false`.
      const booleans = config.props.get('boolean')?.value;
      const names = booleans?.kind === 'array' ? booleans.elements.map(stringOf) : [stringOf(booleans)];
      for (const name of names) {
        if (name !== undefined && !declarations.options.some((option) => option.key === name)) declarations.options.push({ library: 'minimist', key: name, flag: `--${name}`, span: booleans!.span ?? span!, absent: { value: false } });
      }
    }
    return this.result(declarations);
  }

  private argparseOption(declarations: Declarations, v2: boolean, args: readonly Value[], argSpans: readonly (Span | undefined)[], span: Span | undefined): void {
    // 1.x: addArgument(flags, options), flags a string or a list; 2.x: add_argument(...flags, options).
    const flags: string[] = [];
    let options: Value | undefined;
    const first = args[0];
    if (!v2 && first?.kind === 'array') flags.push(...first.elements.flatMap((flag) => stringOf(flag) ?? []));
    for (const [index, arg] of args.entries()) {
      const flag = stringOf(arg);
      if (flag !== undefined && (v2 || index === 0)) flags.push(flag);
      else if (arg.kind === 'object') options = arg;
      else if (!(index === 0 && arg.kind === 'array')) {
        declarations.open = true;
        return;
      }
    }
    if (flags.length === 0 || (options !== undefined && (options.kind !== 'object' || !options.complete))) {
      declarations.open = true;
      return;
    }
    const config = options?.kind === 'object' ? options : undefined;
    const property = (name: string) => config?.props.get(name)?.value;
    const dest = stringOf(property('dest'));
    const long = flags.find((flag) => flag.startsWith('--')) ?? flags.find((flag) => flag.startsWith('-'));
    const positional = long === undefined;
    const key = dest ?? (positional ? flags[0]! : long.replace(/^-+/, '')).replace(/-/g, '_');
    const action = stringOf(property('action'));
    const declared = config?.props.get(v2 ? 'default' : 'defaultValue') ?? config?.props.get('default');
    let absent: CommandLineOption['absent'];
    if (declared) absent = known(declared.value, stringOf(property('type')));
    else if (action === 'storeTrue' || action === 'store_true') absent = { value: false };
    else if (action === 'storeFalse' || action === 'store_false') absent = { value: true };
    // Left out, an option without a default is null in argparse 1.x and undefined in 2.x.
    else if (!positional && !mustGive(property('required'))) absent = { value: v2 ? undefined : null };
    // A positional argument the command line must give, or an option it must give: the script stops without it.
    if (positional && stringOf(property('nargs')) !== '?' && stringOf(property('nargs')) !== '*') absent = undefined;
    const at = argSpans[0] ?? span;
    if (!at) return;
    declarations.options.push({ library: 'argparse', key, flag: positional ? key : long!, span: at, ...(absent ? { absent } : {}) });
  }
}

/** Whether an option's `required` says the command line must give it (an unknown one may). */
function mustGive(required: Value | undefined): boolean {
  return required !== undefined && (required.kind !== 'primitive' || Boolean(required.value));
}

function roleOf(value: Value | undefined): Role | undefined {
  return value?.kind === 'unknown' ? (value.commandLine as Role | undefined) : undefined;
}

function stringOf(value: Value | undefined): string | undefined {
  return value?.kind === 'primitive' && typeof value.value === 'string' ? value.value : undefined;
}

/**
 * A declared default the code writes out, converted as argparse converts a string default by the
 * option's type; undefined when the default is not known.
 */
function known(value: Value, type?: string): { value: Primitive; span?: Span } | undefined {
  if (value.kind !== 'primitive') return undefined;
  let result = value.value;
  if (typeof result === 'string' && (type === 'int' || type === 'float')) {
    result = type === 'int' ? Number.parseInt(result, 10) : Number.parseFloat(result);
    if (Number.isNaN(result)) return undefined;
  }
  return { value: result, ...(value.span ? { span: value.span } : {}) };
}

/** `set_defaults({ key: value })`, yargs' `.default({ key: value })`, minimist's `default`. */
function setDefaults(declarations: Declarations, library: CommandLineLibrary, values: Value | undefined, span: Span | undefined): void {
  if (values?.kind !== 'object') {
    declarations.open = true;
    return;
  }
  if (!values.complete) declarations.open = true;
  for (const [key, property] of values.props) setDefault(declarations, library, key, property.value, property.span ?? span);
}

function setDefault(declarations: Declarations, library: CommandLineLibrary, key: string | undefined, value: Value, span: Span | undefined): void {
  if (key === undefined || !span) {
    declarations.open = true;
    return;
  }
  const absent = known(value);
  const index = declarations.options.findIndex((option) => option.key === key);
  const option: CommandLineOption = { library, key, flag: index >= 0 ? declarations.options[index]!.flag : `--${key}`, span: index >= 0 ? declarations.options[index]!.span : span, ...(absent ? { absent } : {}) };
  if (index >= 0) declarations.options[index] = option;
  else declarations.options.push(option);
}

/** `--batch-size` → `batchSize`, as yargs and commander name a dashed option in the result. */
function camelCase(name: string): string {
  return name.replace(/-+([a-zA-Z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** yargs' `.option(key, spec)` and `.options({ key: spec })`. */
function yargsOptions(declarations: Declarations, args: readonly Value[], argSpans: readonly (Span | undefined)[], span: Span | undefined): void {
  const declare = (key: string | undefined, spec: Value | undefined, at: Span | undefined) => {
    if (key === undefined || !at || (spec !== undefined && spec.kind !== 'object')) {
      declarations.open = true;
      return;
    }
    const config = spec?.kind === 'object' ? spec : undefined;
    if (config && !config.complete) declarations.open = true;
    const declared = config?.props.get('default');
    const type = stringOf(config?.props.get('type')?.value);
    // Left out, an option without a default is undefined; what yargs gives a boolean or a count is left open.
    const absent = declared ? known(declared.value) : type === 'boolean' || type === 'count' || config?.props.has('boolean') || config?.props.has('count') ? undefined : { value: undefined };
    const aliases = config?.props.get('alias')?.value;
    const names = [key, ...(aliases?.kind === 'array' ? aliases.elements.flatMap((alias) => stringOf(alias) ?? []) : stringOf(aliases) !== undefined ? [stringOf(aliases)!] : [])];
    // yargs gives each option under its name, its camel-case name and its aliases.
    for (const name of new Set(names.flatMap((name) => [name, camelCase(name)]))) {
      declarations.options.push({ library: 'yargs', key: name, flag: `--${key}`, span: at, ...(absent ? { absent } : {}) });
    }
  };
  const first = args[0];
  if (first?.kind === 'object') {
    if (!first.complete) declarations.open = true;
    for (const [key, property] of first.props) declare(key, property.value, property.span ?? argSpans[0] ?? span);
  } else declare(stringOf(first), args[1], argSpans[0] ?? span);
}

/** commander's `.option('-e, --epochs <n>', description, default)` (a parse function may come before the default). */
function commanderOption(declarations: Declarations, required: boolean, args: readonly Value[], argSpans: readonly (Span | undefined)[], span: Span | undefined): void {
  const flags = stringOf(args[0]);
  const at = argSpans[0] ?? span;
  const long = flags?.split(/[ ,|]+/).find((part) => part.startsWith('--'));
  if (flags === undefined || long === undefined || !at) {
    declarations.open = true;
    return;
  }
  const negated = long.startsWith('--no-');
  const key = camelCase(negated ? long.slice(5) : long.slice(2));
  const declared = args[2]?.kind === 'function' || args[2]?.kind === 'unknown' ? args[3] : args[2];
  let absent: CommandLineOption['absent'];
  if (declared !== undefined) absent = known(declared);
  else if (negated) absent = { value: true };
  // Left out, an option without a default is not in opts() (a required one stops the script).
  else if (!required) absent = { value: undefined };
  declarations.options.push({ library: 'commander', key, flag: long, span: at, ...(absent ? { absent } : {}) });
}
