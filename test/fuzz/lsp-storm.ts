/**
 * One input's session with the language server: the input's documents are opened, then changed
 * (whole and by ranges), typed into, saved, closed and reopened in bursts while quick fixes,
 * fix-all, code lenses and overfit targets are asked for; then every answer is checked, fix-all
 * answered from older diagnostics is checked against fix-all for the same text, and the fixes are
 * applied.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, OVERFIT_TARGETS_REQUEST } from '../../shared/protocol';
import { uriOf } from '../support/lsp-client';
import { syntaxErrorCount, type Corpus } from './corpus';
import { describeError, oneLine, type Failure } from './failure';
import { diskText, editorText, type FuzzFile } from './input';
import type { Answer, LspServer } from './lsp-server';
import { MAX_FILE_BYTES } from './mutators/mutator';
import { structureMutators } from './mutators/structure';
import { textMutators } from './mutators/text';
import { applicableEdits, applyTextEdits, checkCodeActions, checkCodeLenses, checkDiagnostics, checkOverfitTargets, editsProblem, type DocumentsAtRequest } from './oracles/lsp';
import type { Random } from './prng';

export interface LspOptions {
  readonly requestTimeoutMs: number;
  /** How long the diagnostics of a document's last version may take. */
  readonly diagnosticsTimeoutMs: number;
  /** How many bursts of editing a storm has, at most. */
  readonly maxBursts: number;
  /** Prints the messages exchanged with the server. */
  readonly trace?: (line: string) => void;
}

const LANGUAGES: Readonly<Record<string, string>> = { '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescriptreact', '.jsx': 'javascriptreact', '.html': 'html', '.htm': 'html' };

function languageOf(file: string, rng: Random): string {
  const known = LANGUAGES[path.extname(file).toLowerCase()];
  if (known) return known;
  if (/\.[cm]?js$/i.test(file)) return 'javascript';
  return rng.pick(['javascript', 'typescript', 'typescriptreact', 'javascriptreact', 'plaintext']);
}

interface OpenDocument {
  readonly uri: string;
  readonly path: string;
  languageId: string;
  version: number;
  text: string;
}

/** The mutators of one file's text (the project mutators add, rename and lock files, which a storm does not). */
const TEXT_MUTATORS = [...textMutators, ...structureMutators];

const SNIPPETS = ['', '(', ')', '{', '}', '[', ']', ',', ';', '\n', '\r\n', ' ', "'", '`', '/*', '*/', '//', '=>', '0', '-1', '1e309', 'NaN', 'units: ', '\uFEFF', '\0'];

export class Storm {
  requests = 0;
  events = 0;
  private readonly documents = new Map<string, OpenDocument>();
  /** Texts on disk, by URI. */
  private readonly disk = new Map<string, string>();
  private readonly checks: Promise<Failure[]>[] = [];
  /** Hangs seen while the storm paused for diagnostics. */
  private readonly pauseFailures: Failure[] = [];
  /** Wrong answers seen on the way, which do not stop the storm. */
  private readonly stormFailures: Failure[] = [];
  private readonly suspects: Suspect[] = [];

  constructor(
    private readonly server: LspServer,
    private readonly rng: Random,
    private readonly corpus: Corpus,
    private readonly options: LspOptions,
    private readonly dir: string,
    private readonly files: readonly FuzzFile[],
  ) {}

