/** The batch the check trains on: captured from the user's `fit`, or made up to fit the model. */
import { isClassification, labelKindOf, outputLossNames, standInLabelKind, type LabelKind } from './losses';
import { Random } from './random';
import type { LayersModel, Tensor, Tf } from './tf';
import { OverfitError, type DataSpec, type TensorDataSpec } from './types';

export interface Batch {
  /** One tensor per model input, in `model.inputNames` order. */
  readonly xs: Tensor[];
  /** One tensor per model output, in `model.outputNames` order. */
  readonly ys: Tensor[];
  readonly source: 'captured' | 'code' | 'synthetic';
  readonly size: number;
  /** Where a batch not captured from the run comes from, in a sentence for the verdict. */
  readonly origin?: string;
}

/** What each output's labels are, from its loss. */
export function outputKinds(model: LayersModel): LabelKind[] {
  return outputLossNames(model).map(labelKindOf);
}

function fullShape(shape: readonly (number | null)[], batchSize: number, what: string): number[] {
  const rest = shape.slice(1);
  if (rest.some((dim) => dim === null || dim === undefined)) {
    throw new OverfitError(`${what} has a dimension that is only known at run time (shape [${shape.map(String).join(', ')}]); run the check in execute mode to use real data`);
  }
  return [batchSize, ...(rest as number[])];
}

/** For each model input fed straight into an Embedding layer: the vocabulary size. */
export function embeddingVocabularies(model: LayersModel): Map<number, number> {
  const vocabularies = new Map<number, number>();
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Embedding') continue;
    const inbound = (layer as unknown as { inboundNodes: { inboundLayers: { getClassName(): string; name: string }[] }[] }).inboundNodes[0];
    const source = inbound?.inboundLayers[0];
    const inputIndex = source && source.getClassName() === 'InputLayer' ? model.inputLayers.findIndex((input) => input.name === source.name) : -1;
    const inputDim = (layer.getConfig() as { inputDim?: number }).inputDim;
    if (inputIndex >= 0 && typeof inputDim === 'number') vocabularies.set(inputIndex, inputDim);
  }
  // In a sequential model the first layer's input is the model's input.
  const first = model.layers[0];
  if (vocabularies.size === 0 && first?.getClassName() === 'Embedding' && model.inputs.length === 1) {
    const inputDim = (first.getConfig() as { inputDim?: number }).inputDim;
    if (typeof inputDim === 'number') vocabularies.set(0, inputDim);
  }
  return vocabularies;
}

/** The range of values an output activation produces, for targets that stay reachable. */
function squash(activation: string | undefined, z: number): number {
  switch (activation) {
    case 'sigmoid':
    case 'hardSigmoid':
    case 'softmax':
      return 0.1 + 0.8 / (1 + Math.exp(-z));
    case 'tanh':
    case 'softsign':
      return 0.9 * Math.tanh(z);
    case 'relu':
    case 'relu6':
    case 'softplus':
    case 'elu':
    case 'selu':
      return Math.abs(z);
    default:
      return z;
  }
}

/**
 * Labels a fixed random linear "teacher" computes from the inputs: learnable by any model that can
 * represent a linear map, unlike random labels, and impossible to learn without looking at the input.
 * `scores` holds, for each sample, one teacher score per label unit.
 */
