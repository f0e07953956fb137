/**
 * Per-layer evidence at one real training step of the watched run: the norm of the gradients the
 * optimizer is given, how far the step moves the weights relative to their size, and, for ReLU
 * layers, the fraction of units that output 0 for every sample of a few rows of the step's inputs.
 * Taken a handful of times per call (sampling.ts): each costs a copy of the weights and, for the
 * dead units, one forward pass over at most PROBE_ROWS samples.
 */
import { isReluLayer, trainableLayers } from '../probes';
import type { LayersModel, Tensor, Tf } from '../tf';
import type { LayerSample } from './types';

type Variable = import('@tensorflow/tfjs').Variable;
type SymbolicTensor = import('@tensorflow/tfjs').SymbolicTensor;

/** Samples of the step's inputs the dead-unit probe runs on. */
export const PROBE_ROWS = 32;

/** Weights measured together: a layer's, or, in a custom loop, the variables of one name prefix. */
export interface WeightGroup {
  readonly name: string;
  readonly type: string;
  readonly variables: readonly Variable[];
}

/** The gradients as `applyGradients` takes them: by variable name, or as a list of named tensors. */
export type GivenGradients = Record<string, Tensor> | readonly { name: string; tensor: Tensor }[];

export function gradientMap(given: GivenGradients): Record<string, Tensor> {
  if (!Array.isArray(given)) return given as Record<string, Tensor>;
  return Object.fromEntries((given as readonly { name: string; tensor: Tensor }[]).map(({ name, tensor }) => [name, tensor]));
}

/** The model's layers with weights the optimizer changes. */
export function layerGroups(model: LayersModel): WeightGroup[] {
  return trainableLayers(model).map((layer) => ({
    name: layer.name,
    type: layer.getClassName(),
    variables: (layer.trainableWeights as unknown as { read(): Variable }[]).map((weight) => weight.read()),
  }));
}

/**
 * The variables of a custom loop, grouped by layer: a layer's variables are named `<layer>/kernel`,
 * `<layer>/bias`; a variable of its own is a group of one.
 */
export function variableGroups(variables: readonly Variable[]): WeightGroup[] {
  const groups = new Map<string, Variable[]>();
  for (const variable of variables) {
    const slash = variable.name.lastIndexOf('/');
    const name = slash > 0 ? variable.name.slice(0, slash) : variable.name;
    groups.set(name, [...(groups.get(name) ?? []), variable]);
  }
  return [...groups].map(([name, members]) => ({ name, type: members.length === 1 && members[0]!.name === name ? 'Variable' : 'Layer', variables: members }));
}

/** ‖gradient‖ per group, from the gradients the optimizer was given (0 for a group it got none for). */
export function gradientNorms(tf: Tf, groups: readonly WeightGroup[], gradients: Record<string, Tensor>): number[] {
  return tf.tidy(() => {
    const squared = groups.map((group) => {
      const parts = group.variables.flatMap((variable) => (gradients[variable.name] ? [gradients[variable.name]!.square().sum()] : []));
      return parts.length > 0 ? tf.addN(parts) : tf.scalar(0);
    });
    return Array.from(tf.stack(squared).dataSync(), Math.sqrt);
  });
}

/** Copies of the groups' weights before a step. */
export function snapshot(tf: Tf, groups: readonly WeightGroup[]): Tensor[][] {
  return groups.map((group) => group.variables.map((variable) => tf.keep(variable.clone())));
}

/** ‖w_after − w_before‖ / ‖w_before‖ per group. Disposes the snapshot. */
export function updateRatios(tf: Tf, groups: readonly WeightGroup[], before: Tensor[][]): number[] {
  try {
    return tf.tidy(() => {
      const sums = groups.map((group, index) =>
        tf.stack([
          tf.addN(group.variables.map((variable, w) => variable.sub(before[index]![w]!).square().sum())),
          tf.addN(group.variables.map((_, w) => before[index]![w]!.square().sum())),
        ]),
      );
      const values = sums.length > 0 ? tf.stack(sums).dataSync() : new Float32Array(0);
      return groups.map((_, index) => {
        const change = Math.sqrt(values[2 * index]!);
        const size = Math.sqrt(values[2 * index + 1]!);
        return size > 0 ? change / size : change > 0 ? Number.POSITIVE_INFINITY : 0;
      });
    });
  } finally {
    for (const tensors of before) tf.dispose(tensors);
  }
}

/** A model that outputs what the model's ReLU layers output, to count their dead units; built once per call. */
export interface DeadUnitProbe {
  readonly layers: readonly string[];
  readonly model: LayersModel | undefined;
}

export function deadUnitProbe(tf: Tf, model: LayersModel): DeadUnitProbe {
  const layers = trainableLayers(model).filter((layer) => {
    if (!isReluLayer(layer) || (layer as unknown as { inboundNodes: unknown[] }).inboundNodes.length !== 1) return false;
    try {
      return !Array.isArray(layer.output);
    } catch {
      return false;
    }
  });
  if (layers.length === 0) return { layers: [], model: undefined };
  try {
    // Named, so that tfjs's counter of model names, which names the script's own models, is left alone.
    const probe = tf.model({ inputs: model.inputs, outputs: layers.map((layer) => layer.output as SymbolicTensor), name: 'tfjs_doctor_dead_unit_probe' });
    return { layers: layers.map((layer) => layer.name), model: probe };
  } catch {
    return { layers: [], model: undefined };
  }
}

/** The fraction of units of each probed layer that output 0 for every one of the first PROBE_ROWS samples of `inputs`. */
export function deadFractions(tf: Tf, probe: DeadUnitProbe, inputs: readonly Tensor[]): Map<string, number> {
  const fractions = new Map<string, number>();
  if (!probe.model || inputs.length === 0) return fractions;
  tf.tidy(() => {
    const rows = Math.min(PROBE_ROWS, inputs[0]!.shape[0] ?? 0);
    if (rows === 0) return;
    const sliced = inputs.map((input) => input.slice(0, rows));
    const outputs = probe.model!.predict(sliced.length === 1 ? sliced[0]! : sliced) as Tensor | Tensor[];
    const list = Array.isArray(outputs) ? outputs : [outputs];
    const dead = list.map((output) => {
      const units = output.shape[output.rank - 1] ?? 1;
      return output.reshape([-1, units]).max(0).lessEqual(0).cast('float32').mean();
    });
    const values = tf.stack(dead).dataSync();
    probe.layers.forEach((name, index) => fractions.set(name, values[index]!));
  });
  return fractions;
}

/** The sample from its parts, in the groups' order. */
export function layerSample(step: number, epoch: number, groups: readonly WeightGroup[], norms: readonly number[] | undefined, ratios: readonly number[], dead: ReadonlyMap<string, number>): LayerSample {
  return {
    step,
    epoch,
    layers: groups.map((group, index) => {
      const deadFraction = dead.get(group.name);
      return { name: group.name, type: group.type, gradNorm: norms?.[index] ?? Number.NaN, updateRatio: ratios[index] ?? Number.NaN, ...(deadFraction !== undefined ? { deadFraction } : {}) };
    }),
  };
}
