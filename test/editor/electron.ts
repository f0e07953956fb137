import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { packageRoot } from '../../server/src/docs';

/**
 * Runs the editor suite under @vscode/test-electron, which downloads a desktop VS Code first: for
 * machines that can reach the VS Code download servers.
 */
async function main(): Promise<void> {
  const root = packageRoot();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-electron-'));
  fs.cpSync(path.join(root, 'test-workspace'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'editor', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
