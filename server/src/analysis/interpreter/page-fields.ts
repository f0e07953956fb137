import type { Span } from '../../../../rules/core/span';
import type { ArrayValue, ObjectValue, Property, UnknownValue, Value } from '../../../../rules/core/values';
import { isKnownString, primitive, unknown } from '../../../../rules/core/values';
import type { FieldOption, PageField } from '../html/form-fields';
import type { PageElement } from '../html/page-elements';
import { notDefinedReason } from './builtins';

/**
 * The form fields and elements of the page a browser script runs in: `document.getElementById('units').value`
 * and the like, which web code reads its settings from (a layer size, a learning rate, a model type),
 * and `document.querySelectorAll('button.dataCollector')`, whose elements may name the classes a
 * model tells apart (`button.getAttribute('data-name')`, one class per button).
 *
 * What a field holds is the user's to change, and scripts add and remove elements, so both read as
 * unknown. The overfit check's static build runs the code again with each field at the value its
 * page gives it as it loads, and each list of elements as the page has them (`lookup`), which
 * resolves the choices the code makes on them, as the page does before anyone touches it.
 */

/** A field of a page, and the page. */
export interface FieldOfPage {
  readonly page: string;
  readonly field: PageField;
}

/** The elements a selector finds in a page, and the page. */
export interface ElementsOfPage {
  readonly page: string;
  readonly elements: readonly PageElement[];
}

/** The page a script in a file runs in, as far as the files tell (see nearest-page.ts). */
export interface PageLookup {
  /** The field with `id`: undefined when no page near the file has one, null when the pages that do give it different values. */
  field(file: string, id: string): FieldOfPage | null | undefined;
  /** The elements `selector` finds: undefined when it finds none in the pages near the file, or the analysis cannot match it; null when those pages disagree. */
  elements(file: string, selector: string): ElementsOfPage | null | undefined;
}

/** A field the code reads: the id, where the code finds the element, and what it reads of it. */
export interface FieldRead {
  readonly id: string;
  readonly span: Span;
  readonly property: 'value' | 'valueAsNumber' | 'checked' | 'selectedIndex' | 'options';
}

/** A list of elements the code asks the page for: the selector (`button.dataCollector`), and where. */
export interface ElementsRead {
  readonly selector: string;
  readonly span: Span;
}

/**
 * Methods of elements (and of their class lists) that add, remove or change elements or their
 * attributes: after the code calls one, the page's elements and attributes are no longer what the
 * code finds (an unknown receiver may be any object, and such a call on it leaves them open too, as
 * precision asks).
 */
const CHANGES_ELEMENTS = new Set([
  'appendChild', 'append', 'prepend', 'insertBefore', 'insertAdjacentHTML', 'insertAdjacentElement', 'insertAdjacentText', 'replaceChildren', 'replaceWith', 'replaceChild',
  'removeChild', 'remove', 'before', 'after', 'setAttribute', 'setAttributeNS', 'removeAttribute', 'toggleAttribute', 'add', 'toggle', 'replace', 'write', 'writeln',
]);

/** Properties whose assignment changes the elements, their attributes, or what a selector finds. */
const CHANGES_ELEMENTS_WHEN_SET = new Set(['innerHTML', 'outerHTML', 'textContent', 'innerText', 'outerText', 'className', 'id', 'name', 'type', 'hidden', 'disabled', 'dataset']);

