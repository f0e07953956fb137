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
  /** The yargs command whose builder declares it (`train`), for an option of a subcommand. */
  readonly command?: string;
}

/** A yargs command: its names, the builder that declares its options (a function or an object of options), and its handler. */
interface YargsCommand {
  readonly names: readonly string[];
  /** The positional arguments its description names after the command (`train <file> [epochs]`), in order; null after a variadic one (`[files..]`). */
  readonly positionals: readonly (string | null)[];
  readonly builder: Value | undefined;
  readonly handler: Value | undefined;
  readonly span: Span | undefined;
}

/** A parser's options, shared with its argument groups. */
interface Declarations {
  readonly options: CommandLineOption[];
  /** argparse's `set_defaults`: they win over the defaults of the options themselves. */
  readonly parserDefaults: Map<string, { readonly value: Primitive; readonly span: Span }>;
  /** yargs: the type an option declares (`number`, `boolean`, `string`…), by key. */
  readonly types: Map<string, string>;
  /** yargs: the commands, run at the first parse (see CommandLineParsers.runCommands). */
  readonly commands: YargsCommand[];
  /** yargs: the command these options are of, for the parser a command's builder gets. */
  readonly command?: string;
  /** yargs: the positional arguments of that command, and where in a given list's positional words they start (null: not known, for a command in a command). */
  readonly positionals?: { readonly names: readonly (string | null)[]; readonly offset: number | null };
  /** yargs: the arguments the code gives the parser instead of the command line (`yargs(['--epochs', '5'])`); null when it gives some the analysis cannot read. */
  given?: readonly string[] | null;
  /** Whether the commands have run: yargs runs the command a parse picks, and the analysis each once. */
  commandsRun?: boolean;
  /** yargs: the code changes what a parse gives in ways this does not follow (`coerce`, `middleware`, `env`, `config`, `parserConfiguration`): a given list is not read. */
  reshaped?: boolean;
  /** yargs: options whose value a function of the code makes (`coerce`, `nargs`): their values are not read. */
  readonly opaque: Set<string>;
}

/** yargs methods after which what a parse gives is no longer what the options and the list say. */
const YARGS_RESHAPING = new Set(['coerce', 'middleware', 'env', 'config', 'parserConfiguration', 'pkgConf', 'normalize', 'nargs']);

