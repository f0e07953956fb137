import type * as Parse5 from 'parse5';
import { isTfjsScriptUrl } from '../../../../rules/core/tfjs-urls';
import { attribute, attributesOf, FormFieldReader, type PageField } from './form-fields';
import type { PageElement } from './page-elements';
import { scriptKind, type ScriptKind } from './script-type';

type TagToken = Parse5.Token.TagToken;

/** An inline script of a page: the offsets of its code in the page's text (end exclusive). */
export interface PageScript {
  readonly start: number;
  readonly end: number;
  readonly kind: ScriptKind;
}

/**
 * The code of an event handler attribute (`onclick="train()"`): the offsets of the attribute's
 * value in the page's text (end exclusive). A browser runs it as the body of a function when the
 * event fires.
 */
export interface PageHandler {
  readonly start: number;
  readonly end: number;
}

/** What the analysis needs of an HTML page. */
export interface HtmlPage {
  /** The inline scripts a browser runs, in document order. */
  readonly scripts: readonly PageScript[];
  /** The event handler attributes of the page's elements, in document order. */
  readonly handlers: readonly PageHandler[];
  /** Whether a classic `<script src>` loads a tfjs bundle, which makes `tf` a global of the page. */
  readonly loadsTfjs: boolean;
  /** The form fields with an id, in document order. */
  readonly fields: readonly PageField[];
  /** The elements outside templates, in document order, when asked for (see readPage). */
  readonly elements: readonly PageElement[];
  /** The `src` of each script a browser loads from the document, as written, in document order. */
  readonly sources: readonly string[];
  /** Whether a `<base href>` changes where the page's relative addresses lead. */
  readonly hasBase: boolean;
}

let parse5: typeof Parse5 | undefined;

/**
 * parse5, loaded with the first page: setting up its tokenizer and entity tables takes a few tens
 * of milliseconds, which a project without HTML pages should not wait for when the analysis starts.
 */
export function loadParse5(): typeof Parse5 {
  return (parse5 ??= require('parse5') as typeof Parse5);
}


/**
 * Finds the scripts, event handlers and form fields of a page with parse5's tokenizer, which
 * follows the HTML standard: a script
 * ends at the first `</script` (even inside a string of its code), comments and `<!-- <script>`
 * are read as a browser reads them, tag and attribute names ignore case and attribute values need
 * no quotes.
 *
 * The tokenizer needs to be told what the tree builder would tell it: after which start tags the
 * text is script, raw text (style, iframe, noscript) or escapable text (title, textarea), and where
 * SVG and MathML content begins and ends. This does what parse5's own SAX parser does for that
 * (its ParserFeedbackSimulator), without building a tree: the tree builder's work grows with the
 * depth of the markup at every tag, so deep markup would take it minutes, where this takes one
 * pass. It also keeps out the scripts a browser does not run: inside `<template>` (not part of the
 * document) and of SVG or MathML content, and the form fields of a template.
 */
class PageScanner implements Parse5.TokenHandler {
  readonly scripts: PageScript[] = [];
  readonly handlers: PageHandler[] = [];
  readonly fields = new FormFieldReader();
  readonly elements: PageElement[] = [];
  readonly sources: string[] = [];
  loadsTfjs = false;
  hasBase = false;
  readonly tokenizer: Parse5.Tokenizer;
  /** The namespace of the current content, innermost last: HTML, SVG, MathML, HTML in an integration point. */
  private readonly namespaces: Parse5.html.NS[];
  /** How many `<template>` elements are open. */
  private templates = 0;
  /** The script whose code the tokenizer is reading, and whether a browser runs it as inline code. */
  private open: { readonly start: number; readonly kind: ScriptKind | undefined; readonly runs: boolean } | undefined;