  async run(): Promise<Failure[]> {
    const sources = this.files.flatMap((file) => (file.kind === 'text' || file.kind === 'bytes' ? [file] : []));
    for (const file of sources) this.disk.set(uriOf(path.join(this.dir, file.path)), diskText(file) ?? '');
    const created = this.files.filter((file) => file.kind !== 'directory').map((file) => uriOf(path.join(this.dir, file.path)));
    this.server.notify('workspace/didChangeWatchedFiles', { changes: created.map((uri) => ({ uri, type: 1 })) });
    for (const file of this.rng.shuffle(sources).slice(0, this.rng.between(1, 3))) this.open(uriOf(path.join(this.dir, file.path)), file.path, editorText(file) ?? '');
    if (this.rng.chance(0.1) && sources.length > 0) this.open(`untitled:Untitled-${this.rng.int(100)}`, 'untitled.ts', editorText(this.rng.pick(sources)) ?? '');
    if (this.documents.size === 0) return [];
    if (this.rng.chance(0.15)) this.server.changeSettings(randomSettings(this.rng));
    // The input as it is gets checked first, as when a project is opened; then the storm.
    for (const document of [...this.documents.values()]) await this.pause(document);

    const count = this.rng.between(1, this.options.maxBursts);
    for (let i = 0; i < count && this.pauseFailures.length === 0; i++) await this.burst();
    const failures = [...this.pauseFailures, ...this.stormFailures, ...(this.pauseFailures.length > 0 ? [] : await this.settle())];
    for (const check of this.checks.splice(0)) failures.push(...(await check));
    if (failures.some((failure) => failure.kind !== 'invalid')) return failures;
    failures.push(...(await this.verifySuspects()));
    if (failures.some((failure) => failure.kind !== 'invalid')) return failures;
    failures.push(...(await this.applyFixes()));
    for (const check of this.checks.splice(0)) failures.push(...(await check));
    for (const document of [...this.documents.values()]) this.close(document);
    if (Object.keys(this.server.settings).length > 0) this.server.changeSettings({});
    return failures;
  }

  /** The workspace forgets the input's files. */
  forgetFiles(): void {
    const files = this.files.filter((file) => file.kind !== 'directory').map((file) => uriOf(path.join(this.dir, file.path)));
    this.server.notify('workspace/didChangeWatchedFiles', { changes: files.map((uri) => ({ uri, type: 3 })) });
  }

  private open(uri: string, file: string, text: string, version = 1): void {
    const document: OpenDocument = { uri, path: file, languageId: languageOf(file, this.rng), version, text };
    this.documents.set(uri, document);
    this.server.notify('textDocument/didOpen', { textDocument: { uri, languageId: document.languageId, version, text } });
  }

  private close(document: OpenDocument): void {
    this.documents.delete(document.uri);
    this.server.notify('textDocument/didClose', { textDocument: { uri: document.uri } });
    this.server.forget(document.uri);
  }

  private change(document: OpenDocument, changes: TextDocumentContentChangeEvent[]): void {
    const model = TextDocument.create(document.uri, document.languageId, document.version, document.text);
    document.version++;
    document.text = TextDocument.update(model, changes, document.version).getText();
    this.server.notify('textDocument/didChange', { textDocument: { uri: document.uri, version: document.version }, contentChanges: changes });
  }

  private randomDocument(): OpenDocument {
    return this.rng.pick([...this.documents.values()]);
  }

  /**
   * A burst of editing in one document, as a user makes it: a few edits (or none), sometimes a pause
   * until the diagnostics show, then some of what an editor asks for; now and then a save with
   * fix-all, a close and reopen, or a change on disk.
   */
  private async burst(): Promise<void> {
    const document = this.randomDocument();
    for (let edits = this.rng.between(0, 4); edits > 0; edits--) {
      this.events++;
      this.rng.weighted<() => void>([
        { weight: 4, value: () => this.change(document, [{ text: this.mutated(document) }]) },
        { weight: 5, value: () => this.change(document, this.incrementalChanges(document)) },
        { weight: 2, value: () => this.type(document) },
        { weight: 4, value: () => this.change(document, [this.lineShift(document)]) },
      ])();
    }
    if (this.rng.chance(0.5)) await this.pause(document);
    else if (this.rng.chance(0.3)) await new Promise<void>((resolve) => setTimeout(resolve, this.rng.int(30)));
    if (this.rng.chance(0.5)) this.requestQuickFixes(document);
    if (this.rng.chance(0.3)) this.requestFixAll(document);
    if (this.rng.chance(0.2)) this.requestCodeLenses(document);
    if (this.rng.chance(0.2)) this.requestOverfitTargets(document);
    if (this.rng.chance(0.25)) this.saveWithFixAll(document);
    else if (this.rng.chance(0.1)) this.server.notify('textDocument/didSave', { textDocument: { uri: document.uri } });
    if (this.rng.chance(0.05)) this.reopen(document);
    if (this.rng.chance(0.1)) this.changeOnDisk();
  }

