/** Rebuilds a model from its spec with real tfjs (the static build: no user code runs). */
import type { LayersModel, Tf } from './tf';
import { OverfitError, type ModelSpec, type SpecValue } from './types';

type Callable = (...args: unknown[]) => unknown;

/**
 * tfjs refuses the model: a layer's config, how the layers connect, or the compile options. `line`
 * is the layer's, when known. `codeOwn`: the script's own build would throw the same, since what
 * tfjs refuses is as the code writes it, not a size the build stood in for one the code leaves open.
 */
export class ModelRejected extends OverfitError {
  constructor(
    message: string,
    readonly line?: number,
    readonly codeOwn = true,
  ) {
    super(message);
  }
}

/** Looks up `tf.a.b` as a function. */
function tfFunction(tf: Tf, path: string): Callable {
  let current: unknown = tf;
  for (const part of path.split('.')) current = (current as Record<string, unknown> | undefined)?.[part];
  if (typeof current !== 'function') throw new OverfitError(`tf.${path} does not exist in this version of tfjs`);
  return current as Callable;
}

/**
 * A spec value with its `$tf` factory calls made, `$tfRef` functions looked up and `$standIn` sizes
 * filled in, times `scale` (a second build with other stand-ins tells what they cause).
 */
export function revive(tf: Tf, value: SpecValue, scale = 1): unknown {
  if (Array.isArray(value)) return value.map((element) => revive(tf, element, scale));
  if (value === null || typeof value !== 'object') return value === null ? undefined : value;
  if (typeof value.$standIn === 'number') return value.$standIn * scale;
  if (typeof value.$tf === 'string' && Array.isArray(value.args)) {
    return tfFunction(tf, value.$tf)(...value.args.map((arg) => revive(tf, arg, scale)));
  }
  if (typeof value.$tfRef === 'string') return tfFunction(tf, value.$tfRef);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = revive(tf, entry, scale);
  return out;
}

/** Whether a spec value has a size the build stood in for one the code leaves open. */
function hasStandIn(value: SpecValue): boolean {
  if (Array.isArray(value)) return value.some(hasStandIn);
  if (value === null || typeof value !== 'object') return false;
  return typeof value.$standIn === 'number' || Object.values(value).some(hasStandIn);
}

function makeLayer(tf: Tf, factory: string, config: SpecValue, line: number) {
  const create = (tf.layers as unknown as Record<string, unknown>)[factory];
  if (typeof create !== 'function') throw new OverfitError(`tf.layers.${factory} (line ${line}) does not exist in this version of tfjs`);
  try {
    return (create as Callable)(revive(tf, config)) as import('@tensorflow/tfjs').layers.Layer;
  } catch (error) {
    // Refused with other stand-ins too: the refusal is of what the code writes.
    let codeOwn = true;
    if (hasStandIn(config)) {
      try {
        (create as Callable)(revive(tf, config, 2));
        codeOwn = false;
      } catch {
        // Refused again.
      }
    }
    throw new ModelRejected(`tfjs rejects the ${factory} layer at line ${line}: ${(error as Error).message}`, line, codeOwn);
  }
}

/** Builds and compiles the model a spec describes. */
export function buildModel(tf: Tf, spec: ModelSpec): LayersModel {
  const layers = spec.layers.map((layer) => makeLayer(tf, layer.factory, layer.config, layer.line));
  // Frozen before compile, as the code has them frozen when it trains: compile leaves their weights out.
  for (const index of spec.frozen ?? []) layers[index]!.trainable = false;
  let model: LayersModel;
  try {
    if (spec.kind === 'sequential') {
      model = tf.sequential({ layers });
    } else {
      const nodes: unknown[] = [];
      const inputs: unknown[] = [];
      // The outputs of one application of a layer that gives several are nodes of their own: the layer is applied once.
      const applications = new Map<string, unknown>();
      for (const node of spec.nodes ?? []) {
        if (node.kind === 'input') {
          const input = tf.input(revive(tf, node.config) as Parameters<Tf['input']>[0]);
          inputs.push(input);
          nodes.push(input);
        } else {
          const args = node.inputs.map((index) => nodes[index]);
          const key = `${node.layer}:${node.inputs.join(',')}`;
          const applied = node.output !== undefined && applications.has(key) ? applications.get(key) : layers[node.layer]!.apply((args.length === 1 ? args[0] : args) as never);
          if (node.output !== undefined) applications.set(key, applied);
          nodes.push(node.output !== undefined && Array.isArray(applied) ? applied[node.output] : applied);
        }
      }
      const outputs = (spec.outputs ?? []).map((index) => nodes[index]);
      model = tf.model({ inputs: inputs as never, outputs: (outputs.length === 1 ? outputs[0] : outputs) as never });
    }
  } catch (error) {
    if (error instanceof OverfitError) throw error;
    throw new ModelRejected(`tfjs cannot build the model: ${(error as Error).message}`, undefined, !spec.standInValues);
  }
  try {
    model.compile({ optimizer: revive(tf, spec.compile.optimizer) as never, loss: revive(tf, spec.compile.loss) as never });
  } catch (error) {
    throw new ModelRejected(`tfjs cannot compile the model: ${(error as Error).message}`);
  }
  return model;
}
