import type { Span } from '../../../../rules/core/span';
import type { UnknownValue, Value } from '../../../../rules/core/values';
import { isKnownString, primitive, unknown } from '../../../../rules/core/values';
import type { PageField } from '../html/form-fields';
import { notDefinedReason } from './builtins';

/**
 * The form fields of the page a browser script runs in: `document.getElementById('units').value`
 * and the like, which web code reads its settings from (a layer size, a learning rate, a model type).
 *
 * What a field holds is the user's to change, so it reads as unknown. The overfit check's static
 * build runs the code again with each field at the value its page gives it as it loads (`lookup`),
 * which resolves the choices the code makes on them, as the page does before anyone touches it.
 */

/** A field of a page, and the page. */
export interface FieldOfPage {
  readonly page: string;
  readonly field: PageField;
}

/**
 * The field with `id` of the page a script in `file` runs in: undefined when no page near the file
 * has one, null when the pages that do give it different values.
 */
export type PageFieldLookup = (file: string, id: string) => FieldOfPage | null | undefined;

/** A field the code reads: the id, where the code finds the element, and what it reads of it. */
export interface FieldRead {
  readonly id: string;
  readonly span: Span;
  readonly property: 'value' | 'valueAsNumber' | 'checked';
}

/** The properties of a field that hold what the user enters or picks. */
const FIELD_PROPERTIES = new Set<string>(['value', 'valueAsNumber', 'checked']);

/** The reason of the global `document` the analysed code does not define. */
const DOCUMENT = notDefinedReason('document');

/** The id a CSS selector picks by itself (`#units`); undefined for any other selector. */
function selectorId(selector: string): string | undefined {
  return /^#([A-Za-z_][\w-]*)$/.exec(selector.trim())?.[1];
}

/** The fields of one run's page: which values are elements of it, and which of their fields the code reads. */
export class PageFields {
  /** The fields the code read, in the order first read. */
  readonly read: FieldRead[] = [];
  /** The fields the code sets: what they hold is no longer the page's, wherever the code reads them. */
  private readonly written = new Set<string>();

  /** `lookup`: fields hold what their page gives them (see the module comment). */
  constructor(private readonly lookup?: PageFieldLookup) {}

  /** `document.getElementById(id)` or `document.querySelector('#id')`: the element; undefined for any other call. */
  element(receiver: Value, name: string, args: readonly Value[], span: Span | undefined): Value | undefined {
    // The page's own document, not one of a frame or of a library (`frame.contentWindow.document`).
    if (receiver.kind !== 'unknown' || receiver.reason !== DOCUMENT) return undefined;
    const first = args[0];
    if (!isKnownString(first)) return undefined;
    const id = name === 'getElementById' ? first.value : name === 'querySelector' ? selectorId(first.value) : undefined;
    if (id === undefined || span === undefined) return undefined;
    return { ...unknown(`the element #${id} of the page`, span), pageElement: id };
  }

  /** Notes that the code sets `key` of `object`: when it is a field's value, the page's is not what the code reads, which is then left open. */
  noteWrite(object: Value, key: string): void {
    if (object.kind === 'unknown' && object.pageElement !== undefined && FIELD_PROPERTIES.has(key)) this.written.add(object.pageElement);
  }

  /** A property of an element of the page; undefined when the value is none, or the property not one a user sets. */
  member(value: Value, key: string): Value | undefined {
    if (value.kind !== 'unknown' || value.pageElement === undefined || !FIELD_PROPERTIES.has(key) || !value.span) return undefined;
    const id = value.pageElement;
    const span = value.span;
    const property = key as FieldRead['property'];
    if (this.written.has(id)) return fieldValue(id, span);
    if (!this.read.some((read) => read.id === id && read.property === property && read.span.file === span.file && read.span.start === span.start)) this.read.push({ id, span, property });
    const field = this.lookup?.(span.file, id)?.field;
    const known = field ? propertyOf(field, property) : undefined;
    return known !== undefined ? primitive(known, span) : fieldValue(id, span);
  }
}

/**
 * What a property of the field holds as the page loads, where the element has it: `checked` of a
 * checkbox or radio button, `valueAsNumber` of a number or range field that holds a number (one
 * left empty has NaN, which no size or rate takes).
 */
export function propertyOf(field: PageField, property: FieldRead['property']): string | number | boolean | undefined {
  if (property === 'value') return field.value;
  if (property === 'checked') return field.type === 'checkbox' || field.type === 'radio' ? field.checked : undefined;
  if (field.type !== 'number' && field.type !== 'range') return undefined;
  const number = Number(field.value);
  return field.value.trim() !== '' && Number.isFinite(number) ? number : undefined;
}

/** What a field holds when the page is not read, or the code sets it: whatever the user enters. */
function fieldValue(id: string, span: Span): UnknownValue {
  return { ...unknown(`the field #${id} of the page`, span), pageField: id };
}
