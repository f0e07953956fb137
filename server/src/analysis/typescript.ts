/**
 * The TypeScript compiler API, as bundled with ts-morph. The analysis walks raw syntax trees for
 * speed (a keystroke budget of a few milliseconds) and never needs a type checker.
 */
export { ts } from 'ts-morph';
