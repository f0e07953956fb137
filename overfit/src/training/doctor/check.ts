/** What a learning-curve check is: a pure function of one recorded training call. */
import type { Severity } from '../../types';
import type { TrainingCall, TrainingFinding, TrainingRecord } from '../types';

export interface CurveCheck {
  /** Also the name of its doc page (`<id>.md` beside it). */
  readonly id: string;
  /** One line: what the check looks for. */
  readonly description: string;
  readonly severity: Severity;
  /** The findings for one call; empty when the curves show nothing, or too little to tell. */
  check(call: TrainingCall, record: TrainingRecord): TrainingFinding[];
}