  private mutated(document: OpenDocument): string {
    if (this.rng.chance(0.1)) return this.rng.pick(this.corpus.files).text;
    const files: FuzzFile[] = [{ kind: 'text', path: document.path, text: document.text }];
    this.rng.pick(TEXT_MUTATORS).apply(files, { rng: this.rng.fork(), corpus: this.corpus, maxFileBytes: MAX_FILE_BYTES });
    return editorText(files[0]!) ?? document.text;
  }

  private snippet(): string {
    const choice = this.rng.int(4);
    if (choice === 0) return this.rng.pick(SNIPPETS);
    if (choice === 1) return this.rng.pick(this.corpus.identifiers);
    if (choice === 2) return `${this.rng.pick(this.corpus.lines)}\n`;
    return this.rng.pick(SNIPPETS).repeat(this.rng.logBetween(1, 500));
  }

  /** One to three range edits, each on the text the previous one left. */
  private incrementalChanges(document: OpenDocument): TextDocumentContentChangeEvent[] {
    const changes: TextDocumentContentChangeEvent[] = [];
    let model = TextDocument.create(document.uri, document.languageId, 0, document.text);
    for (let i = this.rng.between(1, 3); i > 0; i--) {
      const length = model.getText().length;
      const start = this.rng.int(length + 1);
      const end = this.rng.chance(0.5) ? start : Math.min(length, start + this.rng.logBetween(1, 300));
      const change = { range: { start: model.positionAt(start), end: model.positionAt(end) }, text: this.snippet() };
      changes.push(change);
      model = TextDocument.update(model, [change], model.version + 1);
    }
    return changes;
  }

  /** The diagnostics of the document's current version (saved first when files are only checked on save). */
  private diagnostics(document: OpenDocument): Promise<PublishDiagnosticsParams | undefined> {
    if (this.server.settings['run'] === 'onSave') this.server.notify('textDocument/didSave', { textDocument: { uri: document.uri } });
    return this.server.diagnosticsFor(document.uri, document.version, this.options.diagnosticsTimeoutMs);
  }

  /** The user stops typing until the diagnostics of what they typed are shown. */
  private async pause(document: OpenDocument): Promise<void> {
    const published = await this.diagnostics(document);
    if (!published && this.server.alive) {
      this.pauseFailures.push({ kind: 'hang', target: 'lsp', check: 'diagnostics-timeout', message: `no diagnostics for a document within ${this.options.diagnosticsTimeoutMs / 1000} s of its last change` });
    }
    if (published?.version === document.version) this.stormFailures.push(...checkDiagnostics(published.diagnostics, document.text, `version ${document.version}`));
  }

  /** A blank or comment line added or removed: the code stays as it was, on other lines. */
  private lineShift(document: OpenDocument): TextDocumentContentChangeEvent {
    const model = TextDocument.create(document.uri, document.languageId, document.version, document.text);
    const line = this.rng.int(model.lineCount);
    const start = { line, character: 0 };
    if (this.rng.chance(0.3) && line + 1 < model.lineCount && /^\s*$/.test(model.getText({ start, end: { line: line + 1, character: 0 } }))) {
      return { range: { start, end: { line: line + 1, character: 0 } }, text: '' };
    }
    return { range: { start, end: start }, text: this.rng.pick(['\n', '// note\n', '/* a\n   b */\n']) };
  }

