import * as fs from 'node:fs';
import { rules } from '../../../rules/index';
import { packageVersion } from '../docs';
import { saveCodeCache } from '../typescript-loader';
import { HELP_TOPICS, USAGE, UsageError, parseCommand, type LintOptions } from './args';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { COLOURS, PLAIN, formatStylish } from './formatters/stylish';
import { exitCode, expandPaths, lint, warningCount } from './lint';
import { reportOverfitError, runOverfit } from './overfit';
import { formatRuleTable, listRules } from './rules-list';
import { reportTrainError, runTrain } from './train';

/** Runs the command line and returns the exit code; output goes through the given writers. */
export function main(argv: readonly string[], cwd: string, out: (text: string) => void, err: (text: string) => void, colour: boolean): number | Promise<number> {
  try {
    const command = parseCommand(argv, new Set(Object.keys(rules)));
    switch (command.command) {
      case 'help':
        out(`${(command.topic !== undefined ? HELP_TOPICS[command.topic] : undefined) ?? USAGE}\n`);
        return 0;
      case 'version':
        out(`${packageVersion()}\n`);
        return 0;
      case 'rules': {
        const listing = listRules(rules);
        out(command.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatRuleTable(listing));
        return 0;
      }
      case 'lint':
        return runLint(command, cwd, out, err, colour);
      case 'overfit':
        return runOverfit(command, cwd, out, err, colour).catch((error: unknown) =>
          reportOverfitError(error instanceof Error ? (error.stack ?? error.message) : String(error), command.format, out, err),
        );
      case 'train':
        return runTrain(command, cwd, out, err, colour).catch((error: unknown) =>
          reportTrainError(error instanceof Error ? (error.stack ?? error.message) : String(error), command.format, out, err),
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`tfjs-doctor: ${error.message}\n${error.help !== undefined ? `\n${error.help}\n` : ''}`);
      // A program that asked the check for JSON gets JSON, whatever went wrong.
      if (argv[0] === 'overfit' && asksForJson(argv)) out(`${JSON.stringify({ verdict: 'error', error: error.message }, null, 2)}\n`);
      if (argv[0] === 'train' && asksForJson(argv)) out(`${JSON.stringify({ record: null, findings: [], error: error.message }, null, 2)}\n`);
      return 2;
    }
    err(`tfjs-doctor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

/** Whether the arguments ask for `--format json`, read without parsing them (they may not parse). */
function asksForJson(argv: readonly string[]): boolean {
  return argv.some((arg, index) => arg === '--format=json' || arg === '-f=json' || ((arg === '--format' || arg === '-f') && argv[index + 1] === 'json'));
}

function runLint(options: LintOptions, cwd: string, out: (text: string) => void, err: (text: string) => void, colour: boolean): number {
  const files = expandPaths(options.paths, cwd);
  const { reports, fixed } = lint(files, rules, options.rules, options.level, options.fix);
  saveCodeCache();
  const texts = new Map(reports.map((report) => [report.file, report.text]));
  const read = (file: string): string => texts.get(file) ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  let report: string;
  switch (options.format) {
    case 'json':
      report = formatJson(reports);
      break;
    case 'sarif':
      report = formatSarif(reports, rules, cwd, read);
      break;
    default:
      report = formatStylish(reports, cwd, colour && options.outputFile === undefined ? COLOURS : PLAIN, fixed);
  }
  if (options.outputFile !== undefined) {
    try {
      fs.writeFileSync(options.outputFile, report);
    } catch (error) {
      err(`tfjs-doctor: cannot write ${options.outputFile}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  } else {
    out(report);
  }
  if (files.length === 0) err('tfjs-doctor: no JavaScript, TypeScript or HTML files found\n');
  const code = exitCode(reports, options.maxWarnings);
  const warnings = warningCount(reports);
  // As ESLint does: said when the warnings alone decide the exit code.
  if (code === 1 && exitCode(reports, undefined) === 0) {
    err(`tfjs-doctor: too many warnings (${warnings}; --max-warnings allows ${options.maxWarnings ?? 0}).\n`);
  }
  return code;
}

/**
 * Ends the process when the output cannot be written, without the stack trace of an unhandled
 * error. A reader that stops early (`| head`) closes the pipe: like other command-line tools, stop
 * quietly, with the exit code decided so far. Any other failure (a full disk) is said in one line.
 */
function endOnOutputError(error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'EPIPE') {
    process.exitCode = 2;
    try {
      process.stderr.write(`tfjs-doctor: cannot write the output: ${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)}\n`);
    } catch {
      // Nowhere left to say it.
    }
  }
  // After the current promise callbacks, so that an exit code being decided is set first.
  setImmediate(() => process.exit());
}

/** Runs the command with this process's arguments, streams and exit code. */
export function runFromCommandLine(): void {
  const colour = Boolean(process.stdout.isTTY) && process.env['NO_COLOR'] === undefined;
  // Writes to a pipe fail later, as an 'error' event; writes to a file can throw at once.
  process.stdout.on('error', endOnOutputError);
  // A closed stderr is no reason to stop writing the report to stdout.
  process.stderr.on('error', () => {});
  const out = (text: string): void => {
    try {
      process.stdout.write(text);
    } catch (error) {
      endOnOutputError(error);
    }
  };
  void Promise.resolve(main(process.argv.slice(2), process.cwd(), out, (text) => process.stderr.write(text), colour)).then((code) => {
    process.exitCode ??= code;
  });
}

if (require.main === module) runFromCommandLine();
