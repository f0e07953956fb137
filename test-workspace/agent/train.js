import { createQNetwork, makeOptimizer } from './q-network';

export const online = createQNetwork(9, 9, 4);
export const optimizer = makeOptimizer(1e-3);
