import accuracyMetricOnRegression from './accuracy-metric-on-regression';
import activationOnRegressionOutput from './activation-on-regression-output';
import adadeltaDefaultLearningRate from './adadelta-default-learning-rate';
import batchSizeExtreme from './batch-size-extreme';
import biasBeforeBatchnorm from './bias-before-batchnorm';
import binaryCrossentropyWithoutSigmoid from './binary-crossentropy-without-sigmoid';
import categoricalCrossentropyWithoutSoftmax from './categorical-crossentropy-without-softmax';
import constantKernelInitializer from './constant-kernel-initializer';
import type { AnyRule } from './core/rule';
import doubleActivation from './double-activation';
import dropoutBeforeBatchnorm from './dropout-before-batchnorm';
import dropoutRateTooHigh from './dropout-rate-too-high';
import learningRateOutOfRange from './learning-rate-out-of-range';
import logSoftmaxWithCrossentropy from './log-softmax-with-crossentropy';
import lossUnitsMismatch from './loss-units-mismatch';
import missingBias from './missing-bias';
import missingHiddenNonlinearity from './missing-hidden-nonlinearity';
import missingInputShape from './missing-input-shape';
import nllWithoutLogSoftmax from './nll-without-log-softmax';
import nonzeroBiasInitializer from './nonzero-bias-initializer';
import regressionLossOnClassifier from './regression-loss-on-classifier';
import shuffleDisabled from './shuffle-disabled';
import softmaxWithBinaryCrossentropy from './softmax-with-binary-crossentropy';
import tooFewEpochs from './too-few-epochs';
import unknownActivation from './unknown-activation';
import unknownInitializer from './unknown-initializer';
import unknownLoss from './unknown-loss';
import unknownOptimizer from './unknown-optimizer';
import unknownOption from './unknown-option';

/** Every rule, by id, in alphabetical order (a test keeps it sorted and in step with the files). */
export const rules: Readonly<Record<string, AnyRule>> = {
  'accuracy-metric-on-regression': accuracyMetricOnRegression,
  'activation-on-regression-output': activationOnRegressionOutput,
  'adadelta-default-learning-rate': adadeltaDefaultLearningRate,
  'batch-size-extreme': batchSizeExtreme,
  'bias-before-batchnorm': biasBeforeBatchnorm,
  'binary-crossentropy-without-sigmoid': binaryCrossentropyWithoutSigmoid,
  'categorical-crossentropy-without-softmax': categoricalCrossentropyWithoutSoftmax,
  'constant-kernel-initializer': constantKernelInitializer,
  'double-activation': doubleActivation,
  'dropout-before-batchnorm': dropoutBeforeBatchnorm,
  'dropout-rate-too-high': dropoutRateTooHigh,
  'learning-rate-out-of-range': learningRateOutOfRange,
  'log-softmax-with-crossentropy': logSoftmaxWithCrossentropy,
  'loss-units-mismatch': lossUnitsMismatch,
  'missing-bias': missingBias,
  'missing-hidden-nonlinearity': missingHiddenNonlinearity,
  'missing-input-shape': missingInputShape,
  'nll-without-log-softmax': nllWithoutLogSoftmax,
  'nonzero-bias-initializer': nonzeroBiasInitializer,
  'regression-loss-on-classifier': regressionLossOnClassifier,
  'shuffle-disabled': shuffleDisabled,
  'softmax-with-binary-crossentropy': softmaxWithBinaryCrossentropy,
  'too-few-epochs': tooFewEpochs,
  'unknown-activation': unknownActivation,
  'unknown-initializer': unknownInitializer,
  'unknown-loss': unknownLoss,
  'unknown-optimizer': unknownOptimizer,
  'unknown-option': unknownOption,
};
