/** Optimizer helpers for the control runs. */
import type { LayersModel, Optimizer } from './tf';

export function learningRateOf(optimizer: Optimizer | undefined): number | undefined {
  const rate = (optimizer?.getConfig() as { learningRate?: unknown } | undefined)?.learningRate;
  return typeof rate === 'number' && Number.isFinite(rate) ? rate : undefined;
}

/** A new optimizer of the same kind and settings, with its learning rate scaled. */
export function freshOptimizer(optimizer: Optimizer, scale: number): Optimizer {
  const config = optimizer.getConfig() as Record<string, unknown>;
  const rate = learningRateOf(optimizer);
  const cls = optimizer.constructor as unknown as { fromConfig(cls: unknown, config: Record<string, unknown>): Optimizer };
  return cls.fromConfig(cls, rate === undefined ? config : { ...config, learningRate: rate * scale });
}

/** Compiles the model again with another optimizer and its own loss. */
export function recompile(model: LayersModel, optimizer: Optimizer): void {
  model.compile({ optimizer, loss: (model as unknown as { loss: never }).loss });
}
