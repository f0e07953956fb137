import { RuleTester } from './core/rule-tester';
import rule from './global-min-max-scaling';

const header = "import * as tf from '@tensorflow/tfjs';\n";
const scaled = (data: string, min = 'x.min()', max = 'x.max()'): string => `${header}const x = ${data};\nexport const scaled = x.sub(${min}).div(${max}.sub(${min}));`;
const houses = 'tf.tensor2d([[2104, 3], [1600, 3], [2400, 4], [1416, 2]])';

new RuleTester().run(rule, {
  valid: [
    { name: 'each column by its own range', code: scaled(houses, 'x.min(0)', 'x.max(0)') },
    { name: 'columns on one scale, like pixels', code: scaled('tf.tensor2d([[0, 255, 128], [12, 200, 90], [255, 0, 64]])') },
    { name: 'a single feature', code: scaled('tf.tensor2d([[2104], [1600], [2400], [1416]])') },
    { name: 'unknown data', code: `${header}export const scale = (x: tf.Tensor2D) => x.sub(x.min()).div(x.max().sub(x.min()));` },
  ],
  invalid: [
    {
      name: 'floor area and rooms scaled together',
      code: scaled(houses),
      errors: [{ messageId: 'globalRange', text: 'x.sub(x.min()).div(x.max().sub(x.min()))', severity: 'warning', message: /from 2 to 984/ }],
    },
  ],
});
