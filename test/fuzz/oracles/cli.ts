/** What a `tfjs-doctor lint` run must satisfy, whatever the input: exit code, stderr, the report's shape and positions. */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeError, hasStackTrace, oneLine, type Failure } from '../failure';
import type { ProcessResult } from '../processes';
import { editorLines, lineColumnProblem } from './positions';

/** The files a lint run was given, and what the report may and must say about them. */
export interface LintedFiles {
  /** Files that must have exactly one entry in the report. */
  readonly required: ReadonlySet<string>;
  /** Files that may have one (odd extensions, symbolic links). */
  readonly allowed: ReadonlySet<string>;
  /** A file's text as the linter reads it now, or undefined if there is none. */
  text(file: string): string | undefined;
}

/** What the command line may print on stderr for a valid invocation. */
const EXPECTED_STDERR =
  /^(tfjs-doctor: no JavaScript, TypeScript or HTML files found\n)?(tfjs-doctor: (1 file was|\d+ files were) not analysed for being too large or binary \(a bundle or an asset\?\); --ignore-pattern leaves such files out\.\n)?$/;

export function checkProcess(result: ProcessResult, command: string, timeoutMs: number): Failure[] {
  if (result.timedOut) return [{ kind: 'hang', target: 'cli', check: 'timeout', message: `no exit within ${timeoutMs / 1000} s`, detail: command }];
  if (result.signal) return [{ kind: 'crash', target: 'cli', check: 'signal', message: `killed by ${result.signal}`, detail: `${command}\n${result.stderr}` }];
  if (result.code !== 0 && result.code !== 1) {
    return [{ kind: 'crash', target: 'cli', check: 'exit-code', message: `exit code ${result.code}: ${oneLine(describeError(result.stderr), 200)}`, detail: `${command}\n${result.stderr.slice(0, 4000)}` }];
  }
  if (hasStackTrace(result.stderr)) {
    return [{ kind: 'crash', target: 'cli', check: 'stderr-stack', message: `stack trace on stderr: ${oneLine(describeError(result.stderr), 200)}`, detail: `${command}\n${result.stderr.slice(0, 4000)}` }];
  }
  if (!EXPECTED_STDERR.test(result.stderr)) {
    return [{ kind: 'invalid', target: 'cli', check: 'stderr', message: `unexpected stderr: ${oneLine(result.stderr, 200)}`, detail: command }];
  }
  return [];
}

/** A wrong output; `file`, when the output is wrong about one file. */
function invalid(check: string, message: string, detail?: string, file?: string): Failure {
  return { kind: 'invalid', target: 'cli', check, message, ...(detail !== undefined ? { detail } : {}), ...(file !== undefined ? { file } : {}) };
}

