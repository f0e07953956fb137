/** The learning-curve checks, sorted by id (a test keeps it so), and the doctor that runs them. */
import type { TrainingCall, TrainingFinding, TrainingRecord } from '../types';
import type { CurveCheck } from './check';
import { divergingLoss } from './diverging-loss';
import { dyingRelu } from './dying-relu';
import { notLearning } from './not-learning';
import { oscillatingLoss } from './oscillating-loss';
import { overfitting } from './overfitting';
import { stillImproving } from './still-improving';
import { unrepresentativeValidation } from './unrepresentative-validation';
import { vanishingGradient } from './vanishing-gradient';

export const curveChecks: readonly CurveCheck[] = [divergingLoss, dyingRelu, notLearning, oscillatingLoss, overfitting, stillImproving, unrepresentativeValidation, vanishingGradient];

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as unknown[]).filter((item) => typeof item === 'object' && item !== null) as T[] : []);

/** The call with every list and the config present, and only well-formed records in them (a record read from JSON may lack parts). */
function wellFormed(call: TrainingCall): TrainingCall {
  return {
    ...call,
    config: typeof call.config === 'object' && call.config !== null ? call.config : {},
    epochs: list<TrainingCall['epochs'][number]>(call.epochs).filter((record) => typeof record.logs === 'object' && record.logs !== null && typeof record.epoch === 'number'),
    batches: list<TrainingCall['batches'][number]>(call.batches).filter((record) => typeof record.step === 'number' && typeof record.epoch === 'number'),
    layerSamples: list<TrainingCall['layerSamples'][number]>(call.layerSamples)
      .filter((sample) => typeof sample.step === 'number' && typeof sample.epoch === 'number' && Array.isArray(sample.layers))
      .map((sample) => ({ ...sample, layers: list<TrainingCall['layerSamples'][number]['layers'][number]>(sample.layers).filter((layer) => typeof layer.name === 'string') })),
  };
}

/** Every check over every call of the run, errors first. */
export function diagnoseTraining(record: TrainingRecord): TrainingFinding[] {
  const order = { error: 0, warning: 1, info: 2 } as const;
  return list<TrainingCall>(record.calls)
    .map(wellFormed)
    .flatMap((call) => curveChecks.flatMap((check) => check.check(call, record)))
    .sort((a, b) => order[a.severity] - order[b.severity] || a.call - b.call);
}
