/**
 * Where a browser loads TensorFlow.js from: the packages' URLs on a CDN (jsDelivr, unpkg, esm.sh,
 * Skypack: `https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4/dist/tf.min.js`) and the file names of
 * the bundles a page may also serve itself (`tf.min.js`, `tf-core.js`, `tf.es2017.min.js`).
 */

/** The packages whose browser bundles define (or add to) the global `tf`, in a URL path. */
const SCRIPT_PACKAGE = /(?:^|\/)@tensorflow\/tfjs(?:-(?:core|layers|converter|data|backend-[a-z0-9]+))?(?:@[^/]*)?(?:\/|$)/;
/** The packages whose exports are the API the analysis knows (as `isTfjsPackage` in resolve.ts), in a URL path. */
const MODULE_PACKAGE = /(?:^|\/)@tensorflow\/tfjs(?:-core|-layers)?(?:@[^/]*)?(?:\/|$)/;
/** The bundles' file names: tf.js, tf.min.js, tf.es2017.min.js, tf-core.min.js, tf-layers.js. */
const BUNDLE_FILE = /(?:^|\/)tf(?:-core|-layers)?(?:\.es20\d\d)?(?:\.min)?\.js$/;
/** cdnjs serves the bundle under the library name `tensorflow`. */
const CDNJS = /^(?:https?:)?\/\/cdnjs\.cloudflare\.com\/ajax\/libs\/tensorflow\//;

/** The URL's path, without query and fragment, in lower case. */
function pathOf(url: string): string {
  return url.trim().replace(/[?#].*$/, '').toLowerCase();
}

/** Whether a classic `<script src>` loads a tfjs bundle, which defines the global `tf`. */
export function isTfjsScriptUrl(src: string): boolean {
  const path = pathOf(src);
  return SCRIPT_PACKAGE.test(path) || BUNDLE_FILE.test(path) || CDNJS.test(path);
}

/**
 * Whether an import specifier is a URL of a tfjs package (`https://cdn.jsdelivr.net/npm/@tensorflow/tfjs/+esm`,
 * `https://esm.sh/@tensorflow/tfjs@4`): browsers import modules by URL. Only absolute URLs: a
 * relative path is a file of the project, which the analysis follows instead.
 */
export function isTfjsModuleUrl(specifier: string): boolean {
  return /^(?:https?:)?\/\//i.test(specifier) && MODULE_PACKAGE.test(pathOf(specifier));
}
