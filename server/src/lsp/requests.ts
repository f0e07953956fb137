/**
 * Answers to requests the server does not serve, in the form LSP gives them, and the checks of the
 * parameters of the custom requests (they come from another process, typed by nothing).
 */
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { LearningRateEditParams, OverfitTargetsParams, TrainingFixParams } from '../../../shared/protocol';
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

/** `tfjsDoctor/learningRateEdit` parameters: `{ uri, line, learningRate }`. */
export function learningRateEditParams(params: unknown): LearningRateEditParams | ResponseError<void> {
  const record = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  const { uri, line, learningRate } = record;
  if (typeof uri !== 'string' || !URL.canParse(uri) || !Number.isSafeInteger(line) || (line as number) < 1 || typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    return invalidParams(`tfjsDoctor/learningRateEdit expects { uri: string, line: a line number from 1, learningRate: a positive number }; got ${describe(params)}.`);
  }
  return { uri, line: line as number, learningRate };
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
