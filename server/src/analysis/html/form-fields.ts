import type * as Parse5 from 'parse5';

type TagToken = Parse5.Token.TagToken;

/**
 * A form field of a page with an id (`<input id="rate" value="0.01">`, `<select id="units">`, a
 * `<textarea>`): what its `value` and `checked` hold as the page loads, before the user changes them.
 */
export interface PageField {
  readonly id: string;
  /** The input's type (`number`, `range`, `checkbox`, `text` when it says none), or `select`, `textarea`. */
  readonly type: string;
  /** As a browser gives it: the input's value cleaned up for its type, the selected option's value, the text area's text. */
  readonly value: string;
  /** Whether a checkbox or radio button is checked. */
  readonly checked: boolean;
  /** A select's options, in order, and the index of the selected one (-1 for none). */
  readonly options?: readonly FieldOption[];
  readonly selectedIndex?: number;
  /** The offsets of the element's start tag in the page's text (end exclusive). */
  readonly start: number;
  readonly end: number;
}

/** An option of a select: its `value` (its value attribute, else its text), its `text` and its `label` (its label attribute when not empty, else its text), whether it is selected as the page loads, and its attributes as written. */
export interface FieldOption {
  readonly value: string;
  readonly text: string;
  readonly label: string;
  readonly selected: boolean;
  readonly attributes: Readonly<Record<string, string>>;
}

export function attribute(token: TagToken, name: string): string | undefined {
  return token.attrs.find((attr) => attr.name === name)?.value;
}

/** The attributes of a tag, or of an element of a page's tree, by name: the first of each (a browser drops a repeated one). */
export function attributesOf(token: { readonly attrs: readonly Parse5.Token.Attribute[] }): Record<string, string> {
  // No prototype: an attribute may be named `constructor` or `__proto__`.
  const attributes = Object.create(null) as Record<string, string>;
  for (const attr of token.attrs) if (!(attr.name in attributes)) attributes[attr.name] = attr.value;
  return attributes;
}

/** An option's text as its value: with runs of ASCII whitespace made one space, and none at either end. */
function collapsed(text: string): string {
  return text.replace(/[\t\n\f\r ]+/g, ' ').trim();
}

/** A valid floating-point number as HTML writes it (`-1.5e3`, not `12px`, `+1` or `.5.`). */
const FLOAT = /^-?(?:\d+|\d*\.\d+)(?:[eE][-+]?\d+)?$/;

function parseFloatAttribute(text: string | undefined): number | undefined {
  return text !== undefined && FLOAT.test(text) ? Number(text) : undefined;
}

/** Input types whose value is a line of text: a browser drops the line breaks of their value. */
const TEXT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password']);

/**
 * A range slider's value as a browser cleans it up: a number, else the middle of the range; within
 * the range (0 to 100 unless it says); on a step from the minimum (1 unless it says; of two, the
 * greater).
 */
function rangeValue(token: TagToken): string {
  const min = parseFloatAttribute(attribute(token, 'min')) ?? 0;
  const declaredMax = parseFloatAttribute(attribute(token, 'max')) ?? 100;
  const max = declaredMax < min ? min : declaredMax;
  let value = parseFloatAttribute(attribute(token, 'value')) ?? min + (max - min) / 2;
  value = Math.min(max, Math.max(min, value));
  const stepText = attribute(token, 'step');
  if (stepText?.trim().toLowerCase() !== 'any') {
    const declared = parseFloatAttribute(stepText);
    const step = declared !== undefined && declared > 0 ? declared : 1;
    let stepped = min + Math.round((value - min) / step) * step;
    if (stepped > max) stepped -= step;
    value = stepped;
  }
  return String(value);
}

/**
 * The value an `<input>` has as the page loads, as a browser cleans up its value attribute for its
 * type: "on" for a checkbox or radio button without one, "" for a number that is none (`12px`) or a
 * file, a colour's default black, a line of text without line breaks.
 */
function inputValue(token: TagToken, type: string): string {
  const value = attribute(token, 'value');
  switch (type) {
    case 'checkbox':
    case 'radio':
      return value ?? 'on';
    case 'range':
      return rangeValue(token);
    case 'number':
      return value !== undefined && FLOAT.test(value) ? value : '';
    case 'file':
      return '';
    case 'color':
      return value !== undefined && /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : '#000000';
  }
  if (value === undefined) return '';
  return TEXT_TYPES.has(type) ? value.replace(/[\r\n]/g, '') : value;
}

/** An option of the open `<select>`, its text read as it comes. */
interface OpenOption {
  readonly value: string | undefined;
  readonly label: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
  readonly selected: boolean;
  readonly disabled: boolean;
  text: string;
}

/**
 * Reads the form fields of a page from its tokens, as the page scanner gives them (outside
 * templates and foreign content): inputs, selects and their options, text areas.
 */
