import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rangeCurve, rangeTest, readCurve, RANGE_SETTINGS, roundRate, scheduledRate } from './lr-range';

/**
 * A loss curve of the usual shape, as a function of the rate: flat while the rate is too small to
 * move the weights, falling from `fallsFrom`, lowest at `best`, then rising steeply.
 */
function valley(best: number, fallsFrom = best / 1000): (rate: number) => number {
  return (rate) => {
    if (rate <= fallsFrom) return 1;
    if (rate <= best) return 1 - 0.9 * (Math.log(rate / fallsFrom) / Math.log(best / fallsFrom));
    return 0.1 * (rate / best) ** 3;
  };
}

/** Gradient descent on a·w²/2 from w = 1, the rate changed at each step: the loss a real run of SGD gives. */
function quadraticBowl(curvature: number): (rate: number) => number {
  let weight = 1;
  return (rate) => {
    const loss = (curvature * weight * weight) / 2;
    weight -= rate * curvature * weight;
    return loss;
  };
}

describe('learning-rate range test', () => {
  it('raises the rate exponentially from 1e-7 to 10 over 100 steps', () => {
    assert.equal(scheduledRate(RANGE_SETTINGS, 0), 1e-7);
    assert.ok(Math.abs(scheduledRate(RANGE_SETTINGS, 99) - 10) < 1e-9);
    const ratio = scheduledRate(RANGE_SETTINGS, 51) / scheduledRate(RANGE_SETTINGS, 50);
    assert.ok(Math.abs(ratio - scheduledRate(RANGE_SETTINGS, 1) / scheduledRate(RANGE_SETTINGS, 0)) < 1e-9);
  });

  it('smooths the loss with a bias-corrected moving average', async () => {
    const { points } = await rangeCurve(() => 2, { ...RANGE_SETTINGS, steps: 5 });
    // A constant loss stays that constant: without the correction the first values would be 0.04, 0.08, ...
    for (const point of points) assert.ok(Math.abs(point.smoothed - 2) < 1e-12);
  });

  it('proposes a tenth of the rate at the lowest smoothed loss, and reports the steepest descent before it', async () => {
    const curve = valley(0.01);
    const result = await rangeTest((rate) => curve(rate));
    assert.equal(result.stop, 'diverged');
    assert.ok(result.points.at(-1)!.learningRate < 10, 'stops once the loss runs away');
    assert.equal(result.inconclusive, undefined);
    assert.ok(result.lowest!.learningRate > 0.005 && result.lowest!.learningRate < 0.05, String(result.lowest!.learningRate));
    assert.equal(result.proposal, roundRate(result.lowest!.learningRate / 10));
    assert.ok(result.steepest!.learningRate < result.lowest!.learningRate);
    assert.ok(result.steepest!.learningRate > 1e-5);
  });

  it('stops at the first NaN and keeps only finite points', async () => {
    const curve = valley(1e-3);
    const result = await rangeTest((rate) => (rate > 1.2e-3 ? Number.NaN : curve(rate)));
    assert.equal(result.stop, 'non-finite');
    assert.ok(result.points.every((point) => Number.isFinite(point.loss)));
    assert.ok(result.proposal !== undefined && result.proposal < 1e-3);
  });

  it('finds the usable rates of gradient descent on a quadratic bowl', async () => {
    for (const curvature of [5, 100, 2000]) {
      const result = await rangeTest(quadraticBowl(curvature));
      // Descent is fastest at a rate of 1/a and diverges past 2/a.
      assert.ok(result.proposal !== undefined, `a = ${curvature}: ${result.inconclusive}`);
      assert.ok(result.proposal > 0.01 / curvature && result.proposal < 1 / curvature, `a = ${curvature}: ${result.proposal}`);
      assert.ok(result.stop === 'diverged' || result.stop === 'non-finite');
    }
  });

  it('is inconclusive when the loss never falls', async () => {
    const result = await rangeTest(() => 0.7);
    assert.equal(result.proposal, undefined);
    assert.match(result.inconclusive!, /^No usable minimum: the smoothed loss never fell/);
  });

  it('is inconclusive when the loss only rises', async () => {
    const result = await rangeTest((rate) => 1 + rate * 1e6);
    assert.equal(result.proposal, undefined);
    assert.match(result.inconclusive!, /No usable minimum/);
  });

  it('is inconclusive when the loss still falls at the highest rate', async () => {
    const result = await rangeTest((rate) => 1 / (1 + rate * 1e3));
    assert.equal(result.stop, 'end');
    assert.equal(result.proposal, undefined);
    assert.match(result.inconclusive!, /still falling at the highest learning rate tried \(10\)/);
  });

  it('is inconclusive when the loss is NaN from the start', async () => {
    const result = await rangeTest(() => Number.NaN);
    assert.equal(result.stop, 'non-finite');
    assert.deepEqual(result.points, []);
    assert.match(result.inconclusive!, /became NaN or infinite on its first step/);
  });

  it('stops when asked to', async () => {
    let steps = 0;
    const result = await rangeTest(
      () => {
        steps++;
        return 1;
      },
      RANGE_SETTINGS,
      () => steps >= 3,
    );
    assert.equal(result.stop, 'stopped');
    assert.equal(result.points.length, 3);
    assert.match(result.inconclusive!, /was stopped/);
  });

  it('measures a run-away loss that can be negative against how far it fell', async () => {
    const curve = valley(0.01);
    const result = await rangeTest((rate) => curve(rate) - 1);
    assert.equal(result.stop, 'diverged');
    assert.ok(result.proposal !== undefined && result.proposal < 0.005 && result.proposal > 0.0005, String(result.proposal));
  });

  it('reads a curve given point by point', () => {
    const points = Array.from({ length: 40 }, (_, index) => {
      const learningRate = scheduledRate(RANGE_SETTINGS, index);
      const smoothed = index < 30 ? 1 - index * 0.02 : 0.45 + (index - 30) * 0.5;
      return { learningRate, loss: smoothed, smoothed };
    });
    const read = readCurve(points, 'diverged');
    assert.equal(read.lowest!.learningRate, points[29]!.learningRate);
    assert.equal(read.proposal, roundRate(points[29]!.learningRate / 10));
  });
});
