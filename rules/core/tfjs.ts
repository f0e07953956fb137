/**
 * Facts about the TensorFlow.js API (version 4.x) that both the extractor and the rules rely on.
 * Checked against the tfjs-layers and tfjs-core sources and a live tfjs 4.22 install.
 */

export type LayerRole =
  /** Has weights and an optional `activation` (dense, convolutions, recurrent layers). */
  | 'learnable'
  /** Applies an activation and nothing else (`activation`, `softmax`, `reLU`, ...). */
  | 'activation'
  | 'normalization'
  /** Changes values only in training or not at all; shape and range pass through (dropout, noise). */
  | 'passThrough'
  | 'pooling'
  /** Rearranges values (flatten, reshape, permute, padding, cropping, ...). */
  | 'reshape'
  | 'merge'
  | 'embedding'
  | 'wrapper'
  | 'other';

export interface LayerFacts {
  readonly role: LayerRole;
  /** Default of the `activation` option, for layers that have one. */
  readonly defaultActivation?: string;
  /** The activation an activation layer applies, when fixed by the factory. */
  readonly fixedActivation?: string;
  /** The option that sets the size of the last output dimension. */
  readonly unitsKey?: 'units' | 'filters' | 'outputDim';
  /** Whether the layer has a `useBias` option (default true). */
  readonly hasBias?: boolean;
  /** Whether the layer is a convolution (for messages and rules that single them out). */
  readonly convolution?: boolean;
  /** Keeps the last dimension (so the units of the layer before it still count). */
  readonly keepsLastDim?: boolean;
}

const dense: LayerFacts = { role: 'learnable', defaultActivation: 'linear', unitsKey: 'units', hasBias: true };
const conv: LayerFacts = { role: 'learnable', defaultActivation: 'linear', unitsKey: 'filters', hasBias: true, convolution: true };
const depthwise: LayerFacts = { role: 'learnable', defaultActivation: 'linear', hasBias: true, convolution: true };
const recurrent: LayerFacts = { role: 'learnable', defaultActivation: 'tanh', unitsKey: 'units', hasBias: true };
const passThrough: LayerFacts = { role: 'passThrough', keepsLastDim: true };
const pooling: LayerFacts = { role: 'pooling', keepsLastDim: true };
const reshape: LayerFacts = { role: 'reshape' };
const merge: LayerFacts = { role: 'merge' };

