import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { AnyRule, Severity } from '../../../../rules/core/rule';
import type { Span } from '../../../../rules/core/span';
import type { ResolvedFix } from '../../analysis/linter';
import { isFatal, problemMessage } from '../../analysis/source';
import { packageVersion, ruleDoc, ruleDocUrl } from '../../docs';
import type { FileReport } from '../lint';
import { Locator } from './locate';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A URI reference for a file: relative to the source root when inside it, percent-encoded as URIs must be. */
function artifactUri(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? pathToFileURL(file).href : relative.split(path.sep).map(encodeURIComponent).join('/');
}

function region(locator: Locator, span: Span): Sarif.Region {
  const location = locator.locate(span);
  return { startLine: location.line, startColumn: location.column, endLine: location.endLine, endColumn: location.endColumn };
}

/** Strips the front matter and the title, which SARIF shows elsewhere. */
function docBody(markdown: string): string {
  return markdown.replace(/^---[\s\S]*?---\s*/, '').replace(/^# .*\n+/, '').trim();
}

function ruleDescriptor(rule: AnyRule): Sarif.ReportingDescriptor {
  const doc = ruleDoc(rule.meta.id);
  const helpUri = ruleDocUrl(rule.meta.id);
  const summary = doc ? (/## What it does\s+([\s\S]*?)(\n## |$)/.exec(doc)?.[1]?.trim() ?? rule.meta.description) : rule.meta.description;
  return {
    id: rule.meta.id,
    name: rule.meta.id,
    shortDescription: { text: `${rule.meta.description}.` },
    fullDescription: { text: summary },
    help: { text: doc ? docBody(doc) : `${rule.meta.description}.`, ...(doc ? { markdown: docBody(doc) } : {}) },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[rule.meta.severity] },
    properties: { category: rule.meta.category, fix: rule.meta.fix, tags: ['tensorflow.js', rule.meta.category] },
  };
}

function fixes(locator: Locator, cwd: string, fix: ResolvedFix): Sarif.Fix {
  const byFile = new Map<string, Sarif.Replacement[]>();
  for (const edit of fix.edits) {
    const replacements = byFile.get(edit.span.file) ?? [];
    replacements.push({ deletedRegion: region(locator, edit.span), insertedContent: { text: edit.text } });
    byFile.set(edit.span.file, replacements);
  }
  return {
    description: { text: fix.description },
    artifactChanges: [...byFile].map(([file, replacements]) => ({ artifactLocation: { uri: artifactUri(file, cwd), uriBaseId: '%SRCROOT%' }, replacements })),
  };
}

/** A SARIF 2.1.0 log for code-scanning tools, with the fields GitHub requires. */
export function formatSarif(reports: readonly FileReport[], rules: Readonly<Record<string, AnyRule>>, cwd: string, read: (file: string) => string): string {
  const locator = new Locator(read);
  const ruleIds = Object.keys(rules);
  const seenLines = new Map<string, number>();
  const results: Sarif.Result[] = reports.flatMap((report) =>
    report.findings.map((finding): Sarif.Result => {
      const location = locator.locate(finding.span);
      const lineText = locator.map(finding.span.file).lineText(location.line - 1).trim();
      const hash = createHash('sha256').update(`${finding.ruleId}\0${lineText}`).digest('hex').slice(0, 16);
      const occurrence = (seenLines.get(hash) ?? 0) + 1;
      seenLines.set(hash, occurrence);
      const allFixes = [...(finding.fix ? [finding.fix] : []), ...finding.suggestions];
      return {
        ruleId: finding.ruleId,
        ruleIndex: ruleIds.indexOf(finding.ruleId),
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(finding.span.file, cwd), uriBaseId: '%SRCROOT%' }, region: region(locator, finding.span) } }],
        ...(finding.related.length > 0
          ? {
              relatedLocations: finding.related.map((related, id) => ({
                id,
                message: { text: related.message },
                physicalLocation: { artifactLocation: { uri: artifactUri(related.span.file, cwd), uriBaseId: '%SRCROOT%' }, region: region(locator, related.span) },
              })),
            }
          : {}),
        partialFingerprints: { primaryLocationLineHash: `${hash}:${occurrence}` },
        ...(allFixes.length > 0 ? { fixes: allFixes.map((fix) => fixes(locator, cwd, fix)) } : {}),
      };
    }),
  );
  // A file that could not be analysed is not a result (no rule found anything) but a notification
  // about the run: level error tells consumers that the results are incomplete (SARIF appendix I).
  const notifications: Sarif.Notification[] = reports.flatMap((report): Sarif.Notification[] => {
    const problem = report.problem;
    if (!problem) return [];
    const region: Sarif.Region | undefined = problem.line !== undefined ? { startLine: problem.line, startColumn: problem.column ?? 1 } : undefined;
    return [
      {
        level: isFatal(problem) ? 'error' : 'warning',
        message: { text: problemMessage(problem) },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(report.file, cwd), uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) } }],
      },
    ];
  });
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tfjs-doctor', semanticVersion: packageVersion(), rules: ruleIds.map((id) => ruleDescriptor(rules[id]!)) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        // False when an input could not be analysed: SARIF's appendix I reads it as "the tool failed",
        // as the exit code (1) says too; the results for the other files are complete all the same.
        invocations: [{ executionSuccessful: !notifications.some((notification) => notification.level === 'error'), toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