  constructor(
    private readonly p5: typeof Parse5,
    private readonly text: string,
    /** Whether to keep every element: what a script's lists of elements are made of, which parsing the page's code does not need. */
    private readonly keepElements: boolean,
  ) {
    this.tokenizer = new p5.Tokenizer({ sourceCodeLocationInfo: true }, this);
    this.namespaces = [p5.html.NS.HTML];
  }

  private get namespace(): Parse5.html.NS {
    return this.namespaces[this.namespaces.length - 1]!;
  }

  private enter(namespace: Parse5.html.NS): void {
    this.namespaces.push(namespace);
    this.tokenizer.inForeignNode = namespace !== this.p5.html.NS.HTML;
  }

  private leave(): void {
    if (this.namespaces.length > 1) this.namespaces.pop();
    this.tokenizer.inForeignNode = this.namespace !== this.p5.html.NS.HTML;
  }

  onStartTag(token: TagToken): void {
    const { html, foreignContent } = this.p5;
    // A self-closing <svg/> or <math/> is closed at once: nothing is inside it.
    if (!token.selfClosing && token.tagID === html.TAG_ID.SVG) this.enter(html.NS.SVG);
    if (!token.selfClosing && token.tagID === html.TAG_ID.MATH) this.enter(html.NS.MATHML);
    const namespace = this.namespace;
    if (namespace === html.NS.HTML) {
      this.htmlStartTag(token);
    } else if (foreignContent.causesExit(token)) {
      // An HTML element such as <p> or <div> in SVG or MathML content ends that content.
      this.leave();
      if (this.templates === 0) {
        this.readHandlers(token);
        this.addElement(token, true);
      }
    } else {
      if (namespace === html.NS.SVG) foreignContent.adjustTokenSVGTagName(token);
      // SVG and MathML elements run their event handlers too (`<circle onclick="...">`).
      if (this.templates === 0) {
        this.readHandlers(token);
        this.addElement(token, false);
      }
      if (!token.selfClosing && foreignContent.isIntegrationPoint(token.tagID, namespace, token.attrs)) this.enter(html.NS.HTML);
    }
  }

  private htmlStartTag(token: TagToken): void {
    const { TokenizerMode } = this.p5;
    if (this.templates === 0) {
      this.readHandlers(token);
      this.fields.startTag(token);
      this.addElement(token, true);
      if (token.tagName === 'base' && attribute(token, 'href') !== undefined) this.hasBase = true;
    }
    switch (token.tagName) {
      case 'script':
        this.tokenizer.state = TokenizerMode.SCRIPT_DATA;
        this.openScript(token);
        break;
      case 'style':
      case 'iframe':
      case 'xmp':
      case 'noembed':
      case 'noframes':
      // With scripting enabled, as in a browser that runs the page's scripts.
      case 'noscript':
        this.tokenizer.state = TokenizerMode.RAWTEXT;
        break;
      case 'title':
      case 'textarea':
        this.tokenizer.state = TokenizerMode.RCDATA;
        break;
      case 'plaintext':
        this.tokenizer.state = TokenizerMode.PLAINTEXT;
        break;
      case 'template':
        this.templates++;
        break;
    }
  }

  private addElement(token: TagToken, html: boolean): void {
    if (!this.keepElements || !token.location) return;
    this.elements.push({ tag: token.tagName, html, attributes: attributesOf(token), start: token.location.startOffset, end: token.location.endOffset });
  }

