/** The batch the check trains on: captured from the user's `fit`, or made up to fit the model. */
import { isClassification, labelKindOf, outputLossNames, standInLabelKind, type LabelKind } from './losses';
import { Random } from './random';
import type { LayersModel, Tensor, Tf } from './tf';
import { OverfitError } from './types';

export interface Batch {
  /** One tensor per model input, in `model.inputNames` order. */
  readonly xs: Tensor[];
  /** One tensor per model output, in `model.outputNames` order. */
  readonly ys: Tensor[];
  readonly source: 'captured' | 'synthetic';
  readonly size: number;
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

/** A batch shaped for the model's inputs, with labels a random linear function of them computes. */
export function syntheticBatch(tf: Tf, model: LayersModel, batchSize: number, seed: number): Batch {
  const random = new Random(seed);
  const vocabularies = embeddingVocabularies(model);
  const features: number[][] = Array.from({ length: batchSize }, () => []);
  const xs = model.inputs.map((input, index) => {
    const shape = fullShape(input.shape, batchSize, `Input ${index + 1} of the model`);
    const size = shape.reduce((a, b) => a * b, 1);
    const perSample = size / batchSize;
    const vocabulary = vocabularies.get(index);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      values[i] = vocabulary !== undefined ? Math.floor(random.next() * vocabulary) : random.normal();
      // Ids enter the teacher centred and scaled, like any other feature.
      features[Math.floor(i / perSample)]!.push(vocabulary !== undefined ? (values[i]! / vocabulary - 0.5) * 3.4 : values[i]!);
    }
    return tf.tensor(values, shape);
  });
  const scores = (units: number): number[][] => {
    const width = features[0]!.length;
    const weights = Array.from({ length: width * units }, () => random.normal() / Math.sqrt(Math.max(width, 1)));
    return features.map((row) => Array.from({ length: units }, (_, unit) => row.reduce((sum, value, k) => sum + value * weights[k * units + unit]!, 0)));
  };
  const kinds = outputKinds(model);
  const ys = model.outputs.map((output, index) =>
    syntheticLabels(tf, random, kinds[index]!, fullShape(output.shape, batchSize, `Output ${index + 1} of the model`), scores, outputActivation(model, index), `Output ${index + 1}`),
  );
  return { xs, ys, source: 'synthetic', size: batchSize };
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

/** The first `batchSize` samples of a captured batch. */
export function capturedBatch(tf: Tf, xs: Tensor[], ys: Tensor[], batchSize: number): Batch {
  const available = Math.min(...[...xs, ...ys].map((tensor) => tensor.shape[0] ?? 0));
  if (!(available > 0)) throw new OverfitError('the captured batch is empty');
  const size = Math.min(batchSize, available);
  const take = (tensor: Tensor) => tf.tidy(() => tensor.slice(0, size).clone());
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
