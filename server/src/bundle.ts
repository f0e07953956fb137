/**
 * The analysis bundle, dist/analysis.js: the language server and the command line both load this one
 * build of the analysis and its rules, so the extension and the `tfjs-doctor` package carry the same
 * code. The language server uses `createAnalysis`, the command `runFromCommandLine`.
 */
export { createAnalysis } from './lsp/analysis';
export { runFromCommandLine } from './cli/main';
