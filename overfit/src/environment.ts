/**
 * The environment the overfit worker, and so the user's script, runs with. The editor's and the
 * command line's environments hold secrets (tokens, keys, proxy credentials) the check has no use
 * for, and a script, or a package it imports, can read and send them anywhere. So the worker gets an
 * allowlist: what Node, tfjs and tfjs-node, and a training script that reads files need.
 */

/** Variables passed on by name (matched without regard to case on Windows, where names have none). */
const ALLOWED = new Set(
  [
    // Finding programs and libraries: PATH also finds tfjs-node's DLLs on Windows; LD_LIBRARY_PATH
    // and DYLD_LIBRARY_PATH find CUDA for tfjs-node-gpu.
    'PATH',
    'LD_LIBRARY_PATH',
    'DYLD_LIBRARY_PATH',
    // The user and their folders (os.homedir(), caches).
    'HOME',
    'USER',
    'LOGNAME',
    'USERNAME',
    'USERPROFILE',
    'HOMEDRIVE',
    'HOMEPATH',
    'APPDATA',
    'LOCALAPPDATA',
    'XDG_CACHE_HOME',
    'XDG_CONFIG_HOME',
    'XDG_DATA_HOME',
    // Temporary files (os.tmpdir()).
    'TMPDIR',
    'TMP',
    'TEMP',
    // Language, number formats and time zone.
    'LANG',
    'LANGUAGE',
    'TZ',
    // Windows itself: without SystemRoot, sockets and crypto fail; ComSpec and PATHEXT run programs.
    'SYSTEMROOT',
    'WINDIR',
    'SYSTEMDRIVE',
    'COMSPEC',
    'PATHEXT',
    'PROGRAMDATA',
    'PROGRAMFILES',
    'PROGRAMFILES(X86)',
    'COMMONPROGRAMFILES',
    'NUMBER_OF_PROCESSORS',
    'PROCESSOR_ARCHITECTURE',
    'OS',
    // Node settings a script may rely on. Not NODE_OPTIONS: its --require and --import would load
    // code into the check's process before it starts (in static mode too), and its heap flags would
    // override the memory limit. Not NODE_AUTH_TOKEN either, a registry credential.
    'NODE_ENV',
    'NODE_PATH',
    'NODE_EXTRA_CA_CERTS',
    'NODE_TLS_REJECT_UNAUTHORIZED',
    'NODE_ICU_DATA',
    'NODE_PRESERVE_SYMLINKS',
    'NODE_NO_WARNINGS',
    'NODE_PENDING_DEPRECATION',
    'NODE_DISABLE_COLORS',
    'NO_COLOR',
    'FORCE_COLOR',
    // TensorFlow's native library (tfjs-node): its log level, threads and devices.
    'TF_CPP_MIN_LOG_LEVEL',
    'TF_CPP_MAX_VLOG_LEVEL',
    'TF_NUM_INTEROP_THREADS',
    'TF_NUM_INTRAOP_THREADS',
    'TF_ENABLE_ONEDNN_OPTS',
    'TF_FORCE_GPU_ALLOW_GROWTH',
    'CUDA_VISIBLE_DEVICES',
    'OMP_NUM_THREADS',
  ].map((name) => name.toUpperCase()),
);

/** Locale categories (LC_ALL, LC_CTYPE, ...), whatever the platform defines. */
const LOCALE = /^LC_[A-Z]+$/;

export function scriptEnvironment(base: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    const key = platform === 'win32' ? name.toUpperCase() : name;
    if (ALLOWED.has(key) || LOCALE.test(key)) env[name] = value;
  }
  // In VS Code the extension host's executable is Electron: without this the worker would start a
  // second editor instead of running as Node. Plain Node ignores it.
  env['ELECTRON_RUN_AS_NODE'] = '1';
  return env;
}
