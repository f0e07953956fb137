import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyRule } from '../../../rules/core/rule';
import type { Workspace } from '../analysis/workspace';
import { saveCodeCache } from '../typescript-loader';
import { crashProblem } from '../analysis/source';
import { RangeMapper, problemDiagnostic, toDiagnostic } from './diagnostics';
import type { SettingsStore } from './settings';
import { documentPath } from './uris';

/**
 * Decides which open documents to check after a change and publishes their diagnostics. Requests
 * are coalesced: a burst of changes results in one analysis per document.
 */
export class Validator {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private readonly published = new Map<string, Diagnostic[]>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly settings: SettingsStore,
    private readonly rules: Readonly<Record<string, AnyRule>>,
  ) {}

  /** The diagnostics last published for a document. */
  diagnosticsOf(uri: string): readonly Diagnostic[] {
    return this.published.get(uri) ?? [];
  }

  /** Checks a document soon. */
  schedule(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
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

  clear(uri: string): void {
    this.pending.delete(uri);
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async flush(): Promise<void> {
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      const document = this.documents.get(uri);
      if (!document) continue;
      await this.validate(document);
    }
  }

  private async validate(document: TextDocument): Promise<void> {
    const settings = await this.settings.get(document.uri);
    const version = document.version;
    const file = documentPath(document.uri, document.languageId);
    let diagnostics: Diagnostic[] = [];
    if (file && settings.enable) {
      try {
        const started = performance.now();
        const findings = this.workspace.lintFile(file, this.rules, settings.rules);
        const mapper = new RangeMapper((path) => this.workspace.read(path));
        diagnostics = findings.map((finding) => toDiagnostic(finding, mapper));
        // Syntax errors and unreadable files are only logged: the editor shows syntax errors itself,
        // and half-typed code must not flash a warning. A crash is the analysis's own failure, and a
        // file that ran out of budget has no findings shown: both say so, rather than look clean.
        const problem = this.workspace.problemOf(file);
        if (problem?.kind === 'crash' || problem?.kind === 'incomplete') diagnostics.unshift(problemDiagnostic(problem));
        const elapsed = performance.now() - started;
        if (elapsed > 250) this.connection.console.info(`Checking ${file} took ${Math.round(elapsed)} ms.`);
      } catch (error) {
        this.connection.console.error(`Could not check ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        diagnostics = [problemDiagnostic(crashProblem(error))];
      }
    }
    // A newer version is already queued; its result will replace this one.
    if (this.documents.get(document.uri)?.version !== version) return;
    this.published.set(document.uri, diagnostics);
    await this.connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
    if (file && settings.enable) setImmediate(saveCodeCache);
  }
}
