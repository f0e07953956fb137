/** The learning-curve checks, sorted by id (a test keeps it so), and the doctor that runs them. */
import type { TrainingFinding, TrainingRecord } from '../types';
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

/** Every check over every call of the run, errors first. */
export function diagnoseTraining(record: TrainingRecord): TrainingFinding[] {
  const order = { error: 0, warning: 1, info: 2 } as const;
  return record.calls
    .flatMap((call) => curveChecks.flatMap((check) => check.check(call, record)))
    .sort((a, b) => order[a.severity] - order[b.severity] || a.call - b.call);
}
