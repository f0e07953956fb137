/** The validation loss stays far below the training loss, or jumps about far more than it. */
import type { TrainingCall } from '../types';
import type { CurveCheck } from './check';
import { accuracyCurve, allFinite, curveOf, format, mean, percent, roughness, type Curve } from './curves';

/** The first epoch (0-based) compared: UMLAUT judges validation accuracy from the third epoch on. */
export const FIRST_COMPARED = 2;
/** Fewest epochs compared, from FIRST_COMPARED on. */
export const COMPARED_EPOCHS = 3;
/** Validation loss at most this share of the training loss, at every compared epoch, is "far below". */
export const BELOW_RATIO = 0.5;
/** UMLAUT: validation accuracy above training accuracy by more than this is suspicious. */
export const ACCURACY_GAP = 0.05;
/** Fewest epochs to compare the noise of the two curves. */
export const NOISE_EPOCHS = 8;
/** The validation curve's roughness at least this many times the training curve's is "much noisier". */
export const NOISE_RATIO = 3;
/** ... and at least this large itself (zigzags of about ±5 % from epoch to epoch). */
export const NOISE_FLOOR = 0.2;
/** ... while the training curve is smooth: its own roughness below this. A jumpy training loss makes the validation loss (measured on the weights at the epoch's end) jump too; that is oscillation, not the validation set. */
export const SMOOTH_TRAINING = 0.05;
/** Validation sets smaller than this are named as a likely cause. */
const SMALL_VALIDATION = 100;


function validationSize(call: TrainingCall): number | undefined {
  const { samples, validationSplit } = call.config;
  return samples !== undefined && validationSplit !== undefined && validationSplit > 0 ? samples - Math.floor(samples * (1 - validationSplit)) : undefined;
}

function splitCauses(call: TrainingCall, below: boolean): string[] {
  const size = validationSize(call);
  const split = call.config.validationSplit !== undefined && call.config.validationSplit > 0 && !call.config.validationData;
  return [
    ...(split
      ? ['validationSplit takes the last samples of x and y, before fit shuffles anything: if the arrays are ordered (by class, by time, by source), the validation set is one part of the data only.']
      : ['The validation data is not drawn from the same distribution as the training data (another source, another period, one class).']),
    ...(size !== undefined && size < SMALL_VALIDATION ? [`The validation set is small (${size} samples), so its loss swings with each of them.`] : []),
    ...(below ? ['Dropout or regularisation raise the training loss but not the validation loss; that explains a small gap, not a large one.'] : []),
    'Samples of the validation set also appear in the training data (duplicates), or the validation targets are easier.',
  ];
}

function fixFor(call: TrainingCall) {
  const split = call.kind === 'fit' && call.config.validationSplit !== undefined && call.config.validationSplit > 0 && !call.config.validationData;
  return call.at ? { at: call.at, ...(split ? { fix: { kind: 'shuffle-before-split' as const, at: call.at } } : {}) } : {};
}

function below(call: TrainingCall, training: Curve, validation: Curve) {
  const from = training.values.length > FIRST_COMPARED ? FIRST_COMPARED : training.values.length;
  const train = training.values.slice(from);
  const val = validation.values.slice(from);
  if (train.length < COMPARED_EPOCHS) return undefined;
  if (train.every((value, i) => value > 0 && val[i]! <= BELOW_RATIO * value)) {
    return { kind: 'loss' as const, ratio: mean(val.map((value, i) => value / train[i]!)) };
  }
  const trainAcc = accuracyCurve(call, false);
  const valAcc = accuracyCurve(call, true);
  if (!trainAcc || !valAcc || trainAcc.values.length !== training.values.length || valAcc.values.length !== training.values.length) return undefined;
  const ta = trainAcc.values.slice(from);
  const va = valAcc.values.slice(from);
  if (allFinite(ta) && allFinite(va) && va.every((value, i) => value - ta[i]! > ACCURACY_GAP) && val.every((value, i) => value < train[i]!)) {
    return { kind: 'accuracy' as const, gap: mean(va.map((value, i) => value - ta[i]!)) };
  }
  return undefined;
}

export const unrepresentativeValidation: CurveCheck = {
  id: 'unrepresentative-validation',
  description: 'The validation loss stays far below the training loss, or jumps about far more than it.',
  severity: 'warning',
  check(call) {
    const training = curveOf(call, 'loss');
    const validation = curveOf(call, 'val_loss');
    const n = validation.values.length;
    if (n === 0 || training.values.length !== n || !allFinite(training.values) || !allFinite(validation.values)) return [];
    const lower = below(call, training, validation);
    if (lower) {
      const from = Math.min(FIRST_COMPARED, n);
      return [
        {
          id: 'unrepresentative-validation',
          severity: 'warning',
          message:
            lower.kind === 'loss'
              ? `The validation loss stays far below the training loss, at ${percent(lower.ratio)} of it on average. From epoch ${from + 1} on it is at most half of it (${format(validation.values[n - 1]!)} against ${format(training.values[n - 1]!)} at the end). A model does not do that much better on data it has not seen; the validation set is probably not like the training data.`
              : `The validation accuracy stays above the training accuracy, by ${format(lower.gap)} on average. It does so at every epoch from epoch ${from + 1} on. A model does not do better on data it has not seen; the validation set is probably not like the training data.`,
          call: call.index,
          evidence: { metric: 'val_loss', epochs: validation.epochs.slice(from), values: validation.values.slice(from) },
          causes: splitCauses(call, true),
          ...fixFor(call),
        },
      ];
    }
    if (n < NOISE_EPOCHS || !training.values.every((value) => value > 0) || !validation.values.every((value) => value > 0)) return [];
    const valNoise = roughness(validation.values);
    const trainNoise = roughness(training.values);
    if (valNoise < NOISE_FLOOR || valNoise < NOISE_RATIO * trainNoise || trainNoise >= SMOOTH_TRAINING) return [];
    return [
      {
        id: 'unrepresentative-validation',
        severity: 'warning',
        message: `The validation loss jumps about far more than the training loss. Its epoch-to-epoch zigzag is ${format(valNoise / Math.max(trainNoise, 1e-3))} times as large${trainNoise < 1e-3 ? ' or more' : ''}. Such a validation loss says little about how the model does on new data.`,
        call: call.index,
        evidence: { metric: 'val_loss', epochs: validation.epochs, values: validation.values },
        causes: splitCauses(call, false),
        // Noise alone does not say the data is ordered: no edit is proposed.
        ...(call.at ? { at: call.at } : {}),
      },
    ];
  },
};
