import * as fs from 'node:fs';
import * as path from 'node:path';

let root: string | undefined;

/** The folder of this package (where package.json and the rule docs are), found from this file. */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === 'tfjs-doctor') return (root = dir);
    } catch {
      // Not here; keep looking upwards.
    }
    if (path.dirname(dir) === dir) return (root = path.resolve(__dirname, '..'));
  }
}

/** The path of a rule's documentation page. */
export function ruleDocPath(ruleId: string): string {
  return path.join(packageRoot(), 'rules', `${ruleId}.md`);
}

/** The text of a rule's documentation page, or undefined if it is missing. */
export function ruleDoc(ruleId: string): string | undefined {
  try {
    return fs.readFileSync(ruleDocPath(ruleId), 'utf8');
  } catch {
    return undefined;
  }
}

interface Manifest {
  readonly version?: string;
  readonly repository?: string | { readonly url?: string };
}

let manifest: Manifest | undefined;

function packageManifest(): Manifest {
  if (manifest) return manifest;
  try {
    return (manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as Manifest);
  } catch {
    return (manifest = {});
  }
}

export function packageVersion(): string {
  return packageManifest().version ?? '0.0.0';
}

/**
 * The public address of a rule's documentation page: its file in the repository named in
 * package.json, on the main branch. Undefined when package.json names no web repository.
 */
export function ruleDocUrl(ruleId: string): string | undefined {
  const repository = packageManifest().repository;
  const url = (typeof repository === 'string' ? repository : repository?.url)?.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  return url && /^https:\/\//.test(url) ? `${url}/blob/main/rules/${encodeURIComponent(ruleId)}.md` : undefined;
}