/** Calls a function of the code with these arguments, as a library calls a callback it may or may not call. */
export type InvokeCallback = (fn: Value, args: readonly Value[]) => void;

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

  /** `defaults`: options hold what the script gets without arguments (see the module comment); `invoke` calls yargs' command builders and handlers. */
  constructor(
    readonly defaults: boolean,
    private readonly invoke: InvokeCallback = () => undefined,
  ) {}

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
    if (role.role === 'parser-factory' || (role.role === 'parser' && role.library === 'yargs')) {
      const parser = this.newParser(role.library, span, role.library);
      // `yargs(['--epochs', '5'])` parses that list, not the command line (`yargs(hideBin(process.argv))` is the command line).
      if (role.library === 'yargs' && args[0] !== undefined && args[0].kind !== 'unknown') (roleOf(parser) as Extract<Role, { role: 'parser' }>).declarations.given = argumentList(args[0]);
      return parser;
    }
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
        if (name === 'option' || name === 'options' || name === 'positional') {
          yargsOptions(declarations, args, argSpans, span, name === 'positional');
          return receiver;
        }
        if (YARGS_TYPES.has(name)) {
          for (const key of args[0]?.kind === 'array' ? args[0].elements.map(stringOf) : [stringOf(args[0])]) if (key !== undefined) declarations.types.set(key, name);
          return receiver;
        }
        if (YARGS_RESHAPING.has(name)) {
          declarations.reshaped = true;
          // `.coerce('rate', fn)`: that option's value is what the function makes of it, default included.
          if (name === 'coerce' || name === 'nargs') for (const key of args[0]?.kind === 'array' ? args[0].elements.map(stringOf) : args[0]?.kind === 'object' ? [...args[0].props.keys()] : [stringOf(args[0])]) if (key !== undefined) declarations.opaque.add(key);
          return receiver;
        }
        if (name === 'command') {
          const command = yargsCommand(args, span);
          if (command) declarations.commands.push(command);
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
        // A list the code writes out is parsed instead of the command line.
        if (name === 'parse' || name === 'parseSync' || name === 'parseAsync') {
          const given = args[0] !== undefined && args[0].kind !== 'unknown' ? argumentList(args[0]) : declarations.given;
          const result = this.result(given === declarations.given ? declarations : { ...declarations, given });
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

  /**
   * The options of a parser as a parse gives them, by key: a later declaration of a key wins, and
   * argparse's set_defaults over both. An option whose value a function of the code makes (yargs'
   * `coerce`) has no default this can read.
   */
  private byKey(declarations: Declarations): Map<string, CommandLineOption> {
    const byKey = new Map<string, CommandLineOption>();
    const opaque = opaqueDeclarations(declarations);
    for (const option of declarations.options) {
      if (opaque.has(declarationOf(option))) {
        const { absent: _absent, ...rest } = option;
        byKey.set(option.key, rest);
      } else byKey.set(option.key, option);
    }
    for (const [key, value] of declarations.parserDefaults) {
      const option = byKey.get(key);
      byKey.set(key, { library: 'argparse', key, flag: option?.flag ?? `--${key}`, span: option?.span ?? value.span, absent: value });
    }
    return byKey;
  }

  /**
   * What a parse gives: an object with an entry per option, holding what the run assumes of it; for
   * a list the code gives (`yargs(['--epochs', '5'])`), what yargs reads from it. yargs runs a
   * command's handler as it parses.
   */
  private result(declarations: Declarations): ObjectValue {
    this.runCommands(declarations);
    const byKey = this.byKey(declarations);
    const props = new Map<string, { value: Value }>();
    if (declarations.given !== undefined) {
      // What the list gives is the code's, not the command line's: no option of it is noted.
      for (const [key, value] of givenValues(declarations, byKey)) props.set(key, { value });
      return { kind: 'object', props, complete: false };
    }
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

  /**
   * The commands of a yargs parser, once: each builder declares the command's options (beside the
   * parser's own) on a parser of its own, and each handler gets what a parse of those gives. Which
   * command a run picks is the user's, so each is one the script may run; a list the code gives picks
   * the one it names first, or the default one (`$0`).
   */
  private runCommands(declarations: Declarations): void {
    if (declarations.commandsRun || declarations.commands.length === 0) return;
    declarations.commandsRun = true;
    const given = declarations.given;
    // The command a given list names as its first positional argument, or else the default one; with the command line, any.
    const read = given ? readList(declarations, this.byKey(declarations), given) : undefined;
    // A list this cannot read may pick any command, or none.
    if (given && !read) return;
    const first = read?.positionals[0];
    const named = first !== undefined ? declarations.commands.find((command) => command.names.includes(first)) : undefined;
    const isDefault = (command: YargsCommand) => command.names.includes('$0') || command.names.includes('*');
    for (const command of declarations.commands) {
      if (given && (named ? command !== named : !isDefault(command))) continue;
      const name = command.names.find((each) => each !== '$0' && each !== '*');
      const sub: Declarations = {
        options: [...declarations.options],
        parserDefaults: new Map(declarations.parserDefaults),
        types: new Map(declarations.types),
        commands: [],
        ...(name !== undefined ? { command: name } : declarations.command !== undefined ? { command: declarations.command } : {}),
        // Under a list, a top-level command's positionals follow its name; a default command's start at once.
        positionals: { names: command.positionals, offset: declarations.command !== undefined ? null : name !== undefined && named ? 1 : 0 },
        ...(given !== undefined ? { given } : {}),
        ...(declarations.reshaped ? { reshaped: true } : {}),
        opaque: new Set(declarations.opaque),
      };
      const parser = this.make({ role: 'parser', library: 'yargs', declarations: sub }, `the command ${name ?? 'by default'}`, command.span);
      if (command.builder?.kind === 'function') this.invoke(command.builder, [parser]);
      else if (command.builder?.kind === 'object') yargsOptions(sub, [command.builder], [], command.span);
      if (command.handler?.kind === 'function') this.invoke(command.handler, [this.result(sub)]);
    }
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

/** Where an option is declared: the names yargs gives one option (its aliases, its camel-case form) share it. */
function declarationOf(option: CommandLineOption): string {
  return `${option.span.file}:${option.span.start}:${option.flag}`;
}

/** The declarations of the options whose value a function of the code makes (see Declarations.opaque), whichever of their names the code gave. */
function opaqueDeclarations(declarations: Declarations): Set<string> {
  return new Set(declarations.options.filter((option) => declarations.opaque.has(option.key)).map(declarationOf));
}

function newDeclarations(): Declarations {
  return { options: [], parserDefaults: new Map(), types: new Map(), commands: [], opaque: new Set() };
}

/** yargs methods that declare the type of options (`.number('epochs')`, `.boolean(['shuffle'])`). */
const YARGS_TYPES = new Set(['boolean', 'number', 'string', 'array', 'count']);

/** The arguments of a list the code gives a parser (`['--epochs', '5']`, or one string, `'--epochs 5'`); null when not all of them are known strings. */
function argumentList(value: Value): readonly string[] | null {
  // A string is split at spaces; one with quotes, which yargs reads as one argument, is not read here.
  if (value.kind === 'primitive' && typeof value.value === 'string') return /["']/.test(value.value) ? null : value.value.split(/\s+/).filter((part) => part !== '');
  if (value.kind !== 'array' || !value.complete) return null;
  const list: string[] = [];
  for (const element of value.elements) {
    if (element.kind !== 'primitive' || (typeof element.value !== 'string' && typeof element.value !== 'number')) return null;
    list.push(String(element.value));
  }
  return list;
}

/** yargs' `.command(cmd, description, builder, handler)` and `.command({ command, builder, handler })`; undefined when its names are not known. */
function yargsCommand(args: readonly Value[], span: Span | undefined): YargsCommand | undefined {
  const first = args[0];
  const module = first?.kind === 'object' ? first : undefined;
  const member = (name: string) => module?.props.get(name)?.value;
  const written = module ? member('command') : first;
  const aliases = module ? member('aliases') : undefined;
  const descriptions = [...(written?.kind === 'array' ? written.elements.map(stringOf) : [stringOf(written)]), ...(aliases?.kind === 'array' ? aliases.elements.map(stringOf) : [stringOf(aliases)])].filter(
    (name): name is string => name !== undefined && name.trim() !== '',
  );
  // `train <file> [epochs]`: the command's name is its first word, its positional arguments the others.
  const names = descriptions.map((name) => name.trim().split(/\s+/)[0]!);
  if (names.length === 0) return undefined;
  const positionals: (string | null)[] = [];
  for (const word of descriptions[0]!.trim().split(/\s+/).slice(1)) {
    const name = /^[<[]([^\]>.|]+)[\]>]$/.exec(word)?.[1];
    positionals.push(name ?? null);
    if (name === undefined) break;
  }
  // With a description, the builder and handler come third and fourth; a description of `false` hides the command.
  const described = args[1] !== undefined && args[1].kind !== 'function' && args[1].kind !== 'object';
  let builder = module ? member('builder') : args[described ? 2 : 1];
  let handler = module ? member('handler') : args[described ? 3 : 2];
  // `.command(cmd, description, { builder, handler })`: a module after the description.
  const definition = builder?.kind === 'object' ? builder.props.get('handler')?.value : undefined;
  if (builder?.kind === 'object' && definition?.kind === 'function') {
    handler = definition;
    builder = builder.props.get('builder')?.value;
  }
  return { names, positionals, builder, handler, span };
}

/** A number as yargs-parser reads one (`5`, `-1.5`, `1e-3`, `0x1f`); not `08`, `+5` or `1E2`, which stay strings. */
function looksNumeric(text: string): boolean {
  if (/^0x[0-9a-f]+$/i.test(text)) return true;
  if (/^0[^.]/.test(text)) return false;
  return /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/.test(text);
}

/** Whether yargs-parser makes a number of what the list wrote, as it does when it looks like one and its integer part is a safe integer. */
function parsesAsNumber(text: string): boolean {
  return looksNumeric(text) && Number.isSafeInteger(Math.floor(Number.parseFloat(text)));
}

/** The value yargs gives an option from what the list wrote (`true` for a flag alone), by its declared type; undefined when the analysis cannot say. */
function givenValue(written: string | boolean, type: string | undefined): Primitive | undefined {
  switch (type) {
    case 'boolean':
      if (typeof written === 'boolean') return written;
      return written === 'true' ? true : written === 'false' ? false : undefined;
    case 'number':
      return typeof written === 'string' ? Number(written) : undefined;
    case 'string':
      return typeof written === 'string' ? written : undefined;
    case undefined:
      return typeof written === 'string' && parsesAsNumber(written) ? Number(written) : written;
    default:
      // Arrays and counts gather what the list repeats.
      return undefined;
  }
}

/** What a list the code gives a yargs parser writes: each key's text (`true`/`false` for a flag; null when given twice), the positional arguments, and how to read each key. */
interface ListRead {
  readonly written: ReadonlyMap<string, string | boolean | null>;
  readonly positionals: readonly string[];
  readonly typeOf: (key: string) => string | undefined;
}

/**
 * Reads a list the code gives a yargs parser as yargs-parser does, for the forms it can: `--key value`,
 * `--key=value`, `--no-key`, `-k value`, a flag alone, positional arguments, `--` before the rest.
 * Undefined when the list, or the parser, has what this does not follow: short flags run together
 * (`-abc`, `-e5`), dotted keys (`--optimizer.rate`, an object), options given a number of values
 * (`nargs`), or a parser whose values the code reshapes (`coerce`, `middleware`, `env`, `config`,
 * `parserConfiguration`).
 */
function readList(declarations: Declarations, byKey: ReadonlyMap<string, CommandLineOption>, list: readonly string[]): ListRead | undefined {
  if (declarations.reshaped) return undefined;
  // The names of each declaration: yargs gives an option under each of them.
  const groups = new Map<string, string[]>();
  for (const [key, option] of byKey) groups.set(declarationOf(option), [...(groups.get(declarationOf(option)) ?? []), key]);
  const namesOf = (name: string): string[] => {
    const declared = byKey.get(name) ?? byKey.get(camelCase(name));
    return declared ? groups.get(declarationOf(declared))! : [...new Set([name, camelCase(name)])];
  };
  const typeOf = (name: string) => namesOf(name).map((key) => declarations.types.get(key)).find((type) => type !== undefined);
  const written = new Map<string, string | boolean | null>();
  const set = (name: string, value: string | boolean): boolean => {
    if (name.includes('.')) return false;
    for (const key of namesOf(name)) written.set(key, written.has(key) ? null : value);
    return true;
  };
  const positionals: string[] = [];
  for (let index = 0; index < list.length; index++) {
    const argument = list[index]!;
    if (argument === '--') {
      positionals.push(...list.slice(index + 1));
      break;
    }
    const long = /^--([^=]+)=(.*)$/s.exec(argument);
    if (long) {
      if (!set(long[1]!, long[2]!)) return undefined;
      continue;
    }
    const negated = /^--no-(.+)$/.exec(argument);
    if (negated && !byKey.has(argument.slice(2))) {
      if (!set(negated[1]!, false)) return undefined;
      continue;
    }
    const flag = /^--(.+)$/.exec(argument)?.[1] ?? /^-([A-Za-z])$/.exec(argument)?.[1];
    if (flag !== undefined) {
      const next = list[index + 1];
      const boolean = typeOf(flag) === 'boolean';
      const takes = next !== undefined && (boolean ? next === 'true' || next === 'false' : !next.startsWith('-') || looksNumeric(next));
      if (!set(flag, takes ? next : true)) return undefined;
      if (takes) index++;
      continue;
    }
    // `-abc`, `-e5`: short flags the analysis does not take apart.
    if (/^-[^-]/.test(argument) && !looksNumeric(argument)) return undefined;
    positionals.push(argument);
  }
  return { written, positionals, typeOf };
}

/**
 * What yargs gives for each key when it parses the list the code gives: the options the list sets,
 * the declared defaults of those it leaves out, every name of an option (its aliases, its camel-case
 * form), and, outside a command, the positional arguments as `_`. Left unknown: every option when
 * the list cannot be read (see readList); an option given twice, one a function of the code makes
 * (`coerce`), a command's positional argument (which the list's words give), and an option with no
 * default the list leaves out.
 */
function givenValues(declarations: Declarations, byKey: ReadonlyMap<string, CommandLineOption>): Map<string, Value> {
  const result = new Map<string, Value>();
  const read = declarations.given ? readList(declarations, byKey, declarations.given) : undefined;
  if (!read) return result;
  // A command's positional argument: the word of the list at its place, else its default; not known for a command in a command.
  const positional = (option: CommandLineOption | undefined): { readonly word: string | undefined } | undefined => {
    if (!option?.flag.startsWith('<')) return { word: undefined };
    const place = declarations.positionals;
    const index = place?.names.indexOf(option.flag.slice(1, -1)) ?? -1;
    if (!place || place.offset === null || index < 0 || place.names.slice(0, index).includes(null)) return undefined;
    return { word: read.positionals[place.offset + index] };
  };
  const opaque = opaqueDeclarations(declarations);
  const readable = (key: string, option: CommandLineOption | undefined) => !declarations.opaque.has(key) && !(option && opaque.has(declarationOf(option))) && positional(option) !== undefined;
  for (const [key, option] of byKey) {
    if (!readable(key, option)) continue;
    const word = positional(option)?.word;
    if (word !== undefined) {
      // Given both at its place and as a flag, yargs gathers the two.
      const value = read.written.has(key) ? undefined : givenValue(word, read.typeOf(key));
      if (value !== undefined) result.set(key, primitive(value));
      continue;
    }
    if (read.written.has(key)) continue;
    if (option.absent) result.set(key, primitive(option.absent.value, option.absent.span ?? option.span));
  }
  for (const [key, value] of read.written) {
    const option = byKey.get(key);
    if (!readable(key, option) || positional(option)?.word !== undefined) continue;
    const converted = value === null ? undefined : givenValue(value, read.typeOf(key));
    if (converted !== undefined) result.set(key, primitive(converted));
  }
  // A command's `_` holds the command's own words too, and those of the commands around it.
  if (declarations.command === undefined) result.set('_', { kind: 'array', elements: read.positionals.map((word) => primitive(givenValue(word, undefined) ?? word)), complete: true });
  return result;
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

/** yargs' `.option(key, spec)`, `.options({ key: spec })` and, in a command's builder, `.positional(key, spec)`. */
function yargsOptions(declarations: Declarations, args: readonly Value[], argSpans: readonly (Span | undefined)[], span: Span | undefined, positional = false): void {
  const declare = (key: string | undefined, spec: Value | undefined, at: Span | undefined) => {
    if (key === undefined || !at) return;
    const config = spec?.kind === 'object' ? spec : undefined;
    const declared = config?.props.get('default');
    const absent = declared ? known(declared.value) : undefined;
    const flagged = (name: string) => config?.props.get(name)?.value;
    const type = stringOf(flagged('type')) ?? [...YARGS_TYPES].find((name) => { const set = flagged(name); return set?.kind === 'primitive' && set.value === true; });
    // What a function of the code makes of the value, or a number of values, is not read.
    if (flagged('coerce') !== undefined || flagged('nargs') !== undefined) declarations.opaque.add(key);
    const names = [key, ...aliasNames(config?.props.get('alias')?.value)];
    const command = declarations.command;
    // yargs gives each option under its name, its camel-case name and its aliases: one declaration, several keys.
    for (const name of new Set(names.flatMap((name) => [name, camelCase(name)]))) {
      declarations.options.push({ library: 'yargs', key: name, flag: positional ? `<${key}>` : `--${key}`, span: at, ...(absent ? { absent } : {}), ...(command !== undefined ? { command } : {}) });
      if (type !== undefined) declarations.types.set(name, type);
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
