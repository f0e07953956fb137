/** The validation loss turns and rises while the training loss keeps falling. */
import type { CurveCheck } from './check';
import { allFinite, argMin, curveOf, epochLabel, format, percent, roughness, smooth } from './curves';
import { oscillates } from './oscillating-loss';

/** Fewest epochs to conclude from. */
export const OVERFIT_EPOCHS = 6;
/** Epochs after the turn the rise must last (tfjs's earlyStopping would need a patience of as many to stop there). */
export const EPOCHS_AFTER_TURN = 3;
/** The validation loss must end this far above its lowest point (relative: the counterpart on losses of AUTOTRAINER's 0.1 accuracy gap). */
export const VALIDATION_RISE = 0.1;
/** The rise (on the log scale) must be at least this many times the roughness of the validation curve after the turn: a steady climb, not noise around a level. */
export const RISE_OVER_NOISE = 2;
/** Points of the centred moving average that steadies the validation curve before its turn is looked for. */
const SMOOTHING = 3;

export const overfitting: CurveCheck = {
  id: 'overfitting',
  description: 'The validation loss turns and rises while the training loss keeps falling.',
  severity: 'warning',
  check(call) {
    const training = curveOf(call, 'loss');
    const validation = curveOf(call, 'val_loss');
    const n = validation.values.length;
    if (n < OVERFIT_EPOCHS || training.values.length !== n || !allFinite(training.values) || !allFinite(validation.values)) return [];
    const smoothed = smooth(validation.values, SMOOTHING);
    const smoothedTurn = argMin(smoothed);
    // The turn the user sees in the logs: the lowest raw value next to the smoothed curve's lowest point.
    const near = [smoothedTurn - 1, smoothedTurn, smoothedTurn + 1].filter((i) => i >= 0 && i < n);
    const turn = near.reduce((a, b) => (validation.values[b]! < validation.values[a]! ? b : a));
    if (turn > n - 1 - EPOCHS_AFTER_TURN) return [];
    const lowest = smoothed[smoothedTurn]!;
    if (!(lowest > 0)) return [];
    const end = smoothed[n - 1]!;
    const rise = end / lowest - 1;
    if (rise < VALIDATION_RISE) return [];
    // A steady climb, not a validation loss that jumps about a level (a small validation set at its noise floor).
    if (Math.log(1 + rise) < RISE_OVER_NOISE * roughness(validation.values.slice(turn))) return [];
    // The rise lasts: every epoch of the last EPOCHS_AFTER_TURN is above the lowest point.
    if (!validation.values.slice(n - EPOCHS_AFTER_TURN).every((value) => value > lowest)) return [];
    // UMLAUT: validation rises while training stays flat or falls (both smoothed alike).
    const smoothedTraining = smooth(training.values, SMOOTHING);
    if (smoothedTraining[n - 1]! > smoothedTraining[smoothedTurn]!) return [];
    // A training loss that oscillates drags the validation loss up and down with it: that is the other check's finding.
    if (oscillates(training.values)) return [];
    const turnEpoch = validation.epochs[turn]!;
    const patience = Math.max(EPOCHS_AFTER_TURN, Math.min(10, Math.round(n / 10)));
    const { samples, validationSplit } = call.config;
    const trainingSamples = samples !== undefined && validationSplit !== undefined && validationSplit > 0 && validationSplit < 1 ? Math.floor(samples * (1 - validationSplit)) : samples;
    return [
      {
        id: 'overfitting',
        severity: 'warning',
        message:
          `The model overfits from ${epochLabel(turnEpoch)} on: its validation loss rose by ${percent(rise)} while the training loss fell. ` +
          `The training loss went from ${format(training.values[turn]!)} to ${format(training.values[n - 1]!)} after that epoch; the epochs after the turn fit the noise of the training data and make the model worse on new data.`,
        call: call.index,
        evidence: { metric: 'val_loss', epochs: validation.epochs.slice(turn), values: validation.values.slice(turn) },
        causes: [
          `Training goes on past the best epoch: stop there with callbacks: tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: ${patience} }).`,
          `The model has more capacity than the data needs${trainingSamples !== undefined ? ` (it trains on ${trainingSamples} samples)` : ''}: add dropout or L2 regularisation (kernelRegularizer: tf.regularizers.l2()), or use fewer units.`,
          'There is too little training data: more data, or data augmentation, makes the curves meet.',
        ],
        ...(call.at ? { at: call.at } : {}),
        ...(call.at && !call.config.earlyStopping ? { fix: { kind: 'add-early-stopping' as const, at: call.at, monitor: 'val_loss', patience } } : {}),
      },
    ];
  },
};