export class FormFieldReader {
  readonly fields: PageField[] = [];
  /** The `<select>` being read (a select holds no other) and its options so far; the option whose text is being read. */
  private select: { readonly token: TagToken; readonly options: OpenOption[] } | undefined;
  private option: OpenOption | undefined;
  /** Whether the open `<optgroup>` is disabled, which disables its options. */
  private groupDisabled = false;
  private textarea: { readonly token: TagToken; text: string } | undefined;
  /** The checked radio button of each group, by name: checking one unchecks the one before. */
  private readonly checkedRadios = new Map<string, number>();

  startTag(token: TagToken): void {
    switch (token.tagName) {
      case 'input':
        this.input(token);
        break;
      case 'select':
        this.closeSelect();
        this.select = { token, options: [] };
        break;
      case 'optgroup':
        this.option = undefined;
        this.groupDisabled = this.select !== undefined && attribute(token, 'disabled') !== undefined;
        break;
      case 'option':
        if (!this.select) break;
        this.option = { value: attribute(token, 'value'), label: attribute(token, 'label'), attributes: attributesOf(token), selected: attribute(token, 'selected') !== undefined, disabled: this.groupDisabled || attribute(token, 'disabled') !== undefined, text: '' };
        this.select.options.push(this.option);
        break;
      case 'textarea':
        this.textarea = { token, text: '' };
        break;
    }
  }

  endTag(name: string): void {
    if (name === 'option') this.option = undefined;
    else if (name === 'optgroup') {
      this.option = undefined;
      this.groupDisabled = false;
    } else if (name === 'select') this.closeSelect();
    else if (name === 'textarea') this.closeTextarea();
  }

  /** Text of the option or text area being read. */
  text(chars: string): void {
    if (this.option) this.option.text += chars;
    if (this.textarea) this.textarea.text += chars;
  }

  /** The end of the page: an open select or text area ends there. */
  end(): void {
    this.closeSelect();
    this.closeTextarea();
  }

  private input(token: TagToken): void {
    const type = (attribute(token, 'type') ?? 'text').trim().toLowerCase() || 'text';
    const checked = (type === 'checkbox' || type === 'radio') && attribute(token, 'checked') !== undefined;
    const group = type === 'radio' ? attribute(token, 'name') : undefined;
    const index = this.add(token, type, inputValue(token, type), checked);
    if (!checked || group === undefined || group === '') return;
    const before = this.checkedRadios.get(group);
    if (before !== undefined) this.fields[before] = { ...this.fields[before]!, checked: false };
    if (index !== undefined) this.checkedRadios.set(group, index);
  }

  /** Adds the field when its element has an id; its index among the fields. */
  private add(token: TagToken, type: string, value: string, checked: boolean, select?: Pick<PageField, 'options' | 'selectedIndex'>): number | undefined {
    const id = attribute(token, 'id');
    if (id === undefined || id === '' || !token.location) return undefined;
    return this.fields.push({ id, type, value, checked, ...select, start: token.location.startOffset, end: token.location.endOffset }) - 1;
  }

  /**
   * Ends the open select. A drop-down's value is its last option marked selected, else its first
   * enabled one; a list (`multiple`, or `size` over 1) selects none unless marked, and its value is
   * its first selected option, else "". An option's value is its value attribute, else its text. A
   * select without options is left out: the code fills it.
   */
  private closeSelect(): void {
    const select = this.select;
    this.select = undefined;
    this.option = undefined;
    this.groupDisabled = false;
    if (!select || select.options.length === 0) return;
    const size = Number.parseInt(attribute(select.token, 'size') ?? '', 10);
    const list = attribute(select.token, 'multiple') !== undefined || size > 1;
    const marked = select.options.map((option, index) => (option.selected ? index : -1)).filter((index) => index >= 0);
    const chosen = list ? marked[0] : (marked.at(-1) ?? select.options.findIndex((option) => !option.disabled));
    const selectedIndex = chosen !== undefined && chosen >= 0 ? chosen : -1;
    const options = select.options.map((option, index): FieldOption => {
      const text = collapsed(option.text);
      // A list selects each option marked; a drop-down, the one chosen.
      const selected = list ? option.selected : index === selectedIndex;
      return { value: option.value ?? text, text, label: option.label ? option.label : text, selected, attributes: option.attributes };
    });
    this.add(select.token, 'select', options[selectedIndex]?.value ?? '', false, { options, selectedIndex });
  }

  /** Ends the open text area: its text, without the line break that may follow its start tag. */
  private closeTextarea(): void {
    const textarea = this.textarea;
    this.textarea = undefined;
    if (textarea) this.add(textarea.token, 'textarea', textarea.text.replace(/^\n/, ''), false);
  }
}
