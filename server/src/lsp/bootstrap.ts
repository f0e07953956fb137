/**
 * The language server's entry point (dist/server.js). It loads the server (dist/server-main.js)
 * through V8's code cache, which spares it most of the compiling on every start after the first,
 * and stores the cache once the server has been running for a while, so that the functions it
 * compiled while answering the editor are in the cache too.
 */
import * as path from 'node:path';
import { loadWithCodeCache, saveCodeCache } from '../typescript-loader';

/** Long enough for the handshake and the first checks, short enough to happen in most sessions. */
const SAVE_AFTER_MS = 10_000;

loadWithCodeCache(path.join(__dirname, 'server-main.js'));
setTimeout(saveCodeCache, SAVE_AFTER_MS).unref();