function syntheticLabels(tf: Tf, random: Random, kind: LabelKind, shape: number[], scores: (units: number) => number[][], activation: string | undefined, what: string): Tensor {
  const units = shape[shape.length - 1] ?? 1;
  const rows = shape.reduce((a, b) => a * b, 1) / units;
  const batch = shape[0]!;
  const perSample = rows / batch;
  const values = new Float32Array(rows * units);
  // Outputs with extra dimensions (sequences) get per-position labels from a bigger teacher.
  const teacher = scores(units * perSample);
  const score = (row: number, unit: number) => teacher[Math.floor(row / perSample)]![(row % perSample) * units + unit]!;
  switch (kind) {
    case 'one-hot':
    case 'class-ids': {
      const ids = Array.from({ length: rows }, (_, row) => {
        let best = 0;
        for (let unit = 1; unit < units; unit++) if (score(row, unit) > score(row, best)) best = unit;
        return best;
      });
      if (kind === 'class-ids') return tf.tensor(Float32Array.from(ids), [...shape.slice(0, -1), 1]);
      ids.forEach((id, row) => (values[row * units + id] = 1));
      return tf.tensor(values, shape);
    }
    case 'binary':
    case 'signs':
      for (let row = 0; row < rows; row++) {
        for (let unit = 0; unit < units; unit++) values[row * units + unit] = score(row, unit) > 0 ? 1 : kind === 'signs' ? -1 : 0;
      }
      return tf.tensor(values, shape);
    case 'real':
      for (let row = 0; row < rows; row++) for (let unit = 0; unit < units; unit++) values[row * units + unit] = squash(activation, score(row, unit));
      return tf.tensor(values, shape);
    case 'positive':
      for (let row = 0; row < rows; row++) for (let unit = 0; unit < units; unit++) values[row * units + unit] = Math.exp(0.5 * score(row, unit));
      return tf.tensor(values, shape);
    case 'distribution':
      for (let row = 0; row < rows; row++) {
        let total = 0;
        for (let unit = 0; unit < units; unit++) total += values[row * units + unit] = Math.exp(score(row, unit));
        for (let unit = 0; unit < units; unit++) values[row * units + unit]! /= total;
      }
      return tf.tensor(values, shape);
    case 'unknown':
      // A loss function of the code: labels of the kind the output suggests (stated in the notes).
      return syntheticLabels(tf, random, standInLabelKind(activation, units).kind, shape, scores, activation, what);
  }
}

/** The activation of the layer that computes an output. */
export function outputActivation(model: LayersModel, index: number): string | undefined {
  const layer = model.outputLayers[index];
  if (!layer) return undefined;
  if (layer.getClassName() === 'Softmax') return 'softmax';
  if (layer.getClassName() === 'ReLU') return 'relu';
  const activation = (layer.getConfig() as { activation?: unknown }).activation;
  return typeof activation === 'string' ? activation : undefined;
}

/** Fewer samples than this make a pass say little: any model with a bias fits one sample. */
export const MIN_BATCH = 8;

/** How many samples the check trains on for fit's batches of `userBatch`: whole batches, at least MIN_BATCH samples. */
export function toppedUpBatch(userBatch: number): number {
  return userBatch >= MIN_BATCH ? userBatch : Math.ceil(MIN_BATCH / Math.max(userBatch, 1)) * Math.max(userBatch, 1);
}

/**
 * The note for a batch of fit's, too small to say much, topped up with the batches after it: whole
 * batches, unless the check's own batch size (`capped`) or the end of the data came first.
 */
export function toppedUpNote(userBatch: number, size: number, capped = false): string {
  const batches = size / userBatch;
  const whole = Number.isInteger(batches) ? ` (its first ${batches} batches together)` : capped ? ' (as many as the check\'s batch size takes)' : ' (all the data it has)';
  return `fit trains on batches of ${userBatch} sample${userBatch === 1 ? '' : 's'}; the check trained on the first ${size} samples${whole}, as a batch that small says little.`;
}

/** The values of a tensor the code writes out, when they fit the shape the model expects. */
function exactRows(spec: TensorDataSpec | undefined, rest: readonly number[]): { values: readonly number[]; rows: number } | undefined {
  const values = spec?.values;
  if (!values || !spec.shape || spec.shape.length !== rest.length + 1) return undefined;
  if (spec.shape.slice(1).some((dim, index) => dim !== rest[index])) return undefined;
  const perRow = rest.reduce((a, b) => a * b, 1);
  const rows = spec.shape[0];
  if (typeof rows !== 'number' || rows < 1 || values.length !== rows * perRow) return undefined;
  if (!spec.nonFinite) return { values, rows };
  // The NaN and infinite values the code computes: the model trains on them as the script's would.
  const withNonFinite = [...values];
  for (const [index, value] of spec.nonFinite) withNonFinite[index] = Number(value);
  return { values: withNonFinite, rows };
}

