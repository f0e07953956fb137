/**
 * A TrainingFix read from a message: the panel's webview and the language server's request both get
 * one from another process, typed by nothing. Only the fields of its kind are kept.
 */
import type { CodePlace, TrainingFix } from '../overfit/src/training/types';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A file path and a 1-based line. */
export function readCodePlace(value: unknown): CodePlace | undefined {
  const place = record(value);
  if (!place) return undefined;
  const { file, line } = place;
  if (typeof file !== 'string' || file.length === 0 || file.length > 4096 || file.includes('\0')) return undefined;
  if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1) return undefined;
  return { file, line };
}

/** The fix, checked field by field; undefined for anything else. */
export function readTrainingFix(value: unknown): TrainingFix | undefined {
  const fix = record(value);
  const at = readCodePlace(fix?.['at']);
  if (!fix || !at) return undefined;
  switch (fix['kind']) {
    case 'set-epochs': {
      const epochs = fix['epochs'];
      return typeof epochs === 'number' && Number.isSafeInteger(epochs) && epochs >= 1 && epochs <= 1_000_000 ? { kind: 'set-epochs', at, epochs } : undefined;
    }
    case 'add-early-stopping': {
      const { monitor, patience } = fix;
      if (typeof monitor !== 'string' || !/^[A-Za-z_]\w{0,63}$/.test(monitor)) return undefined;
      return typeof patience === 'number' && Number.isSafeInteger(patience) && patience >= 0 && patience <= 10_000 ? { kind: 'add-early-stopping', at, monitor, patience } : undefined;
    }
    case 'shuffle-before-split':
      return { kind: 'shuffle-before-split', at };
    case 'set-learning-rate': {
      const rate = fix['learningRate'];
      return typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && rate < 1e3 ? { kind: 'set-learning-rate', at, learningRate: rate } : undefined;
    }
    default:
      return undefined;
  }
}
