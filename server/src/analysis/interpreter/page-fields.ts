import type { Span } from '../../../../rules/core/span';
import type { UnknownValue, Value } from '../../../../rules/core/values';
import { isKnownString, primitive, unknown } from '../../../../rules/core/values';
import type { PageField } from '../html/page';

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

/** A field the code reads: the id, and where the code finds the element. */
export interface FieldRead {
  readonly id: string;
  readonly span: Span;
}

/** The properties of a field that hold what the user enters or picks. */
const FIELD_PROPERTIES = new Set(['value', 'valueAsNumber', 'checked']);

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
    if (receiver.kind !== 'unknown' || receiver.name !== 'document' || receiver.parameter || receiver.pageElement) return undefined;
    const first = args[0];
    if (!isKnownString(first)) return undefined;
    const id = name === 'getElementById' ? first.value : name === 'querySelector' ? selectorId(first.value) : undefined;
    if (id === undefined || span === undefined) return undefined;
    return { ...unknown(`the element #${id} of the page`, span), pageElement: id };
  }

  /** Notes that the code sets `key` of `object`: when it is a field's value, the page's is not what the code reads. */
  noteWrite(object: Value, key: string): void {
    if (object.kind === 'unknown' && object.pageElement !== undefined && FIELD_PROPERTIES.has(key)) this.written.add(object.pageElement);
  }

  /** A property of an element of the page; undefined when the value is none, or the property not one a user sets. */
  member(value: Value, key: string): Value | undefined {
    if (value.kind !== 'unknown' || value.pageElement === undefined || !FIELD_PROPERTIES.has(key) || !value.span) return undefined;
    const id = value.pageElement;
    const span = value.span;
    if (this.written.has(id)) return fieldValue(id, span);
    if (!this.read.some((read) => read.id === id && read.span.file === span.file && read.span.start === span.start)) this.read.push({ id, span });
    const found = this.lookup?.(span.file, id);
    const field = found?.field;
    if (field) {
      if (key === 'checked') return primitive(field.checked, span);
      if (key === 'value') return primitive(field.value, span);
      // A number field left empty has no number: NaN, which no size or rate takes.
      if (field.value.trim() !== '' && Number.isFinite(Number(field.value))) return primitive(Number(field.value), span);
    }
    return fieldValue(id, span);
  }
}

/** What a field holds when the page is not read, or the code sets it: whatever the user enters. */
function fieldValue(id: string, span: Span): UnknownValue {
  return { ...unknown(`the field #${id} of the page`, span), pageField: id };
}