  /** What an editor does on save with "fix all" among its code actions on save: an edit, then fix-all at once, then the save. */
  private saveWithFixAll(document: OpenDocument): void {
    this.events++;
    this.change(document, [this.lineShift(document)]);
    this.requestFixAll(document);
    this.server.notify('textDocument/didSave', { textDocument: { uri: document.uri } });
  }

  /** A line from another sample typed one character per change. */
  private type(document: OpenDocument): void {
    const line = this.rng.pick(this.corpus.lines).slice(0, 60);
    let offset = this.rng.int(document.text.length + 1);
    for (const character of line) {
      const model = TextDocument.create(document.uri, document.languageId, document.version, document.text);
      const position = model.positionAt(offset);
      this.change(document, [{ range: { start: position, end: position }, text: character }]);
      offset += character.length;
    }
  }

  private reopen(document: OpenDocument): void {
    this.close(document);
    this.open(document.uri, document.path, document.text, document.version + 1);
  }

  /** A file that is not open changes on disk (or disappears), and the server is told. */
  private changeOnDisk(): void {
    const closed = [...this.disk.keys()].filter((uri) => !this.documents.has(uri));
    if (closed.length === 0) return;
    const uri = this.rng.pick(closed);
    const file = new URL(uri);
    if (this.rng.chance(0.2)) {
      fs.rmSync(file, { force: true });
      this.disk.delete(uri);
      this.server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
      return;
    }
    const text = this.mutated({ uri, path: file.pathname, languageId: 'typescript', version: 0, text: this.disk.get(uri)! });
    fs.writeFileSync(file, text);
    this.disk.set(uri, Buffer.from(text, 'utf8').toString('utf8'));
    this.server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  }

  /** The texts and versions of the documents and files now, for checking an answer against them later. */
  private documentsNow(): Snapshot {
    const texts = new Map(this.disk);
    const versions = new Map<string, number>();
    for (const document of this.documents.values()) {
      texts.set(document.uri, document.text);
      versions.set(document.uri, document.version);
    }
    return { texts, textOf: (uri) => texts.get(uri), versionOf: (uri) => versions.get(uri) };
  }

  private request<T>(method: string, params: unknown, uri: string, check: (answer: Answer<T> & { status: 'ok' }) => Failure[]): void {
    this.requests++;
    const where = `${method} at version ${this.documents.get(uri)?.version}`;
    this.checks.push(
      this.server.request<T>(method, params, uri, this.options.requestTimeoutMs).then((answer): Failure[] => {
        if (answer.status === 'ok') return check(answer);
        if (answer.status === 'timeout') return [{ kind: 'hang', target: 'lsp', check: 'request-timeout', message: `${method}: no answer within ${this.options.requestTimeoutMs / 1000} s` }];
        if (answer.status === 'error') return [{ kind: 'crash', target: 'lsp', check: 'request-error', message: `${method} failed: ${oneLine(describeError(answer.message), 200)}`, detail: where }];
        return [];
      }),
    );
  }

