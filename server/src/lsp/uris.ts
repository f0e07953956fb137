import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const UNTITLED_ROOT = path.resolve('/__untitled__');
const HTML_PAGE = /\.html?$/i;
const EXTENSIONS: Readonly<Record<string, string>> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
  html: '.html',
};

/** The path the analysis uses for a document: its file path, or a stand-in for unsaved buffers. */
export function documentPath(uri: string, languageId: string): string | undefined {
  if (uri.startsWith('file:')) {
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    // Editors show templates of other languages as HTML too (.ejs, .jsp, .aspx): only pages are checked.
    return languageId !== 'html' || HTML_PAGE.test(file) ? file : undefined;
  }
  const extension = EXTENSIONS[languageId];
  if (!extension) return undefined;
  return path.join(UNTITLED_ROOT, `${encodeURIComponent(uri)}${extension}`);
}

/** The URI of a path the analysis reported on. */
export function pathUri(file: string): string {
  if (file.startsWith(UNTITLED_ROOT + path.sep)) {
    const name = path.basename(file);
    return decodeURIComponent(name.slice(0, name.length - path.extname(name).length));
  }
  return pathToFileURL(file).href;
}

/**
 * Whether `file` is inside one of `folders`, symbolic links resolved (a link inside a folder to a
 * file outside is outside). False for a file that does not exist.
 */
export function isInsideFolders(file: string, folders: readonly string[]): boolean {
  const real = realPath(file);
  if (real === undefined) return false;
  return folders.some((folder) => {
    const relative = path.relative(realPath(folder) ?? path.resolve(folder), real);
    return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  });
}

function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}