/** Every factory under `tf.layers` in tfjs 4.22. */
export const LAYER_FACTS: Readonly<Record<string, LayerFacts>> = {
  activation: { role: 'activation', keepsLastDim: true },
  add: merge,
  alphaDropout: passThrough,
  average: merge,
  averagePooling1d: pooling,
  averagePooling2d: pooling,
  averagePooling3d: pooling,
  avgPool1d: pooling,
  avgPool2d: pooling,
  avgPool3d: pooling,
  avgPooling1d: pooling,
  avgPooling2d: pooling,
  avgPooling3d: pooling,
  batchNormalization: { role: 'normalization', keepsLastDim: true },
  bidirectional: { role: 'wrapper' },
  categoryEncoding: { role: 'other' },
  centerCrop: reshape,
  concatenate: merge,
  conv1d: conv,
  conv2d: conv,
  conv2dTranspose: conv,
  conv3d: conv,
  conv3dTranspose: conv,
  convLstm2d: { ...recurrent, unitsKey: 'filters', convolution: true },
  cropping2D: reshape,
  dense,
  depthwiseConv2d: depthwise,
  dot: merge,
  dropout: passThrough,
  elu: { role: 'activation', fixedActivation: 'elu', keepsLastDim: true },
  embedding: { role: 'embedding', unitsKey: 'outputDim' },
  flatten: reshape,
  gaussianDropout: passThrough,
  gaussianNoise: passThrough,
  globalAveragePooling1d: pooling,
  globalAveragePooling2d: pooling,
  globalMaxPool1d: pooling,
  globalMaxPool2d: pooling,
  globalMaxPooling1d: pooling,
  globalMaxPooling2d: pooling,
  gru: recurrent,
  input: { role: 'other' },
  inputLayer: { role: 'other' },
  layerNormalization: { role: 'normalization', keepsLastDim: true },
  leakyReLU: { role: 'activation', fixedActivation: 'leakyReLU', keepsLastDim: true },
  lstm: recurrent,
  masking: passThrough,
  maxPool1d: pooling,
  maxPool2d: pooling,
  maxPooling1d: pooling,
  maxPooling2d: pooling,
  maxPooling3d: pooling,
  maximum: merge,
  minimum: merge,
  multiply: merge,
  permute: reshape,
  prelu: { role: 'activation', fixedActivation: 'prelu', keepsLastDim: true },
  randomWidth: { role: 'other' },
  reLU: { role: 'activation', fixedActivation: 'relu', keepsLastDim: true },
  repeatVector: reshape,
  rescaling: { role: 'other', keepsLastDim: true },
  reshape,
  resizing: reshape,
  rnn: { role: 'learnable' },
  separableConv2d: conv,
  simpleRNN: recurrent,
  softmax: { role: 'activation', fixedActivation: 'softmax', keepsLastDim: true },
  spatialDropout1d: passThrough,
  stackedRNNCells: { role: 'other' },
  thresholdedReLU: { role: 'activation', fixedActivation: 'thresholdedReLU', keepsLastDim: true },
  timeDistributed: { role: 'wrapper' },
  upSampling2d: { role: 'reshape', keepsLastDim: true },
  zeroPadding2d: { role: 'reshape', keepsLastDim: true },
};

export function layerFacts(factory: string): LayerFacts | undefined {
  return Object.prototype.hasOwnProperty.call(LAYER_FACTS, factory) ? LAYER_FACTS[factory] : undefined;
}

/** Activation identifiers tfjs accepts as strings (`tf.layers.activation`, the `activation` option). */
export const ACTIVATIONS: ReadonlySet<string> = new Set([
  'elu', 'gelu', 'gelu_new', 'hardSigmoid', 'linear', 'logSoftmax', 'mish', 'relu', 'relu6', 'selu',
  'sigmoid', 'softmax', 'softplus', 'softsign', 'swish', 'tanh',
]);

/** Loss names `model.compile` accepts as strings; anything else throws "Unknown loss". */
export const LOSS_NAMES: ReadonlySet<string> = new Set([
  'binaryCrossentropy', 'categoricalCrossentropy', 'categoricalHinge', 'cosineProximity', 'hinge',
  'kullbackLeiblerDivergence', 'logcosh', 'meanAbsoluteError', 'meanAbsolutePercentageError',
  'meanSquaredError', 'meanSquaredLogarithmicError', 'poisson', 'sparseCategoricalCrossentropy', 'squaredHinge',
]);

/** Loss strings that score real-valued targets. */
export const REGRESSION_LOSS_NAMES: ReadonlySet<string> = new Set([
  'logcosh', 'meanAbsoluteError', 'meanAbsolutePercentageError', 'meanSquaredError', 'meanSquaredLogarithmicError',
]);

/** `tf.losses.*` and `tf.metrics.*` functions that score real-valued targets, by path. */
export const REGRESSION_LOSS_PATHS: ReadonlySet<string> = new Set([
  'losses.absoluteDifference', 'losses.huberLoss', 'losses.meanSquaredError',
  'metrics.MAE', 'metrics.MAPE', 'metrics.MSE', 'metrics.mae', 'metrics.mape', 'metrics.meanAbsoluteError',
  'metrics.meanAbsolutePercentageError', 'metrics.meanSquaredError', 'metrics.mse',
]);

/** Activations that squash or rectify their input (everything but the identity). */
export function isNonLinearActivation(name: string): boolean {
  return name !== 'linear';
}

