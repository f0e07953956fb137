import accuracyMetricOnRegression from './accuracy-metric-on-regression';
import activationOnRegressionOutput from './activation-on-regression-output';
import adadeltaDefaultLearningRate from './adadelta-default-learning-rate';
import allLayersFrozen from './all-layers-frozen';
import asyncInTidy from './async-in-tidy';
import batchSizeExtreme from './batch-size-extreme';
import biasBeforeBatchnorm from './bias-before-batchnorm';
import binaryCrossentropyWithoutSigmoid from './binary-crossentropy-without-sigmoid';
import bottleneckNarrowerThanOutput from './bottleneck-narrower-than-output';
import categoricalCrossentropyWithoutSoftmax from './categorical-crossentropy-without-softmax';
import constantKernelInitializer from './constant-kernel-initializer';
import type { AnyRule } from './core/rule';
import dataSyncInLoss from './data-sync-in-loss';
import doubleActivation from './double-activation';
import dropoutBeforeBatchnorm from './dropout-before-batchnorm';
import dropoutBeforePooling from './dropout-before-pooling';
import dropoutRateTooHigh from './dropout-rate-too-high';
import featureMapTooSmall from './feature-map-too-small';
import fitBeforeCompile from './fit-before-compile';
import fitNotAwaited from './fit-not-awaited';
import globalMinMaxScaling from './global-min-max-scaling';
import initActivationMismatch from './init-activation-mismatch';
import initializerScaleExtreme from './initializer-scale-extreme';
import inputRankMismatch from './input-rank-mismatch';
import int32LabelsWithSparseLoss from './int32-labels-with-sparse-loss';
import invalidReshape from './invalid-reshape';
import labelEncodingMismatch from './label-encoding-mismatch';
import labelsOutsideLossDomain from './labels-outside-loss-domain';
import learningRateDiverges from './learning-rate-diverges';
import learningRateOutOfRange from './learning-rate-out-of-range';
import logSoftmaxWithCrossentropy from './log-softmax-with-crossentropy';
import logWithoutEpsilon from './log-without-epsilon';
import lossSumReduction from './loss-sum-reduction';
import lossUnitsMismatch from './loss-units-mismatch';
import minimizeNonScalar from './minimize-non-scalar';
import minimizeWeightsAsReturnCost from './minimize-weights-as-return-cost';
import missingBias from './missing-bias';
import missingFlatten from './missing-flatten';
import missingHiddenNonlinearity from './missing-hidden-nonlinearity';
import missingInputShape from './missing-input-shape';
import modelOrOptimizerInLoop from './model-or-optimizer-in-loop';
import nllWithoutLogSoftmax from './nll-without-log-softmax';
import nonzeroBiasInitializer from './nonzero-bias-initializer';
import outputUnitsVsClasses from './output-units-vs-classes';
import regressionLossOnClassifier from './regression-loss-on-classifier';
import regularizationTooStrong from './regularization-too-strong';
import saturatingDeepStack from './saturating-deep-stack';
import shuffleDisabled from './shuffle-disabled';
import sigmoidCrossEntropyOnProbabilities from './sigmoid-cross-entropy-on-probabilities';
import softmaxCrossEntropyOnProbabilities from './softmax-cross-entropy-on-probabilities';
import softmaxWithBinaryCrossentropy from './softmax-with-binary-crossentropy';
import sqrtWithoutEpsilon from './sqrt-without-epsilon';
import tensorLeakInLoop from './tensor-leak-in-loop';
import tensorLeakPerCall from './tensor-leak-per-call';
import tooFewEpochs from './too-few-epochs';
import trainableChangedAfterCompile from './trainable-changed-after-compile';
import trainingFlagMissingInCustomLoop from './training-flag-missing-in-custom-loop';
import unguardedDivision from './unguarded-division';
import unknownActivation from './unknown-activation';
import unknownInitializer from './unknown-initializer';
import unknownLoss from './unknown-loss';
import unknownOptimizer from './unknown-optimizer';
import unknownOption from './unknown-option';
import unnormalizedInput from './unnormalized-input';
import unnormalizedRegressionTarget from './unnormalized-regression-target';
import utilShuffleOnDataset from './util-shuffle-on-dataset';
import validationSplitOnOrderedData from './validation-split-on-ordered-data';