/** The known part of each input's and output's shape after the batch dimension. */
function restOf(shape: readonly (number | null)[], what: string): number[] {
  return fullShape(shape, 1, what).slice(1);
}

/**
 * The lengths a made-up batch tries for a dimension an input leaves free (`[null, 5]`: sequences of
 * any length; `[null, null, 3]`: images of any size), shortest first: the first whose outputs the
 * model can make (its poolings leave something) is used. A sequence has something to carry at 8
 * steps; an image keeps room for a few poolings at 28 (as MNIST).
 */
const FREE_SEQUENCE_LENGTHS = [8, 16, 32, 64, 128];
const FREE_IMAGE_SIZES = [28, 56, 112, 224];

/** The shapes per sample of a made-up batch's inputs and outputs, and the length given to free dimensions, if any. */
function sampleShapes(tf: Tf, model: LayersModel): { inputs: number[][]; outputs: number[][]; free?: number } {
  const isFree = (dim: number | null | undefined) => dim === null || dim === undefined;
  const free = model.inputs.some((input) => input.shape.slice(1).some(isFree));
  const outputsKnown = model.outputs.every((output) => !output.shape.slice(1).some(isFree));
  if (!free) {
    const inputs = model.inputs.map((input, index) => restOf(input.shape, `Input ${index + 1} of the model`));
    return { inputs, outputs: outputsKnown ? model.outputs.map((output, index) => restOf(output.shape, `Output ${index + 1} of the model`)) : predictedRests(tf, model, inputs) };
  }
  const images = model.inputs.some((input) => input.shape.length >= 4 && input.shape.slice(1).some(isFree));
  const lengths = images ? FREE_IMAGE_SIZES : FREE_SEQUENCE_LENGTHS;
  for (const length of lengths) {
    const inputs = model.inputs.map((input) => input.shape.slice(1).map((dim) => dim ?? length));
    let outputs: number[][];
    try {
      outputs = predictedRests(tf, model, inputs);
    } catch {
      continue;
    }
    if (outputs.every((rest) => rest.every((dim) => dim > 0))) return { inputs, outputs, free: length };
  }
  throw new OverfitError(`the model takes inputs of any ${images ? 'size' : 'length'} (null in its input shape), but its output is empty for every ${images ? 'size' : 'length'} the check tried, up to ${lengths.at(-1)}: its layers shrink the input away`);
}

/** The shapes per sample of the outputs the model makes of a batch of one sample of the given shapes. */
function predictedRests(tf: Tf, model: LayersModel, inputs: readonly number[][]): number[][] {
  return tf.tidy(() => {
    const probes = inputs.map((rest) => tf.zeros([1, ...rest]));
    const out = model.predict(probes.length === 1 ? probes[0]! : probes) as Tensor | Tensor[];
    return (Array.isArray(out) ? out : [out]).map((tensor) => tensor.shape.slice(1) as number[]);
  });
}

/** How a value drawn for a synthetic input is made to follow what the code says about that input. */
function drawInput(random: Random, spec: TensorDataSpec | undefined, vocabulary: number | undefined): { value: number; feature: number } {
  if (vocabulary !== undefined) {
    const id = Math.floor(random.next() * vocabulary);
    // Ids enter the teacher centred and scaled, like any other feature.
    return { value: id, feature: (id / vocabulary - 0.5) * 3.4 };
  }
  if (spec?.distinct && spec.distinct.length > 0) {
    const index = Math.floor(random.next() * spec.distinct.length);
    return { value: spec.distinct[index]!, feature: spec.distinct.length > 1 ? (index / (spec.distinct.length - 1) - 0.5) * 3.4 : 0 };
  }
  if (spec?.range && spec.range.hi > spec.range.lo) {
    const { lo, hi } = spec.range;
    const unit = random.next();
    const value = spec.integer ? Math.min(hi, Math.floor(lo + unit * (hi - lo + 1))) : lo + unit * (hi - lo);
    return { value, feature: ((value - lo) / (hi - lo) - 0.5) * 3.4 };
  }
  const value = random.normal();
  return { value, feature: value };
}

