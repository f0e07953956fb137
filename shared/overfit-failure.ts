/**
 * Why an overfit check could not run, as the panel says it: a headline, the reason in a sentence,
 * and one next step in plain words. The worker's messages are one line each, written for the log
 * and the command line; this picks the point out of them and says what to do about it.
 */
import type { Mode } from '../overfit/src/types';

export interface FailureReport {
  /** What happened, as a short sentence. */
  readonly headline: string;
  /** Why, when the message says more than the headline. */
  readonly detail?: string;
  /** The one thing to try next. */
  readonly nextStep: string;
}

export interface FailureContext {
  readonly mode: Mode;
  /** Whether the workspace is trusted: execute mode needs it. */
  readonly trusted: boolean;
}

/** A sentence from a fragment: capital first letter, one full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.;:,\s]+$/, '');
  if (trimmed.length === 0) return '';
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

/** The step that lets the check run the file: trust the workspace, or switch to execute mode. */
function runTheFile(context: FailureContext): string {
  if (!context.trusted) return 'Trust the workspace, so that the check can run the file and take the model it trains.';
  if (context.mode === 'static') return 'Set "tfjsDoctor.overfit.mode" to "execute", so that the check runs the file and takes the model it trains.';
  return 'Make the file train the model when it runs (a call to fit), or export a function without parameters that returns it.';
}

interface Pattern {
  readonly match: RegExp;
  readonly report: (found: RegExpExecArray, context: FailureContext) => FailureReport;
}

const PATTERNS: readonly Pattern[] = [
  {
    match: /did not finish within (\d+) ?s/,
    report: (found, context) => ({
      headline: `The check ran out of time after ${found[1]} seconds.`,
      nextStep:
        context.mode === 'execute'
          ? 'If the script waits for data or input, check it runs on its own; otherwise raise "tfjsDoctor.overfit.timeLimit" or lower "tfjsDoctor.overfit.steps".'
          : 'Raise "tfjsDoctor.overfit.timeLimit", or lower "tfjsDoctor.overfit.steps" or "tfjsDoctor.overfit.batchSize".',
    }),
  },
  {
    match: /more than (\d+) MB of memory/,
    report: (found) => ({
      headline: `The check used more than its ${found[1]} MB of memory.`,
      nextStep: 'Raise "tfjsDoctor.overfit.memoryLimit", or lower "tfjsDoctor.overfit.batchSize".',
    }),
  },
  {
    // A factory nobody calls: neither mode can know its arguments, whatever the mode or trust.
    match: /^.*?(?:cannot be rebuilt from the code alone: |trains no model when run, and )(.*), and no call in the project \(tests aside\) gives it a value: call (.+) from a script with real values and run the check on that script$/s,
    report: (found) => ({
      headline: `The model is built from arguments of ${found[2]!}, and nothing in the project calls it with values.`,
      detail: sentence(found[1]!),
      nextStep: `Call ${found[2]!} from a script with real values, and run the check on that script.`,
    }),
  },
  {
    match: /^(.*); the model cannot be rebuilt from the code alone either \((.*)\)$/s,
    report: (found, context) => ({
      headline: 'Running the file gave no model to check, and the model cannot be rebuilt from the code alone.',
      detail: `${sentence(found[1]!)} ${sentence(found[2]!)}`,
      nextStep: runTheFile(context),
    }),
  },
  {
    match: /cannot be rebuilt from the code alone: (.*?)(?:\. Run the check in execute mode)?$/s,
    report: (found, context) => ({
      headline: 'The model cannot be rebuilt from the code alone.',
      detail: sentence(found[1]!),
      nextStep: runTheFile(context),
    }),
  },
  {
    match: /^no TensorFlow\.js model was found/,
    report: () => ({
      headline: 'No TensorFlow.js model was found in this file.',
      nextStep: 'Open the file that builds the model, and run the check from the "Run overfit check" lens above it.',
    }),
  },
  {
    match: /^the file has no (model|export) (named|created at) (.*)$/s,
    report: (found) => ({
      headline: `This file has no ${found[1]} ${found[2]} ${found[3]!.replace(/\s*\(.*$/s, '')}.`,
      ...(/\((.*)\)$/s.exec(found[3]!) ? { detail: sentence(`the file has ${/\((.*)\)$/s.exec(found[3]!)![1]}`) } : {}),
      nextStep: 'The file changed since the check was asked for: run it again from the lens above the model.',
    }),
  },
  {
    match: /^the package "([^"]+)" the script imports \(([^)]*)\) is not installed/,
    report: (found) => ({
      headline: `The package "${found[1]!}" is not installed.`,
      detail: `The script imports it at ${found[2]!}, so it cannot run here.`,
      nextStep: 'Install the project\'s dependencies (npm install), then run the check again, or set "tfjsDoctor.overfit.mode" to "static" to check the model without running the file.',
    }),
  },
  {
    match: /^the file could not be bundled: (.*)$/s,
    report: (found) => ({
      headline: 'The file could not be prepared to run.',
      detail: sentence(found[1]!),
      nextStep: 'Fix the error in the file (or a file it imports), then run the check again.',
    }),
  },
  {
    match: /^(?:the script threw (?:before training a model|while the check ran)|\w+\(\) threw): (.*)$/s,
    report: (found) => ({
      headline: 'The script stopped with an error before it trained the model.',
      detail: sentence(found[1]!),
      nextStep: 'Fix the error (it also stops the script when you run it), or set "tfjsDoctor.overfit.mode" to "static" to check the model without running the file.',
    }),
  },
  {
    match: /^the script called process\.exit/,
    report: () => ({
      headline: 'The script exited before it trained a model.',
      nextStep: 'Make the script reach its call to fit when it runs without arguments, or set "tfjsDoctor.overfit.mode" to "static".',
    }),
  },
  {
    match: /^the file ran to the end without training a model/,
    report: (_found, context) => ({
      headline: 'The script ran to the end without training a model.',
      nextStep: runTheFile(context),
    }),
  },
  {
    match: /^the models of (.*?) could not be read: (.*)$/is,
    report: (found) => ({
      headline: `The models of ${found[1]} could not be read.`,
      detail: sentence(found[2]!),
      nextStep: 'Run "tfjs-doctor: Restart Server", then run the check again.',
    }),
  },
];

/** The panel's account of a check that could not run. */
export function explainFailure(message: string, context: FailureContext): FailureReport {
  const text = message.trim();
  for (const pattern of PATTERNS) {
    const found = pattern.match.exec(text);
    if (found) return pattern.report(found, context);
  }
  const first = text.split('\n')[0];
  return {
    headline: 'The check could not run.',
    ...(first ? { detail: sentence(first) } : {}),
    nextStep: 'The tfjs-doctor output ("tfjs-doctor: Show Output") has the whole message; run the check again once its cause is fixed.',
  };
}