  /**
   * The tag's event handler attributes whose value is its code as written: a value with a character
   * reference (`&amp;&amp;`) reads differently from its text, whose offsets the analysis keeps, so
   * it is left out.
   */
  private readHandlers(token: TagToken): void {
    for (const attr of token.attrs) {
      if (!/^on[a-z]+$/.test(attr.name) || attr.value.trim() === '') continue;
      const place = token.location?.attrs?.[attr.name];
      if (!place) continue;
      const written = this.text.slice(place.startOffset, place.endOffset);
      const equals = /^[^=]*=[\t\n\f\r ]*(["']?)/.exec(written);
      if (!equals) continue;
      const start = place.startOffset + equals[0].length;
      const end = place.endOffset - equals[1]!.length;
      // The tokenizer reads a line break as \n, whatever the page writes (\r\n, \r).
      if (this.text.slice(start, end).replace(/\r\n?/g, '\n') === attr.value) this.handlers.push({ start, end });
    }
  }

  private openScript(token: TagToken): void {
    const start = token.location?.endOffset ?? this.text.length;
    const kind = scriptKind(attribute(token, 'type'), attribute(token, 'language'));
    const src = attribute(token, 'src');
    const inDocument = this.templates === 0;
    // The inline text of a script with a src is never run; a classic bundle defines globals.
    if (src !== undefined && kind === 'classic' && inDocument && isTfjsScriptUrl(src)) this.loadsTfjs = true;
    // Browsers that run modules skip `nomodule` scripts: they are the fallback of old ones.
    const fallback = kind === 'classic' && attribute(token, 'nomodule') !== undefined;
    if (src !== undefined && src.trim() !== '' && inDocument && kind !== undefined && !fallback) this.sources.push(src.trim());
    this.open = { start, kind, runs: inDocument && kind !== undefined && src === undefined && !fallback };
  }

  /** Ends the open script where its code ends. */
  private closeScript(end: number): void {
    const open = this.open;
    this.open = undefined;
    if (open?.runs && open.kind) this.scripts.push({ start: open.start, end: Math.max(open.start, end), kind: open.kind });
  }

  onEndTag(token: TagToken): void {
    const { html, foreignContent } = this.p5;
    const namespace = this.namespace;
    if (namespace === html.NS.HTML) {
      const outer = this.namespaces[this.namespaces.length - 2];
      if (outer !== undefined) {
        // The end of an integration point (<foreignObject>, <desc>, <title>, <mi>, ...) returns to its SVG or MathML.
        const name = outer === html.NS.SVG ? (foreignContent.SVG_TAG_NAMES_ADJUSTMENT_MAP.get(token.tagName) ?? token.tagName) : token.tagName;
        if (foreignContent.isIntegrationPoint(html.getTagID(name), outer, token.attrs)) {
          this.leave();
          return;
        }
      }
      if (token.tagName === 'script' && this.open) this.closeScript(token.location?.startOffset ?? this.text.length);
      else if (token.tagName === 'template' && this.templates > 0) this.templates--;
      else if (this.templates === 0) this.fields.endTag(token.tagName);
    } else if ((token.tagID === html.TAG_ID.SVG && namespace === html.NS.SVG) || (token.tagID === html.TAG_ID.MATH && namespace === html.NS.MATHML)) {
      this.leave();
    }
  }

  /**
   * A script without its end tag runs to the end of the page. A browser does not run it, but in an
   * editor it is most often one being typed, and its code is what the author means to run.
   */
  onEof(): void {
    if (this.open) this.closeScript(this.text.length);
    this.fields.end();
  }

  onComment(): void {}
  onDoctype(): void {}
  onCharacter(token: Parse5.Token.CharacterToken): void {
    if (this.templates === 0) this.fields.text(token.chars);
  }
  onNullCharacter(): void {}
  onWhitespaceCharacter(token: Parse5.Token.CharacterToken): void {
    if (this.templates === 0) this.fields.text(token.chars);
  }
}

/** The inline scripts, event handlers, form fields, elements and script addresses of an HTML page and whether it loads tfjs, in one pass of an HTML tokenizer. */
export function readPage(text: string, options: { readonly elements?: boolean } = {}): HtmlPage {
  const scanner = new PageScanner(loadParse5(), text, options.elements === true);
  scanner.tokenizer.write(text, true);
  return {
    scripts: scanner.scripts,
    handlers: scanner.handlers,
    loadsTfjs: scanner.loadsTfjs,
    fields: scanner.fields.fields,
    elements: scanner.elements,
    sources: scanner.sources,
    hasBase: scanner.hasBase,
  };
}
