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

export function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
