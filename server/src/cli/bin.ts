/**
 * The `tfjs-doctor` command. The command itself is in the analysis bundle the language server loads
 * too, dist/analysis.js, loaded through V8's code cache (see typescript-loader.ts): a lint of a few
 * hundred files spends a good part of its time compiling the analysis's functions, which the cache
 * keeps from one run to the next.
 */
import * as path from 'node:path';
import { loadWithCodeCache } from '../typescript-loader';
import type { runFromCommandLine } from './main';

const command = loadWithCodeCache(path.join(__dirname, 'analysis.js')) as { runFromCommandLine: typeof runFromCommandLine };
command.runFromCommandLine();
