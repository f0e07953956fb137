import activationOnRegressionOutput from './activation-on-regression-output';
import binaryCrossentropyWithoutSigmoid from './binary-crossentropy-without-sigmoid';
import categoricalCrossentropyWithoutSoftmax from './categorical-crossentropy-without-softmax';
import type { AnyRule } from './core/rule';
import logSoftmaxWithCrossentropy from './log-softmax-with-crossentropy';
import lossUnitsMismatch from './loss-units-mismatch';
import missingBias from './missing-bias';
import nllWithoutLogSoftmax from './nll-without-log-softmax';
import regressionLossOnClassifier from './regression-loss-on-classifier';
import softmaxWithBinaryCrossentropy from './softmax-with-binary-crossentropy';
import unknownActivation from './unknown-activation';
import unknownInitializer from './unknown-initializer';
import unknownLoss from './unknown-loss';
import unknownOptimizer from './unknown-optimizer';

/** Every rule, by id, in alphabetical order (a test keeps it sorted and in step with the files). */
export const rules: Readonly<Record<string, AnyRule>> = {
  'activation-on-regression-output': activationOnRegressionOutput,
  'binary-crossentropy-without-sigmoid': binaryCrossentropyWithoutSigmoid,
  'categorical-crossentropy-without-softmax': categoricalCrossentropyWithoutSoftmax,
  'log-softmax-with-crossentropy': logSoftmaxWithCrossentropy,
  'loss-units-mismatch': lossUnitsMismatch,
  'missing-bias': missingBias,
  'nll-without-log-softmax': nllWithoutLogSoftmax,
  'regression-loss-on-classifier': regressionLossOnClassifier,
  'softmax-with-binary-crossentropy': softmaxWithBinaryCrossentropy,
  'unknown-activation': unknownActivation,
  'unknown-initializer': unknownInitializer,
  'unknown-loss': unknownLoss,
  'unknown-optimizer': unknownOptimizer,
};