/** Most whole numbers a range may span to be taken as a set of classes. */
const MOST_CLASSES = 16;

/** The values labels take: their distinct values, or every whole number of a small whole-number range. */
function classesOf(spec: TensorDataSpec): readonly number[] | undefined {
  if (spec.distinct) return spec.distinct;
  const range = spec.range;
  if (!spec.integer || !range || range.hi - range.lo + 1 > MOST_CLASSES) return undefined;
  return Array.from({ length: range.hi - range.lo + 1 }, (_, index) => range.lo + index);
}

/**
 * Labels from the teacher, moved into what the code says about them: its classes (distinct values)
 * or its range. Keeping the code's values is what lets data bugs show (labels 1 and 2 for a
 * sigmoid, prices in the thousands for a bounded output).
 */
function followLabelFacts(tf: Tf, labels: Tensor, kind: LabelKind, spec: TensorDataSpec | undefined, scores: number[][]): Tensor {
  if (!spec) return labels;
  // One class per sample (`tf.oneHot`) under a loss that scores each unit alone (binaryCrossentropy):
  // the teacher's best unit is the class, as it is for categorical labels.
  const units = labels.shape.at(-1) ?? 1;
  if (spec.oneHot && kind === 'binary' && labels.rank === 2 && units > 1) {
    const values = new Float32Array(labels.size);
    scores.forEach((row, sample) => {
      let best = 0;
      for (let unit = 1; unit < units; unit++) if (row[unit]! > row[best]!) best = unit;
      values[sample * units + best] = 1;
    });
    const shape = labels.shape;
    labels.dispose();
    return tf.tensor(values, shape);
  }
  const distinct = classesOf(spec);
  // Real targets of two values are classes in all but name (0/1 under a mean squared error).
  const classes = kind === 'class-ids' || kind === 'binary' || kind === 'signs' || (kind === 'real' && distinct?.length === 2);
  if (distinct && distinct.length >= 2 && classes && labels.shape.at(-1) === 1 && labels.rank === 2) {
    const values = scores.map((row) => {
      if (kind !== 'class-ids') return row[0]! > 0 ? distinct.at(-1)! : distinct[0]!;
      let best = 0;
      for (let unit = 1; unit < Math.min(distinct.length, row.length); unit++) if (row[unit]! > row[best]!) best = unit;
      return distinct[best]!;
    });
    labels.dispose();
    return tf.tensor(Float32Array.from(values), [values.length, 1]);
  }
  if (spec.range && spec.range.hi > spec.range.lo && (kind === 'real' || kind === 'positive')) {
    const { lo, hi } = spec.range;
    const unit = labels.size / labels.shape[0]!;
    const values = Float32Array.from({ length: labels.size }, (_, i) => {
      const value = lo + (hi - lo) / (1 + Math.exp(-scores[Math.floor(i / unit)]![i % unit]!));
      return spec.integer ? Math.round(value) : value;
    });
    const shape = labels.shape;
    labels.dispose();
    return tf.tensor(values, shape);
  }
  return labels;
}

/**
 * A batch for the static build. Whatever the code writes out (literal data, `tf.range`) is used
 * as it is; what it only describes (a range, whole numbers, classes) shapes the values drawn; the
 * rest is drawn at random. Made-up labels come from a fixed random teacher that is part linear and
 * part quadratic in the inputs: learnable by any model with a hidden nonlinearity, impossible to
 * learn without looking at the input, and (with fewer features than samples) beyond a linear
 * model, so missing capacity shows.
 */
