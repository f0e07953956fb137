/**
 * What a browser does with a `<script>` element, by its `type` and `language` attributes, as the
 * HTML standard decides it ("prepare the script element"): run it as a classic script, run it as a
 * module, or leave it as data (`text/template`, JSON, an import map, `text/babel`, ...).
 */
export type ScriptKind = 'classic' | 'module';

/** The JavaScript MIME types of the HTML standard; any other type but `module` is data. */
const JAVASCRIPT_TYPES = new Set([
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

/** Leading and trailing ASCII whitespace, which the standard strips from the type. */
const ASCII_WHITESPACE = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;

/**
 * How a script element with these attribute values runs, or undefined when it does not (a data
 * block). `type` and `language` are undefined when the attribute is absent. The comparison is
 * exact but for case: `text/javascript; charset=utf-8` is not a JavaScript MIME type to a browser,
 * which does not run that script.
 */
export function scriptKind(type: string | undefined, language: string | undefined): ScriptKind | undefined {
  let typeString: string;
  if (type === '' || (type === undefined && (language === undefined || language === ''))) typeString = 'text/javascript';
  else if (type !== undefined) typeString = type;
  else typeString = `text/${language}`;
  const normalized = typeString.replace(ASCII_WHITESPACE, '').toLowerCase();
  if (JAVASCRIPT_TYPES.has(normalized)) return 'classic';
  if (normalized === 'module') return 'module';
  return undefined;
}
