/**
 * The TypeScript compiler API, as bundled with ts-morph (its @ts-morph/common package). The analysis
 * walks raw syntax trees for speed and never needs a type checker. The bundles load the compiler
 * from dist/typescript.js instead of through @ts-morph/common, whose 3 MB of embedded library files
 * would cost about a quarter of a second on every start (see esbuild.mjs).
 */
export { ts } from '@ts-morph/common';
