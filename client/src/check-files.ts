/**
 * The files an overfit check may take the user to: the checked file, the files where its models
 * are built, compiled and trained, and the files of the causes it shows. The panel's "Go to line"
 * and "Fix" open nothing else, whatever file a message names.
 */
import * as path from 'node:path';
import type { ModelTarget, OverfitResult } from '../../overfit/src/types';

export class CheckFiles {
  private readonly files = new Set<string>();

  constructor(checkedFile: string, targets: readonly ModelTarget[], result?: Pick<OverfitResult, 'file' | 'causes'>) {
    this.add(checkedFile);
    for (const target of targets) {
      this.add(target.file);
      for (const region of target.regions ?? []) this.add(region.file);
    }
    if (result?.file) this.add(result.file);
    for (const cause of result?.causes ?? []) if (cause.file) this.add(cause.file);
  }

  has(file: string): boolean {
    return this.files.has(key(file));
  }

  private add(file: string): void {
    this.files.add(key(file));
  }
}

/** One spelling per file: resolved, and without case on Windows, whose file names ignore it. */
function key(file: string): string {
  const resolved = path.resolve(file);
  return process.platform === 'win32' ? resolved.toLowerCase() : resolved;
}
