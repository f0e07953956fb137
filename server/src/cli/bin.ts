/**
 * The `tfjs-doctor` command. The command itself, dist/cli-main.js, is loaded through V8's code cache
 * (see typescript-loader.ts): a lint of a few hundred files spends a good part of its time compiling
 * the analysis's functions, which the cache keeps from one run to the next.
 */
import * as path from 'node:path';
import { loadWithCodeCache } from '../typescript-loader';
import type { runFromCommandLine } from './main';

const command = loadWithCodeCache(path.join(__dirname, 'cli-main.js')) as { runFromCommandLine: typeof runFromCommandLine };
command.runFromCommandLine();
