import { fileURLToPath } from 'node:url';
import type { Connection, Diagnostic, OptionalVersionedTextDocumentIdentifier } from 'vscode-languageserver';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyRule } from '../../../rules/core/rule';
import type { Settings } from '../../../shared/protocol';
import type { Workspace } from '../analysis/workspace';
import { saveCodeCache } from '../typescript-loader';
import { disableEdits } from '../analysis/disable-comments';
import { LineMap } from '../analysis/positions';
import { crashProblem } from '../analysis/source';
import { RangeMapper, problemDiagnostic, toProblem, type Problem } from './diagnostics';
import type { SettingsStore } from './settings';
import { documentPath, pathUri } from './uris';

/** A check slower than this makes the next ones of its document wait, as long as it took. */
const SLOW_CHECK_MS = 300;
/** The longest such wait. */
const MAX_DELAY_MS = 1000;

/** The problems found in one version of a document. */
export interface Check {
  readonly uri: string;
  /** The version of the document that was checked. */
  readonly version: number;
  /** The settings it was checked with (equal settings are one object: SettingsStore). */
  readonly settings: Settings;
  readonly problems: readonly Problem[];
  /** Why the document was not analysed, or only in part, when that is so (shown at its top). */
  readonly notice?: Diagnostic;
  /**
   * By URI, the text of every document the problems' ranges and edits were computed in (the
   * checked document, and the others its fixes edit or its related information points at).
   */
  readonly texts: ReadonlyMap<string, string | undefined>;
}

/**
 * Decides which open documents to check after a change, publishes their diagnostics, and keeps the
 * latest check of each open document for the code actions. Requests are coalesced: a burst of
 * changes results in one analysis per document.
 */
