/**
 * The part of the language server that needs the TypeScript compiler: the workspace model, the
 * rules and the validator. main.ts loads it after the handshake, so the editor sees a ready server
 * without waiting for the 9 MB compiler to load.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rules } from '../../../rules/index';
import { isHtmlFile, isLintedFile, isSourceFile } from '../analysis/source';
import { Workspace, collectSourceFilesAsync } from '../analysis/workspace';
import { modelLearningRateEdit, overfitCodeLenses, overfitTargets } from './overfit';
import type { SettingsStore } from './settings';
import { trainingFixResult } from './training-fix';
import { trainingCodeLens } from './training-lens';
import { Validator } from './validator';

export interface Analysis {
  readonly rules: typeof rules;
  readonly workspace: Workspace;
  readonly validator: Validator;
  readonly isSourceFile: typeof isSourceFile;
  readonly isHtmlFile: typeof isHtmlFile;
  readonly isLintedFile: typeof isLintedFile;
  readonly overfitTargets: typeof overfitTargets;
  readonly modelLearningRateEdit: typeof modelLearningRateEdit;
  readonly overfitCodeLenses: typeof overfitCodeLenses;
  readonly trainingFixResult: typeof trainingFixResult;
  readonly trainingCodeLens: typeof trainingCodeLens;
  /** Learns which file imports which in the given folders, between other work. */
  readonly indexWorkspace: (folders: readonly string[]) => Promise<number>;
}

export function createAnalysis(connection: Connection, documents: TextDocuments<TextDocument>, settings: SettingsStore): Analysis {
  const workspace = new Workspace({
    // The files open in the editor, what they import and what imports them: a working set that a
    // long session would otherwise grow to every file ever opened or read.
    maxParsedFiles: 256,
    maxParsedCharacters: 8_000_000,
    // A failure of the analysis itself is an error of the server; code nested beyond what it can
    // follow is a property of the input (the file gets a note saying so), logged as information.
    onSkip: ({ file, reason, problem }) =>
      problem.kind === 'crash' && problem.detail !== undefined
        ? connection.console.error(`Could not analyse ${file}: ${problem.detail}`)
        : connection.console.info(`Skipped ${file}: ${reason}.`),
    onRuleFailure: ({ ruleId, error }) =>
      connection.console.error(`Rule ${ruleId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const validator = new Validator(connection, documents, workspace, settings, rules);
  return {
    rules,
    workspace,
    validator,
    isSourceFile,
    isHtmlFile,
    isLintedFile,
    overfitTargets,
    modelLearningRateEdit,
    overfitCodeLenses,
    trainingFixResult,
    trainingCodeLens,
    async indexWorkspace(folders) {
      const files = (await Promise.all(folders.map((folder) => collectSourceFilesAsync(folder)))).flat();
      workspace.addKnownFiles(files);
      // In slices between requests: the first diagnostics never wait for the index.
      await new Promise<void>((resolve) => {
        const slice = (): void => {
          if (workspace.indexPending(performance.now() + 10)) resolve();
          else setImmediate(slice);
        };
        setImmediate(slice);
      });
      return files.length;
    },
  };
}