export function syntheticBatch(tf: Tf, model: LayersModel, batchSize: number, seed: number, data?: DataSpec): Batch {
  const random = new Random(seed);
  const vocabularies = embeddingVocabularies(model);
  const shapes = sampleShapes(tf, model);
  const inputRests = shapes.inputs;
  const outputRests = shapes.outputs;
  const exactXs = inputRests.map((rest, index) => exactRows(data?.x[index], rest));
  const exactYs = outputRests.map((rest, index) => exactRows(data?.y[index], rest));
  const knownRows = [...exactXs, ...exactYs].flatMap((exact) => (exact ? [exact.rows] : []));
  const userBatch = data?.batchSize !== undefined ? toppedUpBatch(data.batchSize) : batchSize;
  const size = Math.max(1, Math.min(batchSize, userBatch, ...knownRows));
  const features: number[][] = Array.from({ length: size }, () => []);
  const fromCode: string[] = [];
  const xs = model.inputs.map((_, index) => {
    const rest = inputRests[index]!;
    const perSample = rest.reduce((a, b) => a * b, 1);
    const exact = exactXs[index];
    const vocabulary = vocabularies.get(index);
    const values = new Float32Array(size * perSample);
    if (exact) fromCode.push(model.inputs.length > 1 ? `input ${index + 1}` : 'inputs');
    const spec = data?.x[index];
    const lo = spec?.range?.lo ?? 0;
    const width = spec?.range ? Math.max(spec.range.hi - spec.range.lo, 1e-12) : 0;
    for (let i = 0; i < values.length; i++) {
      if (exact) {
        values[i] = exact.values[i]!;
        // The teacher of made-up labels reads a NaN or infinite input as 0: the labels stay numbers.
        const feature = Number.isFinite(values[i]!) ? values[i]! : 0;
        features[Math.floor(i / perSample)]!.push(vocabulary !== undefined ? (feature / vocabulary - 0.5) * 3.4 : width > 0 ? ((feature - lo) / width - 0.5) * 3.4 : feature);
      } else {
        const drawn = drawInput(random, spec, vocabulary);
        values[i] = drawn.value;
        features[Math.floor(i / perSample)]!.push(drawn.feature);
      }
    }
    return tf.tensor(values, [size, ...rest]);
  });
  const scores = (units: number): number[][] => {
    const width = Math.max(features[0]!.length, 1);
    const normal = () => random.normal() / Math.sqrt(width);
    const linear = Array.from({ length: width * units }, normal);
    const left = Array.from({ length: width * units }, normal);
    const right = Array.from({ length: width * units }, normal);
    const project = (row: number[], weights: number[], unit: number) => row.reduce((sum, value, k) => sum + value * weights[k * units + unit]!, 0);
    return features.map((row) => Array.from({ length: units }, (_, unit) => project(row, linear, unit) + project(row, left, unit) * project(row, right, unit)));
  };
  const kinds = outputKinds(model);
  const ys = model.outputs.map((_, index) => {
    const exact = exactYs[index];
    const rest = outputRests[index]!;
    if (exact) {
      fromCode.push(model.outputs.length > 1 ? `labels of output ${index + 1}` : 'labels');
      return tf.tensor(Float32Array.from(exact.values.slice(0, size * rest.reduce((a, b) => a * b, 1))), [size, ...rest]);
    }
    const shape = [size, ...rest];
    const kind = kinds[index]!;
    let teacher: number[][] | undefined;
    const remembered = (units: number) => (teacher = scores(units));
    const labels = syntheticLabels(tf, random, kind, shape, remembered, outputActivation(model, index), `Output ${index + 1}`);
    const spec = data?.y[index];
    return spec && teacher && rest.length === 1 ? followLabelFacts(tf, labels, kind, spec, teacher) : labels;
  });
  const all = model.inputs.length + model.outputs.length;
  const source = fromCode.length === all ? 'code' : 'synthetic';
  const described = data && (data.x.some(Boolean) || data.y.some(Boolean));
  const rows = Math.min(...knownRows);
  const part = size < rows ? `the first ${size} of the ${rows} samples of ` : '';
  const topped = size < rows && data?.batchSize !== undefined && size > data.batchSize ? ` ${toppedUpNote(data.batchSize, size, size === batchSize)}` : '';
  const origin =
    source === 'code'
      ? `The batch is ${part}the data the code gives fit at line ${data!.line}.${topped}`
      : `The batch is synthetic: ${fromCode.length > 0 ? `the ${fromCode.join(' and ')} come from the code (line ${data!.line}), the rest is` : 'it is'} drawn at random${described ? ' within what the code says about the data' : ''}, with labels a fixed nonlinear function of the inputs. It shows whether the model can learn, not how it does on its real data.`;
  const free = shapes.free !== undefined && source === 'synthetic' ? ` The model takes inputs of any size (null in its input shape): the made-up ones are ${shapes.free} long where it is free.` : '';
  return { xs, ys, source, size, origin: origin + free };
}

