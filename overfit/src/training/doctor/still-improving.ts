/** The loss is still falling steadily when training ends: more epochs would help. */
import type { TrainingCall } from '../types';
import type { CurveCheck } from './check';
import { accuracyCurve, allFinite, curveOf, decayFit, format, percent, trendFall, type Curve } from './curves';

/** Fewest epochs to judge a trend from. */
export const TREND_EPOCHS = 6;
/** The last epochs the fall is measured over (TheDeepChecker's loss window). */
export const RECENT_EPOCHS = 5;
/** A fall of at least this much over the recent epochs is still learning (TheDeepChecker: less than 5 % per window of 5 is "not decreasing"). */
export const RECENT_FALL = 0.05;
/** Of the recent epoch-to-epoch steps of the training loss, at least this share go down: the fall is steady, not noise. */
export const STEADY_SHARE = 0.8;
/** When an accuracy is logged it must also still rise, by at least this much over the recent epochs (AUTOTRAINER δ). */
export const ACCURACY_RISE = 0.01;
/** The proposal: epochs until the fitted trend has made this share of the fall it has left. */
export const FALL_TAKEN = 0.95;
/** The proposal never goes beyond this many times the epochs run. */
export const MOST_EPOCHS_FACTOR = 10;

/** A round number of epochs at or above `epochs`: to the next 5 below 50, the next 10 below 500, the next 50 above. */
function roundUp(epochs: number): number {
  const step = epochs < 50 ? 5 : epochs < 500 ? 10 : 50;
  return Math.ceil(epochs / step) * step;
}

/**
 * The epochs the trend needs: an exponential approach to a floor fitted to the second half of the
 * curve, then the epochs until FALL_TAKEN of the fall it has left is made.
 */
export function epochsNeeded(curve: Curve): { total: number; capped: boolean; floor: number } | undefined {
  const n = curve.values.length;
  const from = Math.floor(n / 2);
  const fit = decayFit(curve.values.slice(from));
  if (!fit || fit.rate >= 1) return undefined;
  const more = Math.log(1 - FALL_TAKEN) / Math.log(fit.rate);
  const total = roundUp(curve.epochs[n - 1]! + 1 + more);
  const most = MOST_EPOCHS_FACTOR * (curve.epochs[n - 1]! + 1);
  return total > most ? { total: roundUp(most), capped: true, floor: fit.floor } : { total, capped: false, floor: fit.floor };
}

function falling(curve: Curve): number {
  return trendFall(curve.values.slice(-RECENT_EPOCHS));
}

/** Whether most recent steps go down (the training loss is a mean over the epoch, so it is smooth when it is steady). */
function steady(curve: Curve): boolean {
  const recent = curve.values.slice(-RECENT_EPOCHS);
  const downs = recent.slice(1).filter((value, i) => value < recent[i]!).length;
  return downs >= STEADY_SHARE * (recent.length - 1);
}

export const stillImproving: CurveCheck = {
  id: 'still-improving',
  description: 'The loss is still falling steadily when training ends: more epochs would help.',
  severity: 'warning',
  check(call: TrainingCall) {
    if (call.end !== 'finished' || call.config.earlyStopping) return [];
    const training = curveOf(call, 'loss');
    const validation = curveOf(call, 'val_loss');
    const watched = validation.values.length === training.values.length && validation.values.length > 0 ? validation : training;
    if (watched.values.length < TREND_EPOCHS || !allFinite(training.values) || !allFinite(watched.values)) return [];
    if (!watched.values.every((value) => value > 0) || !training.values.every((value) => value > 0)) return [];
    const fall = falling(watched);
    if (fall < RECENT_FALL || falling(training) < RECENT_FALL || !steady(training)) return [];
    // A validation loss that is lower now than RECENT_EPOCHS epochs ago, not just on a trend line.
    const recentWatched = watched.values.slice(-RECENT_EPOCHS);
    if (recentWatched[recentWatched.length - 1]! >= recentWatched[0]!) return [];
    const accuracy = accuracyCurve(call, watched === validation) ?? accuracyCurve(call, false);
    if (accuracy && accuracy.values.length >= RECENT_EPOCHS && allFinite(accuracy.values)) {
      const recent = accuracy.values.slice(-RECENT_EPOCHS);
      if (recent[recent.length - 1]! - recent[0]! < ACCURACY_RISE) return [];
    }
    const ran = watched.epochs[watched.epochs.length - 1]! + 1;
    // Fewer epochs than asked for: a callback of the script's own stopped training on purpose.
    if (call.config.epochs !== undefined && ran < call.config.epochs) return [];
    const need = epochsNeeded(watched);
    if (!need || need.total <= ran) return [];
    const name = watched === validation ? 'validation loss' : 'training loss';
    const recentEpochs = watched.epochs.slice(-RECENT_EPOCHS);
    const recentValues = watched.values.slice(-RECENT_EPOCHS);
    return [
      {
        id: 'still-improving',
        severity: 'warning',
        message:
          `The ${name} was still falling when training stopped after ${ran} epochs. It fell by ${percent(fall)} over the last ${RECENT_EPOCHS} epochs, to ${format(recentValues[recentValues.length - 1]!)}; ` +
          `the trend fitted to the second half of the curve needs ${need.capped ? 'at least ' : 'about '}${need.total} epochs in all to make ${percent(FALL_TAKEN)} of the fall it has left${need.floor > 0 ? ` (it levels off near ${format(need.floor)})` : ''}.`,
        call: call.index,
        evidence: { metric: watched.metric, epochs: recentEpochs, values: recentValues },
        causes: [
          `Too few epochs: ${call.config.epochs !== undefined ? `epochs is ${call.config.epochs}` : 'the epochs set'} for a model that learns at this pace.`,
          'A learning rate on the low side makes each epoch count for little; a higher one may need fewer epochs.',
        ],
        ...(call.at ? { at: call.at, fix: { kind: 'set-epochs' as const, at: call.at, epochs: need.total } } : {}),
      },
    ];
  },
};