/** Default learning rates of the optimizer strings `compile` accepts (tfjs-layers optimizers.ts). */
export const OPTIMIZER_STRING_LEARNING_RATES: Readonly<Record<string, number>> = {
  adadelta: 1.0,
  adagrad: 0.01,
  adam: 0.001,
  adamax: 0.002,
  rmsprop: 0.001,
  sgd: 0.01,
};

/**
 * Tensor-returning functions of `tf.*` and methods of `tf.Tensor` the extractor follows as tensor
 * operations. Anything not listed is treated as an unknown value, never as a tensor.
 */
export const TENSOR_OPS: ReadonlySet<string> = new Set([
  'abs', 'acos', 'add', 'addN', 'argMax', 'argMin', 'as1D', 'as2D', 'as3D', 'as4D', 'asType', 'asin', 'atan',
  'avgPool', 'batchNorm', 'booleanMaskAsync', 'cast', 'ceil', 'clipByValue', 'clone', 'concat', 'conv1d', 'conv2d',
  'cos', 'cumsum', 'div', 'divNoNan', 'dot', 'elu', 'equal', 'exp', 'expandDims', 'expm1', 'eye', 'fill', 'flatten',
  'floor', 'floorDiv', 'gather', 'greater', 'greaterEqual', 'leakyRelu', 'less', 'lessEqual', 'linspace', 'log',
  'log1p', 'logSigmoid', 'logSoftmax', 'logSumExp', 'logicalAnd', 'logicalNot', 'logicalOr', 'matMul', 'max',
  'maxPool', 'maximum', 'mean', 'min', 'minimum', 'mod', 'moments', 'mul', 'multinomial', 'neg', 'norm',
  'notEqual', 'oneHot', 'ones', 'onesLike', 'pad', 'pow', 'prelu', 'prod', 'randomNormal', 'randomUniform',
  'range', 'reciprocal', 'relu', 'relu6', 'reshape', 'reverse', 'round', 'rsqrt', 'scalar', 'selu', 'sigmoid',
  'sign', 'sin', 'slice', 'softmax', 'softplus', 'split', 'sqrt', 'square', 'squaredDifference', 'squeeze',
  'stack', 'step', 'sub', 'sum', 'tanh', 'tensor', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d',
  'tensor6d', 'tile', 'toFloat', 'toInt', 'transpose', 'truncatedNormal', 'unstack', 'variable', 'where',
  'zeros', 'zerosLike',
]);

/** Operations that reduce a tensor to fewer dimensions by summing or averaging. */
export const SUM_REDUCTIONS: ReadonlySet<string> = new Set(['sum', 'mean']);

/** Initializer names layers accept as strings (the camelCase names and the class names). */
export const INITIALIZER_NAMES: ReadonlySet<string> = new Set([
  'constant', 'glorotNormal', 'glorotUniform', 'heNormal', 'heUniform', 'identity', 'leCunNormal', 'leCunUniform', 'ones',
  'orthogonal', 'randomNormal', 'randomUniform', 'truncatedNormal', 'varianceScaling', 'zeros',
  'Constant', 'GlorotNormal', 'GlorotUniform', 'HeNormal', 'HeUniform', 'Identity', 'LeCunNormal', 'LeCunUniform', 'Ones',
  'Orthogonal', 'RandomNormal', 'RandomUniform', 'TruncatedNormal', 'VarianceScaling', 'Zeros',
]);

/** The options of layers that name an initializer. */
export const INITIALIZER_OPTIONS: readonly string[] = [
  'kernelInitializer', 'biasInitializer', 'recurrentInitializer', 'embeddingsInitializer', 'depthwiseInitializer',
  'pointwiseInitializer', 'gammaInitializer', 'betaInitializer', 'movingMeanInitializer', 'movingVarianceInitializer',
  'alphaInitializer',
];

/** Learning rates below this barely move the weights: the loss looks flat for thousands of steps. */
export const LOWEST_USEFUL_LEARNING_RATE = 1e-6;