/** Every rule, by id, in alphabetical order (a test keeps it sorted and in step with the files). */
export const rules: Readonly<Record<string, AnyRule>> = {
  'accuracy-metric-on-regression': accuracyMetricOnRegression,
  'activation-on-regression-output': activationOnRegressionOutput,
  'adadelta-default-learning-rate': adadeltaDefaultLearningRate,
  'all-layers-frozen': allLayersFrozen,
  'async-in-tidy': asyncInTidy,
  'batch-size-extreme': batchSizeExtreme,
  'bias-before-batchnorm': biasBeforeBatchnorm,
  'binary-crossentropy-without-sigmoid': binaryCrossentropyWithoutSigmoid,
  'bottleneck-narrower-than-output': bottleneckNarrowerThanOutput,
  'categorical-crossentropy-without-softmax': categoricalCrossentropyWithoutSoftmax,
  'constant-kernel-initializer': constantKernelInitializer,
  'data-sync-in-loss': dataSyncInLoss,
  'double-activation': doubleActivation,
  'dropout-before-batchnorm': dropoutBeforeBatchnorm,
  'dropout-before-pooling': dropoutBeforePooling,
  'dropout-rate-too-high': dropoutRateTooHigh,
  'feature-map-too-small': featureMapTooSmall,
  'fit-before-compile': fitBeforeCompile,
  'fit-not-awaited': fitNotAwaited,
  'global-min-max-scaling': globalMinMaxScaling,
  'init-activation-mismatch': initActivationMismatch,
  'initializer-scale-extreme': initializerScaleExtreme,
  'input-rank-mismatch': inputRankMismatch,
  'int32-labels-with-sparse-loss': int32LabelsWithSparseLoss,
  'invalid-reshape': invalidReshape,
  'label-encoding-mismatch': labelEncodingMismatch,
  'labels-outside-loss-domain': labelsOutsideLossDomain,
  'learning-rate-diverges': learningRateDiverges,
  'learning-rate-out-of-range': learningRateOutOfRange,
  'log-softmax-with-crossentropy': logSoftmaxWithCrossentropy,
  'log-without-epsilon': logWithoutEpsilon,
  'loss-sum-reduction': lossSumReduction,
  'loss-units-mismatch': lossUnitsMismatch,
  'minimize-non-scalar': minimizeNonScalar,
  'minimize-weights-as-return-cost': minimizeWeightsAsReturnCost,
  'missing-bias': missingBias,
  'missing-flatten': missingFlatten,
  'missing-hidden-nonlinearity': missingHiddenNonlinearity,
  'missing-input-shape': missingInputShape,
  'model-or-optimizer-in-loop': modelOrOptimizerInLoop,
  'nll-without-log-softmax': nllWithoutLogSoftmax,
  'nonzero-bias-initializer': nonzeroBiasInitializer,
  'output-units-vs-classes': outputUnitsVsClasses,
  'regression-loss-on-classifier': regressionLossOnClassifier,
  'regularization-too-strong': regularizationTooStrong,
  'saturating-deep-stack': saturatingDeepStack,
  'shuffle-disabled': shuffleDisabled,
  'sigmoid-cross-entropy-on-probabilities': sigmoidCrossEntropyOnProbabilities,
  'softmax-cross-entropy-on-probabilities': softmaxCrossEntropyOnProbabilities,
  'softmax-with-binary-crossentropy': softmaxWithBinaryCrossentropy,
  'sqrt-without-epsilon': sqrtWithoutEpsilon,
  'tensor-leak-in-loop': tensorLeakInLoop,
  'tensor-leak-per-call': tensorLeakPerCall,
  'too-few-epochs': tooFewEpochs,
  'trainable-changed-after-compile': trainableChangedAfterCompile,
  'training-flag-missing-in-custom-loop': trainingFlagMissingInCustomLoop,
  'unguarded-division': unguardedDivision,
  'unknown-activation': unknownActivation,
  'unknown-initializer': unknownInitializer,
  'unknown-loss': unknownLoss,
  'unknown-optimizer': unknownOptimizer,
  'unknown-option': unknownOption,
  'unnormalized-input': unnormalizedInput,
  'unnormalized-regression-target': unnormalizedRegressionTarget,
  'util-shuffle-on-dataset': utilShuffleOnDataset,
  'validation-split-on-ordered-data': validationSplitOnOrderedData,
};