/** For each output trained with a loss function of the code: which labels the synthetic batch gives it, and why. */
export function syntheticLabelNotes(model: LayersModel): string[] {
  const kinds = outputKinds(model);
  return model.outputs.flatMap((output, index) => {
    if (kinds[index] !== 'unknown') return [];
    const standIn = standInLabelKind(outputActivation(model, index), output.shape.at(-1) ?? 1);
    const which = model.outputs.length > 1 ? ` of output ${model.outputNames[index]}` : '';
    return [`The loss${which} is a function of the code, so the labels it expects are not known; the made-up batch has ${standIn.labels}, as ${standIn.why} suggests.`];
  });
}

/** `fit`'s x or y (a tensor, an array of tensors, or tensors by name) as one tensor per input or output. */
export function tensorList(tf: Tf, value: unknown, names: readonly string[], what: string): Tensor[] {
  const isTensor = (candidate: unknown): candidate is Tensor => candidate instanceof tf.Tensor;
  if (isTensor(value)) return [value];
  if (Array.isArray(value) && value.every(isTensor)) return value;
  if (value && typeof value === 'object') {
    const byName = value as Record<string, unknown>;
    const list = names.map((name) => byName[name]);
    if (list.every(isTensor)) return list;
  }
  throw new OverfitError(`the ${what} given to fit is not a tensor, a list of tensors or tensors by name`);
}

/**
 * The first `batchSize` samples of a captured batch. A rank-1 tensor is a column of samples, as fit
 * and trainOnBatch read it (tfjs makes every array at least 2D before it trains).
 */
export function capturedBatch(tf: Tf, xs: Tensor[], ys: Tensor[], batchSize: number): Batch {
  const available = Math.min(...[...xs, ...ys].map((tensor) => tensor.shape[0] ?? 0));
  if (!(available > 0)) throw new OverfitError('the captured batch is empty');
  const size = Math.min(batchSize, available);
  const take = (tensor: Tensor) => tf.tidy(() => (tensor.rank === 1 ? tensor.slice(0, size).expandDims(1) : tensor.slice(0, size).clone()));
  return { xs: xs.map(take), ys: ys.map(take), source: 'captured', size };
}

/** How many samples of each class the first classification output's labels hold. */
export function classCounts(tf: Tf, model: LayersModel, batch: Batch): number[] | undefined {
  const kinds = outputKinds(model);
  const index = kinds.findIndex(isClassification);
  if (index < 0) return undefined;
  const labels = batch.ys[index]!;
  const kind = kinds[index]!;
  const ids = tf.tidy(() => {
    if (kind === 'one-hot' && labels.rank === 2 && labels.shape[1]! > 1) return labels.argMax(-1).dataSync();
    if (kind === 'class-ids') return labels.flatten().dataSync();
    if ((kind === 'binary' || kind === 'signs') && labels.rank === 2 && labels.shape[1] === 1) return labels.flatten().greater(0.5 * (kind === 'signs' ? 0 : 1)).dataSync();
    return undefined;
  });
  if (!ids) return undefined;
  const counts: number[] = [];
  for (const id of ids) {
    const classId = Math.round(Number(id));
    if (!(classId >= 0 && classId < 100000)) return undefined;
    while (counts.length <= classId) counts.push(0);
    counts[classId]!++;
  }
  return counts;
}