/** Optimizer names `compile` accepts as strings (tfjs-layers optimizers.ts). */
export const OPTIMIZER_NAMES: ReadonlySet<string> = new Set([
  'Adadelta', 'Adagrad', 'Adam', 'Adamax', 'RMSProp', 'SGD', 'adadelta', 'adagrad', 'adam', 'adamax', 'rmsprop', 'sgd',
]);

/** The options `model.fit` reads; anything else is silently ignored. */
export const FIT_OPTIONS: ReadonlySet<string> = new Set([
  'batchSize', 'callbacks', 'classWeight', 'epochs', 'initialEpoch', 'sampleWeight', 'shuffle', 'stepsPerEpoch',
  'validationData', 'validationSplit', 'validationSteps', 'verbose', 'yieldEvery',
]);

/** The options `model.fitDataset` reads. */
export const FIT_DATASET_OPTIONS: ReadonlySet<string> = new Set([
  'batchesPerEpoch', 'callbacks', 'classWeight', 'epochs', 'initialEpoch', 'validationBatchSize', 'validationBatches',
  'validationData', 'verbose', 'yieldEvery',
]);

/** The options `model.compile` reads. */
export const COMPILE_OPTIONS: ReadonlySet<string> = new Set(['loss', 'metrics', 'optimizer']);

/** Loss spellings from Keras and elsewhere, by their squashed form, with the tfjs name they mean. */
export const LOSS_ALIASES: Readonly<Record<string, string>> = {
  binarycrossentropy: 'binaryCrossentropy',
  categoricalcrossentropy: 'categoricalCrossentropy',
  sparsecategoricalcrossentropy: 'sparseCategoricalCrossentropy',
  mse: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  mape: 'meanAbsolutePercentageError',
  msle: 'meanSquaredLogarithmicError',
  kld: 'kullbackLeiblerDivergence',
  kldivergence: 'kullbackLeiblerDivergence',
  cosine: 'cosineProximity',
  cosinesimilarity: 'cosineProximity',
  softmaxcrossentropy: 'categoricalCrossentropy',
  sigmoidcrossentropy: 'binaryCrossentropy',
  logloss: 'binaryCrossentropy',
};

export const ACTIVATION_ALIASES: Readonly<Record<string, string>> = {
  none: 'linear',
  identity: 'linear',
  hardsigmoid: 'hardSigmoid',
  logsoftmax: 'logSoftmax',
  silu: 'swish',
};

export const INITIALIZER_ALIASES: Readonly<Record<string, string>> = {
  xavier: 'glorotUniform',
  xavieruniform: 'glorotUniform',
  xaviernormal: 'glorotNormal',
  kaiming: 'heNormal',
  kaimingnormal: 'heNormal',
  kaiminguniform: 'heUniform',
  lecunnormal: 'leCunNormal',
  lecununiform: 'leCunUniform',
};

export const OPTIMIZER_ALIASES: Readonly<Record<string, string>> = { adam: 'adam', sgd: 'sgd', rmsprop: 'rmsprop', adagrad: 'adagrad', adadelta: 'adadelta', adamax: 'adamax' };

/** Snake_case and misspelled option names, by their squashed form, with the name tfjs reads. */
export const OPTION_ALIASES: Readonly<Record<string, string>> = {
  batchsize: 'batchSize',
  epoch: 'epochs',
  numepochs: 'epochs',
  validationsplit: 'validationSplit',
  validationdata: 'validationData',
  classweight: 'classWeight',
  classweights: 'classWeight',
  sampleweight: 'sampleWeight',
  initialepoch: 'initialEpoch',
  stepsperepoch: 'stepsPerEpoch',
  validationsteps: 'validationSteps',
  batchesperepoch: 'batchesPerEpoch',
  validationbatchsize: 'validationBatchSize',
  validationbatches: 'validationBatches',
  yieldevery: 'yieldEvery',
  metric: 'metrics',
  losses: 'loss',
};
