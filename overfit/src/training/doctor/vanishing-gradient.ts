/** The gradient reaching the first layers is vanishingly small, sample after sample. */
import type { LayerSample } from '../types';
import type { CurveCheck } from './check';
import { epochLabel, format } from './curves';
import { holdsFrom, orderedSamples } from './layers';

/** AUTOTRAINER β1: first-to-last gradient norm ratio below this ... */
export const VANISHING_RATIO = 1e-3;
/** ... and AUTOTRAINER β2: a first-layer gradient norm below this. */
export const VANISHING_NORM = 1e-4;

function gradients(sample: LayerSample): { first: LayerSample['layers'][number]; last: LayerSample['layers'][number]; ratio: number } | undefined {
  const layers = sample.layers.filter((layer) => typeof layer.gradNorm === 'number' && Number.isFinite(layer.gradNorm));
  if (layers.length < 2 || layers.length !== sample.layers.length) return undefined;
  const first = layers[0]!;
  const last = layers[layers.length - 1]!;
  return last.gradNorm > 0 ? { first, last, ratio: first.gradNorm / last.gradNorm } : undefined;
}

function vanishing(sample: LayerSample): boolean {
  const found = gradients(sample);
  return found !== undefined && found.ratio < VANISHING_RATIO && found.first.gradNorm < VANISHING_NORM;
}

export const vanishingGradient: CurveCheck = {
  id: 'vanishing-gradient',
  description: 'The gradient reaching the first layers is vanishingly small, sample after sample.',
  severity: 'warning',
  check(call) {
    const samples = orderedSamples(call.layerSamples);
    const from = holdsFrom(samples, vanishing);
    if (from === undefined) return [];
    const held = samples.slice(from);
    const last = gradients(held[held.length - 1]!)!;
    const ratios = held.map((sample) => gradients(sample)!.ratio);
    return [
      {
        id: 'vanishing-gradient',
        severity: 'warning',
        message:
          `The gradients vanish before they reach ${last.first.name}, in every sample from ${epochLabel(held[0]!.epoch)} on. ` +
          `Its gradient is ${format(last.ratio)} times the one at ${last.last.name} (norm ${format(last.first.gradNorm)}). ` +
          'The first layers barely change, so the network trains as if it were much shallower, or not at all.',
        call: call.index,
        evidence: { metric: `gradient norm ratio ${last.first.name} / ${last.last.name}`, epochs: held.map((sample) => sample.epoch), values: ratios },
        causes: [
          'Saturating activations (sigmoid, tanh) in many layers: each scales the gradient that flows back through it by a quarter or less. Use relu with heNormal initialisation.',
          'No normalisation between layers: add tf.layers.batchNormalization().',
          'The network is deeper than the task needs: use fewer layers.',
        ],
        ...(call.at ? { at: call.at } : {}),
      },
    ];
  },
};

