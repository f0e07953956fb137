/** Most units of a ReLU layer output zero for every sample, and stay that way. */
import type { LayerSample } from '../types';
import type { CurveCheck } from './check';
import { epochLabel, percent } from './curves';
import { holdsFrom, orderedSamples } from './layers';

/** A ReLU layer with at least this share of units silent is dying (AUTOTRAINER γ, DeepDiagnosis's dead-node threshold). */
export const DEAD_FRACTION = 0.7;

function deadFraction(sample: LayerSample, name: string): number | undefined {
  const layer = sample.layers.find((candidate) => candidate.name === name);
  return typeof layer?.deadFraction === 'number' && Number.isFinite(layer.deadFraction) ? layer.deadFraction : undefined;
}

export const dyingRelu: CurveCheck = {
  id: 'dying-relu',
  description: 'Most units of a ReLU layer output zero for every sample, and stay that way.',
  severity: 'warning',
  check(call) {
    const samples = orderedSamples(call.layerSamples);
    const names = [...new Set(samples.flatMap((sample) => sample.layers.filter((layer) => typeof layer.deadFraction === 'number').map((layer) => layer.name)))];
    const dying = names.flatMap((name) => {
      const from = holdsFrom(samples, (sample) => (deadFraction(sample, name) ?? 0) >= DEAD_FRACTION);
      return from === undefined ? [] : [{ name, from }];
    });
    if (dying.length === 0) return [];
    const final = samples[samples.length - 1]!;
    const worst = dying.reduce((a, b) => ((deadFraction(final, b.name) ?? 0) > (deadFraction(final, a.name) ?? 0) ? b : a));
    const held = samples.slice(worst.from);
    const values = held.map((sample) => deadFraction(sample, worst.name)!);
    const started = deadFraction(samples[0]!, worst.name);
    const history =
      worst.from > 0 && started !== undefined
        ? `from ${epochLabel(held[0]!.epoch)} on (it was ${percent(started)} at ${epochLabel(samples[0]!.epoch)})`
        : `in every sample from the first (${epochLabel(held[0]!.epoch)}) on`;
    return [
      {
        id: 'dying-relu',
        severity: 'warning',
        message:
          `${percent(values[values.length - 1]!)} of the units of ${worst.name} are dead, ${history}. ` +
          `They output 0 for every sample of the probed batch${dying.length > 1 ? ` (${dying.length} ReLU layers are mostly dead)` : ''}. ` +
          'No gradient passes through a dead unit, so it never recovers and the layer learns with what is left.',
        call: call.index,
        evidence: { metric: `dead unit fraction of ${worst.name}`, epochs: held.map((sample) => sample.epoch), values },
        causes: [
          'A learning rate too high: one large step pushes a unit\'s weights where its input sum is negative for every sample.',
          'Negative or large initial biases, or weights initialised too large: use heNormal and zero biases.',
          'Inputs that are not centred or scaled.',
          'ReLU itself: leakyReLU or elu keep a small gradient for negative inputs.',
        ],
        ...(call.at ? { at: call.at } : {}),
      },
    ];
  },
};