  private requestQuickFixes(document: OpenDocument, diagnostics?: Diagnostic[]): void {
    const published = this.server.published(document.uri);
    const fresh = published?.version === document.version;
    const lines = document.text.split(/\r\n|\r|\n/);
    // An editor asks with the diagnostics it shows, which stay inside the text.
    const shown = diagnostics ?? (published?.diagnostics ?? []).filter((diagnostic) => diagnostic.range.end.line < lines.length && diagnostic.range.end.character <= lines[diagnostic.range.end.line]!.length);
    const chosen = shown.length > 0 && this.rng.chance(0.7) ? shown.filter(() => this.rng.chance(0.5)) : shown;
    const range = chosen[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: Math.max(0, this.rng.int(lines.length)), character: 0 } };
    const documents = this.documentsNow();
    const where = `quick fixes at version ${document.version}`;
    this.request<unknown>('textDocument/codeAction', { textDocument: { uri: document.uri }, range, context: { diagnostics: chosen, only: ['quickfix'] } }, document.uri, (answer) =>
      // Fixes may come from the diagnostics' data, which are only right for the version they were published for; the disable comments are made on the spot.
      checkCodeActions(answer.value, documents, (action: CodeAction) => fresh || action.title.startsWith('Disable '), where),
    );
  }

  /** Asks for fix-all; `then` gets the edits an editor would apply to the document. */
  private requestFixAll(document: OpenDocument, then?: (edits: TextEdit[]) => void): void {
    const version = document.version;
    const text = document.text;
    const documents = this.documentsNow();
    const published = this.server.published(document.uri);
    const where = `fix-all at version ${version}`;
    this.request<CodeAction[] | null>(
      'textDocument/codeAction',
      { textDocument: { uri: document.uri }, range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } }, context: { diagnostics: published?.diagnostics ?? [], only: [FIX_ALL_KIND] } },
      document.uri,
      (answer) => {
        const actions = (answer.value ?? []).filter((action) => action.kind === FIX_ALL_KIND);
        const edits = actions.flatMap((action) => applicableEdits(action, document.uri, documents));
        const behind = answer.publishedVersion !== version;
        const failures = checkCodeActions(answer.value, documents, () => true, where);
        if (behind && failures.length > 0) {
          return failures.map((failure) => ({ ...failure, check: 'stale-fix-all', message: `fix-all asked while the diagnostics were of an older version does not apply: ${failure.message}` }));
        }
        // Made while the diagnostics were of an older version: compared with fix-all for the same text once it is checked.
        if (behind && edits.length > 0) this.suspects.push({ uri: document.uri, version, publishedVersion: answer.publishedVersion, documents, edits });
        then?.(edits);
        return failures;
      },
    );
  }

  private requestCodeLenses(document: OpenDocument): void {
    const text = document.text;
    this.request<unknown>('textDocument/codeLens', { textDocument: { uri: document.uri } }, document.uri, (answer) => checkCodeLenses(answer.value, text, `code lenses at version ${document.version}`));
  }

  private requestOverfitTargets(document: OpenDocument): void {
    const { textOf } = this.documentsNow();
    this.request<unknown>(OVERFIT_TARGETS_REQUEST.method, { uri: document.uri }, document.uri, (answer) =>
      checkOverfitTargets(answer.value, (file) => textOf(uriOf(file)), `overfit targets at version ${document.version}`),
    );
  }

  /** Every open document gets diagnostics for its last version, inside its text. */
  private async settle(): Promise<Failure[]> {
    const failures: Failure[] = [];
    for (const document of this.documents.values()) this.server.notify('textDocument/didSave', { textDocument: { uri: document.uri } });
    for (const document of this.documents.values()) {
      const published = await this.server.diagnosticsFor(document.uri, document.version, this.options.diagnosticsTimeoutMs);
      if (!published) {
        if (!this.server.alive) return failures;
        failures.push({ kind: 'hang', target: 'lsp', check: 'diagnostics-timeout', message: `no diagnostics for the last version of a document within ${this.options.diagnosticsTimeoutMs / 1000} s` });
        return failures;
      }
      if (published.version === document.version) failures.push(...checkDiagnostics(published.diagnostics, document.text, `version ${document.version}`));
    }
    return failures;
  }

  /**
   * Fix-all answered while the document's diagnostics were of an older version must be what fix-all
   * gives for the same text once it is checked (when nothing else has changed since).
   */
  private async verifySuspects(): Promise<Failure[]> {
    const failures: Failure[] = [];
    for (const suspect of this.suspects.splice(0, MAX_VERIFIED_SUSPECTS)) {
      const document = this.documents.get(suspect.uri);
      const now = this.documentsNow();
      const others = new Set([...now.texts.keys(), ...suspect.documents.texts.keys()]);
      others.delete(suspect.uri);
      if (!document || [...others].some((uri) => now.textOf(uri) !== suspect.documents.textOf(uri))) continue;
      const text = suspect.documents.textOf(suspect.uri)!;
      if (document.text !== text) this.change(document, [{ text }]);
      if (!(await this.diagnostics(document))) {
        if (this.server.alive) failures.push({ kind: 'hang', target: 'lsp', check: 'diagnostics-timeout', message: `no diagnostics within ${this.options.diagnosticsTimeoutMs / 1000} s of a change` });
        return failures;
      }
      let fresh: TextEdit[] | undefined;
      this.requestFixAll(document, (edits) => (fresh = edits));
      for (const check of this.checks.splice(0)) failures.push(...(await check));
      if (fresh && sortedEdits(fresh) !== sortedEdits(suspect.edits)) {
        failures.push({
          kind: 'invalid',
          target: 'lsp',
          check: 'stale-fix-all',
          message: `fix-all asked at version ${suspect.version}, while the diagnostics were of version ${suspect.publishedVersion}, differs from fix-all for the same text once it is checked (${
            suspect.edits.length === fresh.length ? 'other places or texts' : `${suspect.edits.length} edits instead of ${fresh.length}`
          })`,
          detail: `asked: ${sortedEdits(suspect.edits)}\nfor the same text once checked: ${sortedEdits(fresh)}`,
        });
      }
    }
    return failures;
  }

  /** Fix-all and some quick fixes on the settled documents: fix-all applied leaves the file parsing no worse, and the server checks the result. */
  private async applyFixes(): Promise<Failure[]> {
    const failures: Failure[] = [];
    for (const document of [...this.documents.values()]) {
      const version = document.version;
      let edits: TextEdit[] = [];
      this.requestFixAll(document, (answered) => (edits = answered));
      for (const check of this.checks.splice(0)) failures.push(...(await check));
      if (edits.length === 0 || editsProblem(edits, document.text) !== undefined || document.version !== version) continue;
      const fixed = applyTextEdits(document.text, edits);
      const before = syntaxErrorCount(document.path, document.text);
      const after = syntaxErrorCount(document.path, fixed);
      if (after > before) failures.push({ kind: 'invalid', target: 'lsp', check: 'fix-all-syntax', message: `fix-all left ${after} syntax errors (${before} before)` });
      this.change(document, [{ text: fixed }]);
      const published = await this.diagnostics(document);
      if (!published) {
        if (this.server.alive) failures.push({ kind: 'hang', target: 'lsp', check: 'diagnostics-timeout', message: `no diagnostics after fix-all within ${this.options.diagnosticsTimeoutMs / 1000} s` });
        return failures;
      }
      if (published.version === document.version) {
        failures.push(...checkDiagnostics(published.diagnostics, document.text, 'after fix-all'));
        for (const diagnostic of published.diagnostics.slice(0, 3)) this.requestQuickFixes(document, [diagnostic]);
      }
    }
    return failures;
  }
}

/** Fix-all answers checked again, at most, per input. */
const MAX_VERIFIED_SUSPECTS = 2;

interface Snapshot extends DocumentsAtRequest {
  readonly texts: ReadonlyMap<string, string>;
}

/** A fix-all answer given while the document's diagnostics were of an older version. */
interface Suspect {
  readonly uri: string;
  readonly version: number;
  readonly publishedVersion: number | undefined;
  readonly documents: Snapshot;
  readonly edits: readonly TextEdit[];
}

/** Edits in one canonical text, for comparing two answers. */
function sortedEdits(edits: readonly TextEdit[]): string {
  return JSON.stringify([...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.newText.localeCompare(b.newText)));
}

function randomSettings(rng: Random): Record<string, unknown> {
  const severities = ['off', 'hint', 'info', 'warning', 'error', 'warn', 'bogus', 1, null];
  return rng.pick<Record<string, unknown>>([
    { rules: { 'missing-bias': rng.pick(severities), 'softmax-with-binary-crossentropy': rng.pick(severities) } },
    { run: 'onSave' },
    { enable: false },
    { rules: 'not an object' },
    { overfit: { codeLens: false } },
  ]);
}