function parse(stdout: string, check: string): { value?: unknown; failure?: Failure } {
  try {
    return { value: JSON.parse(stdout) as unknown };
  } catch (error) {
    return { failure: invalid(check, `output is not JSON: ${error instanceof Error ? error.message : String(error)}`, stdout.slice(0, 2000)) };
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Every required file reported once; nothing reported that was not given. */
function checkCoverage(reported: readonly string[], files: LintedFiles, format: string): Failure[] {
  const failures: Failure[] = [];
  const seen = new Set<string>();
  for (const file of reported) {
    if (seen.has(file)) failures.push(invalid(`${format}-duplicate-file`, `file reported twice: ${path.basename(file)}`, file, file));
    seen.add(file);
    if (!files.required.has(file) && !files.allowed.has(file)) failures.push(invalid(`${format}-unexpected-file`, `file that was not given: ${path.basename(file)}`, file, file));
  }
  for (const file of files.required) if (!seen.has(file)) failures.push(invalid(`${format}-missing-file`, `no entry for ${path.basename(file)}`, file, file));
  return failures;
}

function checkFix(fix: unknown, text: string, where: string, file: string): Failure[] {
  if (!isObject(fix) || !Array.isArray(fix['range']) || typeof fix['text'] !== 'string') return [invalid('json-fix-shape', `fix is not { range, text } (${where})`, JSON.stringify(fix), file)];
  const [start, end] = fix['range'] as unknown[];
  if (!isCount(start) || !isCount(end) || start > end || end > text.length) return [invalid('json-fix-range', `fix range [${String(start)}, ${String(end)}] not in a text of ${text.length} characters (${where})`, undefined, file)];
  return [];
}

/** ESLint's JSON format: one result per file, messages with 1-based positions inside the file. */
export function checkJsonReport(stdout: string, files: LintedFiles, exitCode: number | null): Failure[] {
  const { value, failure } = parse(stdout, 'json-parse');
  if (failure) return [failure];
  if (!Array.isArray(value)) return [invalid('json-shape', 'output is not an array')];
  const failures: Failure[] = [];
  const reported: string[] = [];
  let errors = 0;
  for (const result of value as unknown[]) {
    if (!isObject(result) || typeof result['filePath'] !== 'string' || !Array.isArray(result['messages'])) {
      failures.push(invalid('json-shape', 'a result without filePath or messages', JSON.stringify(result).slice(0, 500)));
      continue;
    }
    const file = result['filePath'];
    reported.push(file);
    for (const count of ['errorCount', 'warningCount', 'fatalErrorCount', 'fixableErrorCount', 'fixableWarningCount']) {
      if (!isCount(result[count])) failures.push(invalid('json-shape', `${count} is not a count in ${path.basename(file)}`, undefined, file));
    }
    const text = files.text(file);
    const lines = text === undefined ? undefined : editorLines(text);
    const messages = result['messages'] as unknown[];
    let fileErrors = 0;
    for (const message of messages) {
      // A file that could not be analysed has a message without a rule (ESLint's shape for a fatal error).
      const isNote = isObject(message) && message['ruleId'] === null && typeof message['message'] === 'string' && (message['message'].startsWith('Not analysed:') || message['message'].startsWith('Not fixed:'));
      if (!isObject(message) || (typeof message['ruleId'] !== 'string' && !isNote) || typeof message['message'] !== 'string' || message['message'].length === 0 || (message['severity'] !== 1 && message['severity'] !== 2)) {
        failures.push(invalid('json-message-shape', `a message without ruleId, message or severity in ${path.basename(file)}`, JSON.stringify(message).slice(0, 500), file));
        continue;
      }
      if (message['severity'] === 2) fileErrors++;
      const where = `${message['ruleId']} in ${path.basename(file)}`;
      if (lines && !(isNote && message['line'] === undefined)) {
        // A note may point at a position only (a syntax error): its end is its start.
        const point = isNote && message['endLine'] === undefined ? { ...message, endLine: message['line'], endColumn: message['column'] } : message;
        const problem = lineColumnProblem(point as { line: unknown; column: unknown; endLine: unknown; endColumn: unknown }, lines);
        if (problem) failures.push(invalid('json-position', `${problem} (${where})`, undefined, file));
      }
      if (text !== undefined && message['fix'] !== undefined) failures.push(...checkFix(message['fix'], text, where, file));
      for (const suggestion of Array.isArray(message['suggestions']) ? (message['suggestions'] as unknown[]) : []) {
        if (!isObject(suggestion) || typeof suggestion['desc'] !== 'string') failures.push(invalid('json-fix-shape', `a suggestion without desc (${where})`, undefined, file));
        else if (text !== undefined) failures.push(...checkFix(suggestion['fix'], text, where, file));
      }
    }
    if (result['errorCount'] !== fileErrors) failures.push(invalid('json-counts', `errorCount ${String(result['errorCount'])} but ${fileErrors} error messages in ${path.basename(file)}`, undefined, file));
    errors += fileErrors;
  }
  failures.push(...checkCoverage(reported, files, 'json'));
  if (exitCode !== (errors > 0 ? 1 : 0)) failures.push(invalid('json-exit-code', `exit code ${exitCode} with ${errors} errors reported`));
  return failures;
}

const SARIF_LEVELS = new Set(['none', 'note', 'warning', 'error']);

/** The file a SARIF artifact URI names: relative to %SRCROOT% or absolute; a URI that is not a URI names nothing. */
function artifactFile(uri: unknown, srcroot: string): string | undefined {
  if (typeof uri !== 'string' || /[\s#?%]/.test(uri.replace(/%[0-9A-Fa-f]{2}/g, '')) || /[\u0080-\uFFFF]/.test(uri)) return undefined;
  try {
    const url = new URL(uri, srcroot);
    return url.protocol === 'file:' && url.search === '' && url.hash === '' ? fileURLToPath(url) : undefined;
  } catch {
    return undefined;
  }
}

/** SARIF 2.1.0: the fields the formatter writes and code-scanning tools require. */
export function checkSarifReport(stdout: string, files: LintedFiles, cwd: string, exitCode: number | null): Failure[] {
  const { value, failure } = parse(stdout, 'sarif-parse');
  if (failure) return [failure];
  const log = value as Json;
  if (!isObject(log) || log['version'] !== '2.1.0' || typeof log['$schema'] !== 'string' || !Array.isArray(log['runs']) || log['runs'].length === 0) {
    return [invalid('sarif-shape', 'not a SARIF 2.1.0 log (version, $schema, runs)')];
  }
  const failures: Failure[] = [];
  const srcroot = pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href;
  let errors = 0;
  const located = (location: unknown, where: string): void => {
    const physical = isObject(location) ? location['physicalLocation'] : undefined;
    const artifact = isObject(physical) ? physical['artifactLocation'] : undefined;
    const uri = isObject(artifact) ? artifact['uri'] : undefined;
    const file = artifactFile(uri, srcroot);
    if (!file || (!files.required.has(file) && !files.allowed.has(file))) {
      failures.push(invalid('sarif-uri', `artifact URI ${JSON.stringify(uri)} does not name a file that was linted (${where})`));
      return;
    }
    const region = isObject(physical) ? physical['region'] : undefined;
    if (region === undefined) return;
    const text = files.text(file);
    if (!isObject(region) || text === undefined) return;
    // SARIF lets a region name only its start: the end defaults to the start line (and, for the column, to the end of that line).
    const endLine = region['endLine'] ?? region['startLine'];
    const endColumn = region['endColumn'] ?? (region['endLine'] === undefined ? region['startColumn'] : undefined);
    const problem = lineColumnProblem({ line: region['startLine'], column: region['startColumn'], endLine, endColumn }, editorLines(text));
    if (problem) failures.push(invalid('sarif-region', `${problem} (${where})`, undefined, file));
  };
  for (const run of log['runs'] as unknown[]) {
    const driver = isObject(run) && isObject(run['tool']) ? (run['tool'] as Json)['driver'] : undefined;
    if (!isObject(driver) || typeof driver['name'] !== 'string' || !Array.isArray(driver['rules'])) {
      failures.push(invalid('sarif-shape', 'run.tool.driver without name or rules'));
      continue;
    }
    const rules = driver['rules'] as unknown[];
    const results = (run as Json)['results'];
    if (!Array.isArray(results)) {
      failures.push(invalid('sarif-shape', 'run without results'));
      continue;
    }
    for (const result of results as unknown[]) {
      if (!isObject(result) || !isObject(result['message']) || typeof (result['message'] as Json)['text'] !== 'string' || typeof result['ruleId'] !== 'string') {
        failures.push(invalid('sarif-result-shape', 'a result without message.text or ruleId', JSON.stringify(result).slice(0, 500)));
        continue;
      }
      const where = result['ruleId'];
      const index = result['ruleIndex'];
      if (index !== undefined && (!isCount(index) || !isObject(rules[index]) || (rules[index] as Json)['id'] !== result['ruleId'])) {
        failures.push(invalid('sarif-rule-index', `ruleIndex ${String(index)} does not point at rule ${where}`));
      }
      if (result['level'] !== undefined && !SARIF_LEVELS.has(String(result['level']))) failures.push(invalid('sarif-result-shape', `level ${String(result['level'])}`));
      if (result['level'] === 'error') errors++;
      const locations = result['locations'];
      if (!Array.isArray(locations) || locations.length === 0) failures.push(invalid('sarif-result-shape', `a result without locations (${where})`));
      else for (const location of locations as unknown[]) located(location, where);
      for (const related of Array.isArray(result['relatedLocations']) ? (result['relatedLocations'] as unknown[]) : []) located(related, `${where}, related`);
      for (const fix of Array.isArray(result['fixes']) ? (result['fixes'] as unknown[]) : []) {
        const changes = isObject(fix) ? fix['artifactChanges'] : undefined;
        if (!Array.isArray(changes)) {
          failures.push(invalid('sarif-fix-shape', `a fix without artifactChanges (${where})`));
          continue;
        }
        for (const change of changes as unknown[]) {
          const replacements = isObject(change) ? change['replacements'] : undefined;
          if (!Array.isArray(replacements)) failures.push(invalid('sarif-fix-shape', `an artifact change without replacements (${where})`));
          for (const replacement of Array.isArray(replacements) ? (replacements as unknown[]) : []) {
            const deleted = isObject(replacement) ? replacement['deletedRegion'] : undefined;
            located({ physicalLocation: { artifactLocation: (change as Json)['artifactLocation'], region: deleted } }, `${where}, fix`);
          }
        }
      }
    }
    const invocations = (run as Json)['invocations'];
    if (invocations !== undefined && (!Array.isArray(invocations) || !(invocations as unknown[]).every((invocation) => isObject(invocation) && typeof invocation['executionSuccessful'] === 'boolean'))) {
      failures.push(invalid('sarif-shape', 'an invocation without executionSuccessful'));
    }
    for (const invocation of Array.isArray(invocations) ? (invocations as Json[]) : []) {
      const notifications = invocation['toolExecutionNotifications'];
      for (const notification of Array.isArray(notifications) ? (notifications as unknown[]) : []) {
        if (!isObject(notification) || !isObject(notification['message']) || typeof (notification['message'] as Json)['text'] !== 'string') {
          failures.push(invalid('sarif-shape', 'a notification without message.text'));
          continue;
        }
        // A file that could not be analysed is an error-level notification, and an error for the exit code.
        if (notification['level'] === 'error') errors++;
        for (const location of Array.isArray(notification['locations']) ? (notification['locations'] as unknown[]) : []) located(location, 'notification');
      }
    }
  }
  if (exitCode !== (errors > 0 ? 1 : 0)) failures.push(invalid('sarif-exit-code', `exit code ${exitCode} with ${errors} error results and notifications`));
  return failures;
}

/** --fix must not leave a file with more syntax errors than it had. */
export function checkFixedSyntax(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Failure[] {
  const failures: Failure[] = [];
  for (const [file, count] of after) {
    const previous = before.get(file) ?? 0;
    if (count > previous) failures.push(invalid('fix-syntax', `--fix left ${path.basename(file)} with ${count} syntax errors (${previous} before)`, file, file));
  }
  return failures;
}
