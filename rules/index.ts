import activationOnRegressionOutput from './activation-on-regression-output';
import type { AnyRule } from './core/rule';
import missingBias from './missing-bias';
import nllWithoutLogSoftmax from './nll-without-log-softmax';
import softmaxWithBinaryCrossentropy from './softmax-with-binary-crossentropy';
import unknownActivation from './unknown-activation';
import unknownInitializer from './unknown-initializer';
import unknownLoss from './unknown-loss';
import unknownOptimizer from './unknown-optimizer';

/** Every rule, by id, in alphabetical order (a test keeps it sorted and in step with the files). */
export const rules: Readonly<Record<string, AnyRule>> = {
  'activation-on-regression-output': activationOnRegressionOutput,
  'missing-bias': missingBias,
  'nll-without-log-softmax': nllWithoutLogSoftmax,
  'softmax-with-binary-crossentropy': softmaxWithBinaryCrossentropy,
  'unknown-activation': unknownActivation,
  'unknown-initializer': unknownInitializer,
  'unknown-loss': unknownLoss,
  'unknown-optimizer': unknownOptimizer,
};
