import { ts } from './typescript';

/**
 * Where comments are, read from the syntax tree rather than from a bare token scanner: a scanner
 * without the parser's context takes the text after a template literal's `${...}` or a regular
 * expression such as /https?:\/\// for code or comments, and loses track of the rest of the file.
 */

/** A comment: its range, and whether it is a `//` comment (ending at its line's end). */
export interface Comment {
  readonly start: number;
  readonly end: number;
  readonly singleLine: boolean;
}

function isJsDoc(node: ts.Node): boolean {
  return node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode;
}

function isToken(node: ts.Node): boolean {
  return node.kind <= ts.SyntaxKind.LastToken;
}

/**
 * The token whose full range (leading trivia included) holds the offset, and whether the offset is
 * in that trivia; undefined at the very end of the text. JSDoc nodes are passed over: their text is
 * a comment in the trivia of the node they document.
 */
function tokenAt(sourceFile: ts.SourceFile, offset: number): { readonly token: ts.Node; readonly inTrivia: boolean } | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = node.getChildren(sourceFile).find((candidate) => !isJsDoc(candidate) && candidate.pos <= offset && offset < candidate.end);
    if (!child) return undefined;
    const start = child.getStart(sourceFile);
    if (offset < start) return { token: child, inTrivia: true };
    if (isToken(child) || child.getChildCount(sourceFile) === 0) return { token: child, inTrivia: false };
    node = child;
  }
}

/** The comments in the trivia before `token` (after the token before it). */
function commentsBefore(text: string, token: ts.Node): Comment[] {
  const ranges = [...(ts.getTrailingCommentRanges(text, token.pos) ?? []), ...(ts.getLeadingCommentRanges(text, token.pos) ?? [])];
  const seen = new Set<number>();
  return ranges
    .filter((range) => !seen.has(range.pos) && seen.add(range.pos))
    .map((range) => ({ start: range.pos, end: range.end, singleLine: range.kind === ts.SyntaxKind.SingleLineCommentTrivia }));
}

/** The comment the offset is in (its first character included, its end not), if it is in one. */
export function commentAt(sourceFile: ts.SourceFile, offset: number): Comment | undefined {
  const found = tokenAt(sourceFile, offset);
  if (!found?.inTrivia) return undefined;
  return commentsBefore(sourceFile.text, found.token).find((comment) => comment.start <= offset && offset < comment.end);
}

/**
 * Whether a comment inserted at the offset would be read as one: the offset is between tokens and
 * not inside another comment (the start of a token or comment counts as between). Inside a string,
 * a template literal, a regular expression or JSX text it would be part of their text.
 */
export function commentFits(sourceFile: ts.SourceFile, offset: number): boolean {
  const found = tokenAt(sourceFile, offset);
  if (!found) return true;
  if (found.token.kind === ts.SyntaxKind.JsxText) return false;
  if (!found.inTrivia) return offset === found.token.getStart(sourceFile);
  // Text put at the end of a `//` comment, before its line break, would be part of it.
  return !commentsBefore(sourceFile.text, found.token).some((comment) => comment.start < offset && (offset < comment.end || (comment.singleLine && offset === comment.end)));
}
