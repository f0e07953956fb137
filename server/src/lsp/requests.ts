/**
 * Answers to requests the server does not serve, in the form LSP gives them, and the checks of the
 * parameters of the custom requests (they come from another process, typed by nothing).
 */
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { OverfitTargetsParams, TrainingFixParams } from '../../../shared/protocol';
import { readTrainingFix } from '../../../shared/training-fix';

/** The answer to a request the client cancelled while it ran. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

export function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** `tfjsDoctor/overfitTargets` parameters: `{ uri }` with the URI of a document. */
export function overfitTargetsParams(params: unknown): OverfitTargetsParams | ResponseError<void> {
  const uri = typeof params === 'object' && params !== null && 'uri' in params ? params.uri : undefined;
  if (typeof uri !== 'string') return invalidParams(`tfjsDoctor/overfitTargets expects { uri: string }, the URI of a document; got ${describe(params)}.`);
  if (!URL.canParse(uri)) return invalidParams(`tfjsDoctor/overfitTargets: '${uri}' is not a URI.`);
  return { uri };
}

/** `tfjsDoctor/trainingFix` parameters: `{ fix }`, a fix of the learning-curve doctor. */
export function trainingFixParams(params: unknown): TrainingFixParams | ResponseError<void> {
  const fix = readTrainingFix(typeof params === 'object' && params !== null && 'fix' in params ? params.fix : undefined);
  if (!fix) return invalidParams(`tfjsDoctor/trainingFix expects { fix }, a training fix with its kind, place and values; got ${describe(params)}.`);
  return { fix };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
