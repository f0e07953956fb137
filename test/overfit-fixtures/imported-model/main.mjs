// Makes no model of its own: the file it imports makes one, which a script of its own would train.
import * as net from './model.mjs';

export const modelFile = Object.keys(net).length > 0 ? 'model.mjs' : undefined;
