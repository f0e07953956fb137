import { pathToFileURL } from 'node:url';
import type { Diagnostic, DiagnosticSeverity, Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Severity, TextEdit } from '../../../rules/core/rule';
import type { Span } from '../../../rules/core/span';
import { SOURCE } from '../../../shared/protocol';
import type { DisableEdits } from '../analysis/disable-comments';
import type { Finding, ResolvedFix } from '../analysis/linter';
import { LineMap } from '../analysis/positions';
import { problemMessage, type FileProblem } from '../analysis/source';
import { ruleDocPath } from '../docs';
import { pathUri } from './uris';

/** An edit of a code action, already in editor coordinates. */
export interface EditData {
  readonly uri: string;
  readonly edit: LspTextEdit;
}

export interface FixData {
  readonly title: string;
  readonly edits: readonly EditData[];
}

/**
 * A finding as the editor sees it: the diagnostic that is published, and the fix and suggestions
 * that the server keeps for the code action requests about it. The edits stay on the server, with
 * the check that computed them: an editor echoes a diagnostic back with the ranges it moved along
 * with the user's typing, but any edits inside it would still be those of the text that was
 * checked.
 */
export interface Problem {
  readonly ruleId: string;
  readonly diagnostic: Diagnostic;
  readonly fix?: FixData;
  readonly suggestions: readonly FixData[];
  /** The disable comments for the finding; none where a comment would not be code (page markup). */
  readonly disable?: { readonly line: EditData; readonly file: EditData };
}

// LSP's DiagnosticSeverity values, written out: importing them would load the whole server library
// into the analysis bundle, which the server loads after its handshake.
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: 1,
  warning: 2,
  info: 3,
  hint: 4,
};

/** Converts spans of any file to ranges, mapping each file's current text once. */
export class RangeMapper {
  private readonly maps = new Map<string, LineMap>();
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly read: (file: string) => string | undefined) {}

  range(span: Span): Range {
    let map = this.maps.get(span.file);
    if (!map) {
      const text = this.read(span.file);
      this.texts.set(span.file, text);
      this.maps.set(span.file, (map = new LineMap(text ?? '')));
    }
    return { start: map.position(span.start), end: map.position(span.end) };
  }

  /** The text of every file a range was computed in, as it was read. */
  textsRead(): ReadonlyMap<string, string | undefined> {
    return this.texts;
  }
}

function fixData(fix: ResolvedFix, mapper: RangeMapper): FixData {
  return {
    title: fix.description,
    edits: fix.edits.map((edit) => editData(edit, mapper)),
  };
}

function editData(edit: TextEdit, mapper: RangeMapper): EditData {
  return { uri: pathUri(edit.span.file), edit: { range: mapper.range(edit.span), newText: edit.text } };
}

export function toProblem(finding: Finding, mapper: RangeMapper, disable?: DisableEdits): Problem {
  return {
    ruleId: finding.ruleId,
    diagnostic: {
      range: mapper.range(finding.span),
      severity: SEVERITY[finding.severity],
      source: SOURCE,
      code: finding.ruleId,
      codeDescription: { href: pathToFileURL(ruleDocPath(finding.ruleId)).href },
      message: finding.message,
      relatedInformation: finding.related.map((related) => ({
        location: { uri: pathUri(related.span.file), range: mapper.range(related.span) },
        message: related.message,
      })),
    },
    ...(finding.fix ? { fix: fixData(finding.fix, mapper) } : {}),
    suggestions: finding.suggestions.map((suggestion) => fixData(suggestion, mapper)),
    ...(disable ? { disable: { line: editData(disable.line, mapper), file: editData(disable.file, mapper) } } : {}),
  };
}

/**
 * The diagnostic of a document whose analysis failed (a stack overflow on deeply nested code, a
 * bug) or ran out of budget, at the top of the file: without it, no findings would read as "nothing
 * wrong". A warning, not an error: the code itself may well be right.
 */
export function problemDiagnostic(problem: FileProblem): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: SEVERITY.warning,
    source: SOURCE,
    message: problemMessage(problem),
  };
}