export class Validator {
  private readonly pending = new Set<string>();
  private scheduled = false;
  /** How long the last check of each open document took (ms). */
  private readonly durations = new Map<string, number>();
  /** Documents whose check waits for a timer (see schedule). */
  private readonly delayed = new Set<string>();
  private readonly checks = new Map<string, Check>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly settings: SettingsStore,
    private readonly rules: Readonly<Record<string, AnyRule>>,
  ) {}

  /**
   * A check of the open document's current text, whose edits apply to the current text of every
   * document they touch: the latest check when neither the settings nor anything it read has
   * changed since, otherwise a new one, made now (the workspace's caches make that cheap).
   * Undefined when the document is not open.
   */
  async currentCheck(uri: string): Promise<Check | undefined> {
    // Settings are cached for open documents only (they are forgotten when one closes).
    if (!this.documents.get(uri)) return undefined;
    const settings = await this.settings.get(uri);
    const latest = this.checks.get(uri);
    if (latest && latest.settings === settings && this.isCurrent(latest)) return latest;
    const document = this.documents.get(uri);
    if (!document) return undefined;
    // A slow document changed since its last check: checking it here for every request of a burst
    // of edits would queue seconds of work. Its scheduled check comes, and the editor asks again
    // once it has its diagnostics.
    if (latest && this.isSlow(uri)) return undefined;
    const check = this.check(document, settings);
    this.checks.set(uri, check);
    return check;
  }

  /**
   * Checks a document soon: right away, unless its last check was slow (a large file, or one full of
   * syntax errors the parser labours over); then after as long again, so that the edits of a burst
   * are checked together and the server keeps up instead of queueing a check per keystroke.
   */
  schedule(uri: string): void {
    this.pending.add(uri);
    const delay = Math.min(this.durations.get(uri) ?? 0, MAX_DELAY_MS);
    if (delay > SLOW_CHECK_MS) {
      if (!this.delayed.has(uri)) {
        this.delayed.add(uri);
        setTimeout(() => {
          this.delayed.delete(uri);
          this.flushSoon();
        }, delay);
      }
      return;
    }
    this.flushSoon();
  }

  private flushSoon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private isSlow(uri: string): boolean {
    return (this.durations.get(uri) ?? 0) > SLOW_CHECK_MS;
  }

  /** Checks every open document whose diagnostics may depend on `file`. */
  scheduleDependents(file: string, except?: string): void {
    for (const document of this.documents.all()) {
      if (document.uri === except) continue;
      const path = documentPath(document.uri, document.languageId);
      if (path && this.dependsOn(path, file)) this.schedule(document.uri);
    }
  }

  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  private dependsOn(documentFile: string, changed: string): boolean {
    if (documentFile === changed) return true;
    const entries = [documentFile, ...this.workspace.dependents(documentFile)];
    if (entries.includes(changed)) return true;
    return entries.some((entry) => this.workspace.filesAnalysedWith(entry).has(changed));
  }

  /** Forgets a closed document and clears its diagnostics in the editor. */
  clear(uri: string): void {
    this.pending.delete(uri);
    this.checks.delete(uri);
    this.durations.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async flush(): Promise<void> {
    // Documents waiting for their timer stay pending until it fires.
    const uris = [...this.pending].filter((uri) => !this.delayed.has(uri));
    for (const uri of uris) this.pending.delete(uri);
    for (const uri of uris) {
      if (!this.documents.get(uri)) continue;
      await this.validate(uri);
    }
  }

  private async validate(uri: string): Promise<void> {
    const settings = await this.settings.get(uri);
    const document = this.documents.get(uri);
    // Closed meanwhile, or changed again: the queued check will publish for the newer version.
    if (!document || this.pending.has(uri)) return;
    const check = this.check(document, settings);
    this.checks.set(uri, check);
    const diagnostics = [...(check.notice ? [check.notice] : []), ...check.problems.map((problem) => problem.diagnostic)];
    await this.connection.sendDiagnostics({ uri, version: check.version, diagnostics });
    if (settings.enable && documentPath(uri, document.languageId)) setImmediate(saveCodeCache);
  }

  /**
   * Checks the document's current text. Synchronous, so that the version it records is the one the
   * analysis read: the workspace's overlays follow the editor's changes.
   */
  private check(document: TextDocument, settings: Settings): Check {
    const file = documentPath(document.uri, document.languageId);
    const mapper = new RangeMapper((path) => this.workspace.read(path));
    let problems: Problem[] = [];
    let notice: Diagnostic | undefined;
    if (file && settings.enable) {
      try {
        const started = performance.now();
        const findings = this.workspace.lintFile(file, this.rules, settings.rules);
        const parsed = findings.length > 0 ? this.workspace.parse(file) : undefined;
        const lines = parsed ? new LineMap(parsed.text) : undefined;
        problems = findings.map((finding) => toProblem(finding, mapper, parsed && lines ? disableEdits(parsed, finding.span.start, finding.ruleId, lines) : undefined));
        // Syntax errors and unreadable files are only logged: the editor shows syntax errors itself,
        // and half-typed code must not flash a warning. A crash is the analysis's own failure, and a
        // file that ran out of budget has no findings shown: both say so, rather than look clean.
        const problem = this.workspace.problemOf(file);
        if (problem?.kind === 'crash' || problem?.kind === 'incomplete') notice = problemDiagnostic(problem);
        const elapsed = performance.now() - started;
        this.durations.set(document.uri, elapsed);
        if (elapsed > 250) this.connection.console.info(`Checking ${file} took ${Math.round(elapsed)} ms.`);
      } catch (error) {
        this.connection.console.error(`Could not check ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        notice = problemDiagnostic(crashProblem(error));
      }
    }
    const texts = new Map<string, string | undefined>();
    for (const [path, text] of mapper.textsRead()) texts.set(pathUri(path), text);
    return { uri: document.uri, version: document.version, settings, problems, ...(notice ? { notice } : {}), texts };
  }

  /** Whether the check's document is still at its version, and every text it read unchanged. */
  private isCurrent(check: Check): boolean {
    if (this.documents.get(check.uri)?.version !== check.version) return false;
    for (const [uri, text] of check.texts) if (this.currentText(uri) !== text) return false;
    return true;
  }

  /** The text an edit of `uri` applies to now: the editor's, or the file's on disk. */
  private currentText(uri: string): string | undefined {
    const open = this.openDocument(uri);
    if (open) return open.getText();
    return uri.startsWith('file:') ? this.workspace.read(fileURLToPath(uri)) : undefined;
  }

  /**
   * The document an edit of `uri` is for, with its version: the open document's, or null for a file
   * that is not open (the editor applies the edit to the file as it is). For the edits of a current
   * check, whose texts are these versions' texts.
   */
  editTarget(uri: string): OptionalVersionedTextDocumentIdentifier {
    const open = this.openDocument(uri);
    return open ? { uri: open.uri, version: open.version } : { uri, version: null };
  }

  /**
   * The open document of a URI. Edits name files by the URI of their path, which the editor may
   * spell differently (a drive letter's case, escapes): then the path decides.
   */
  private openDocument(uri: string): TextDocument | undefined {
    const exact = this.documents.get(uri);
    if (exact || !uri.startsWith('file:')) return exact;
    const file = fileURLToPath(uri);
    return this.documents.all().find((document) => documentPath(document.uri, document.languageId) === file);
  }
}