/** Methods that read a list without changing it. */
const READS_OF_A_LIST = new Set(['at', 'entries', 'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'forEach', 'includes', 'indexOf', 'item', 'join', 'keys', 'lastIndexOf', 'map', 'namedItem', 'reduce', 'reduceRight', 'slice', 'some', 'values', 'flatMap', 'concat', 'toString']);

/** The properties of a field that hold what the user enters or picks. */
const FIELD_PROPERTIES = new Set<string>(['value', 'valueAsNumber', 'checked', 'selectedIndex']);

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
  /** The lists of elements the code asked the page for, in the order first asked. */
  readonly lists: ElementsRead[] = [];
  /** The fields the code sets: what they hold is no longer the page's, wherever the code reads them. */
  private readonly written = new Set<string>();
  /** Whether the code has changed the page's elements (see CHANGES_ELEMENTS): the lists it asks for after that are left open. */
  private elementsChanged = false;
  /** The lists of a select's options the code got (`select.options`): a change through one is a change of the page. */
  private readonly optionLists = new WeakSet<ArrayValue>();

  /** `lookup`: fields hold what their page gives them, and lists of elements are the page's (see the module comment). */
  constructor(private readonly lookup?: PageLookup) {}

  /** What the code reads of the `dataset` of each element of a list: one object per element, which its writes change. */
  private readonly datasets = new WeakMap<object, ObjectValue>();

  /**
   * A call on an unknown value that is about the page: `document.getElementById(id)` or
   * `document.querySelector('#id')` (the element), `document.querySelectorAll(selector)` (the list;
   * the live collections of the `getElementsBy…` methods, which scripts' changes show in, are left
   * open), `element.getAttribute(name)` of an element of such a list; undefined for any other call.
   */
  method(receiver: Value, name: string, args: readonly Value[], span: Span | undefined): Value | undefined {
    if (receiver.kind !== 'unknown') return undefined;
    if (CHANGES_ELEMENTS.has(name)) this.elementsChanged = true;
    const first = args[0];
    if (!isKnownString(first) || span === undefined) return undefined;
    const attributes = receiver.pageAttributes ?? (receiver.pageOption && span ? this.optionOf(receiver.pageOption, span)?.attributes : undefined);
    if (attributes) {
      if (this.elementsChanged) return undefined;
      if (name === 'getAttribute') return primitive(attributes[first.value.toLowerCase()] ?? null, span);
      if (name === 'hasAttribute') return primitive(first.value.toLowerCase() in attributes, span);
      return undefined;
    }
    // The page's own document, not one of a frame or of a library (`frame.contentWindow.document`).
    if (receiver.reason !== DOCUMENT) return undefined;
    const id = name === 'getElementById' ? first.value : name === 'querySelector' ? selectorId(first.value) : undefined;
    if (id !== undefined) return { ...unknown(`the element #${id} of the page`, span), pageElement: id };
    return name === 'querySelectorAll' ? this.elements(first.value, span) : undefined;
  }

  /** The elements `selector` finds: the page's when it is read and the code has not changed them, else unknown. */
  private elements(selector: string, span: Span): Value {
    const open = unknown(`the elements \`${selector}\` of the page`, span);
    // What the page has is not what the code finds after it changed the page.
    if (this.elementsChanged) return open;
    if (!this.lists.some((read) => read.selector === selector && read.span.file === span.file && read.span.start === span.start)) this.lists.push({ selector, span });
    const found = this.lookup?.elements(span.file, selector);
    if (!found) return open;
    const list: ArrayValue = {
      kind: 'array',
      elements: found.elements.map((element, index) => ({
        ...unknown(`element ${index + 1} of \`${selector}\` of the page`, span),
        ...(element.attributes.id ? { pageElement: element.attributes.id } : {}),
        pageAttributes: element.attributes,
      })),
      complete: true,
      span,
    };
    return list;
  }

  /** Notes that the code sets `key` of `object`: when it is a field's value, the page's is not what the code reads, which is then left open. */
  noteWrite(object: Value, key: string): void {
    // `select.options.length = 1`, `select.options[0] = option`, `select.options.selectedIndex = 2`.
    if (object.kind === 'array' && this.optionLists.has(object)) this.elementsChanged = true;
    if (object.kind !== 'unknown') return;
    // `option.selected = true`, `option.value = 'gru'`: the select holds what the code made of it.
    if (object.pageOption) {
      this.written.add(object.pageOption.field);
      this.elementsChanged = true;
    }
    if (object.pageElement !== undefined && FIELD_PROPERTIES.has(key)) this.written.add(object.pageElement);
    if (CHANGES_ELEMENTS_WHEN_SET.has(key)) this.elementsChanged = true;
  }

  /**
   * A property of an element of the page: a field's value (see FieldRead), or the `id`, `className`
   * or `dataset` of an element whose attributes the page gives; undefined when the value is none, or
   * the property not one of those.
   */
  member(value: Value, key: string): Value | undefined {
    if (value.kind !== 'unknown') return undefined;
    if (value.pageOption) return this.optionMember(value.pageOption, key, value.span);
    if (value.pageAttributes && !FIELD_PROPERTIES.has(key)) return this.elementsChanged ? undefined : this.attributeMember(value.pageAttributes, key, value.span);
    if (value.pageElement === undefined || !value.span) return undefined;
    const id = value.pageElement;
    const span = value.span;
    if (key !== 'options' && !FIELD_PROPERTIES.has(key)) return undefined;
    const property = key as FieldRead['property'];
    if (property !== 'options' && this.written.has(id)) return fieldValue(id, span);
    if (!this.read.some((read) => read.id === id && read.property === property && read.span.file === span.file && read.span.start === span.start)) this.read.push({ id, span, property });
    if (property === 'options') return this.options(id, span);
    const field = this.lookup?.field(span.file, id)?.field;
    const known = field ? propertyOf(field, property) : undefined;
    return known !== undefined ? primitive(known, span) : fieldValue(id, span);
  }

  /** The select field `id`'s options as the page writes them, before the code changes the page's elements; undefined when they are not known. */
  private selectOf(id: string, file: string): PageField | undefined {
    if (this.elementsChanged) return undefined;
    const field = this.lookup?.field(file, id)?.field;
    return field?.options ? field : undefined;
  }

  /** `select.options`: the options of a select field the page gives, each an element whose `value`, `text`, `label` and `index` are the page's. */
  private options(id: string, span: Span): Value | undefined {
    const options = this.selectOf(id, span.file)?.options;
    if (!options) return undefined;
    const list: ArrayValue = {
      kind: 'array',
      elements: options.map((_, index) => ({ ...unknown(`option ${index + 1} of #${id} of the page`, span), pageOption: { field: id, index } })),
      complete: true,
      span,
    };
    this.optionLists.add(list);
    return list;
  }

  /** The option of a select field the page writes, before the code changes the page's elements. */
  private optionOf(option: NonNullable<UnknownValue['pageOption']>, span: Span): FieldOption | undefined {
    return this.selectOf(option.field, span.file)?.options?.[option.index];
  }

  /** A property of an option of a select field: what the page writes, and whether it is the one the page selects while the code has not set the select. */
  private optionMember(option: NonNullable<UnknownValue['pageOption']>, key: string, span: Span | undefined): Value | undefined {
    if (span === undefined) return undefined;
    const written = this.optionOf(option, span);
    if (!written) return undefined;
    switch (key) {
      case 'value':
      case 'text':
      case 'label':
        return primitive(written[key], span);
      case 'index':
        return primitive(option.index, span);
      case 'selected':
        // Which option is selected is the user's pick: read as the select's selectedIndex is.
        return this.selectedIs(option, written, span);
      default:
        return undefined;
    }
  }

  /** Whether the option is selected: what the page marks, read as the select's selectedIndex is (the user's pick, which the code may set). */
  private selectedIs(option: NonNullable<UnknownValue['pageOption']>, written: FieldOption, span: Span): Value {
    const selectedIndex = this.member({ ...unknown(`the element #${option.field} of the page`, span), pageElement: option.field }, 'selectedIndex');
    return selectedIndex?.kind === 'primitive' ? primitive(written.selected, span) : unknown(`whether option ${option.index + 1} of #${option.field} is selected`, span);
  }

  /** Notes that the code calls `name` on an array: a method other than a read of a select's options changes them (`options.add`, `options.remove`). */
  noteArrayCall(array: ArrayValue, name: string): void {
    if (this.optionLists.has(array) && !READS_OF_A_LIST.has(name)) this.elementsChanged = true;
  }

  /**
   * `id`, `className` or `dataset` (the `data-*` attributes, by their camel-cased names) of an element
   * with these attributes. An element's dataset is one object, so a write to it is what later reads see.
   */
  private attributeMember(attributes: Readonly<Record<string, string>>, key: string, span: Span | undefined): Value | undefined {
    if (key === 'id') return primitive(attributes.id ?? '', span);
    if (key === 'className') return primitive(attributes.class ?? '', span);
    if (key !== 'dataset') return undefined;
    let dataset = this.datasets.get(attributes);
    if (!dataset) {
      const props = new Map<string, Property>();
      for (const [name, value] of Object.entries(attributes)) {
        // `data-one-hot` is `dataset.oneHot`.
        if (!name.startsWith('data-')) continue;
        const camel = name.slice(5).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
        props.set(camel, { value: primitive(value, span) });
      }
      dataset = { kind: 'object', props, complete: true, ...(span ? { span } : {}) };
      this.datasets.set(attributes, dataset);
    }
    return dataset;
  }
}

/**
 * What a property of the field holds as the page loads, where the element has it: `checked` of a
 * checkbox or radio button, `valueAsNumber` of a number or range field that holds a number (one
 * left empty has NaN, which no size or rate takes).
 */
export function propertyOf(field: PageField, property: FieldRead['property']): string | number | boolean | undefined {
  if (property === 'value') return field.value;
  if (property === 'selectedIndex') return field.selectedIndex;
  if (property === 'options') return undefined;
  if (property === 'checked') return field.type === 'checkbox' || field.type === 'radio' ? field.checked : undefined;
  if (field.type !== 'number' && field.type !== 'range') return undefined;
  const number = Number(field.value);
  return field.value.trim() !== '' && Number.isFinite(number) ? number : undefined;
}

/** What a field holds when the page is not read, or the code sets it: whatever the user enters. */
function fieldValue(id: string, span: Span): UnknownValue {
  return { ...unknown(`the field #${id} of the page`, span), pageField: id };
}
