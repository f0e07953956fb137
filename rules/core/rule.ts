import type { ProgramGraph } from './graph';
import type { Span } from './span';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/** The checklist families the rules are grouped in. */
export type Category = 'data' | 'architecture' | 'loss-and-output' | 'optimizer' | 'training-loop' | 'tfjs-api';
export const CATEGORIES: readonly Category[] = ['data', 'architecture', 'loss-and-output', 'optimizer', 'training-loop', 'tfjs-api'];

/**
 * `safe`: the rule offers a preferred fix that keeps the program's intent and is applied by "fix all".
 * `suggestion`: every edit it offers changes training and is only applied by hand.
 * `none`: no edits.
 */
export type FixKind = 'safe' | 'suggestion' | 'none';

export type MessageData = Readonly<Record<string, string | number>>;

/** Replace the text of `span` with `text` (insert when the span is empty). */
export interface TextEdit {
  readonly span: Span;
  readonly text: string;
}

export interface FixProposal<M extends string> {
  readonly messageId: M;
  readonly data?: MessageData;
  readonly edits: readonly TextEdit[];
}

export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

export interface Report<M extends string> {
  readonly messageId: M;
  readonly data?: MessageData;
  /** The offending value. */
  readonly span: Span;
  /** Overrides the rule's default severity for this finding (before user settings apply). */
  readonly severity?: Severity;
  /** The other half of the problem (the loss for an output activation, ...). */
  readonly related?: readonly RelatedSpan[];
  /** The preferred, safe fix. Only rules whose meta.fix is `safe` may give one. */
  readonly fix?: FixProposal<M>;
  /** Edits that change training; offered, never applied automatically. */
  readonly suggestions?: readonly FixProposal<M>[];
}

export interface RuleMeta<M extends string> {
  /** Kebab-case, names the problem; equals the file name. Users write it in settings and comments. */
  readonly id: string;
  readonly category: Category;
  /** The severity of the rule's most serious finding. */
  readonly severity: Severity;
  /** One line, no trailing period. */
  readonly description: string;
  readonly messages: Readonly<Record<M, string>>;
  readonly fix: FixKind;
}

export interface RuleContext<M extends string> {
  readonly graph: ProgramGraph;
  /** The current text of a file the graph refers to. */
  readonly text: (file: string) => string;
  report(report: Report<M>): void;
}

export interface Rule<M extends string = string> {
  readonly meta: RuleMeta<M>;
  check(context: RuleContext<M>): void;
}

/**
 * A rule with its message type erased, as the registry holds it. `any` is needed here: a
 * Rule<'a' | 'b'> is not assignable to Rule<string> because `check` is contravariant.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: no other type accepts every rule
export type AnyRule = Rule<any>;

/** Declares a rule; checks at load time what the type system cannot. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  const { id, description } = rule.meta;
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new Error(`rule id "${id}" must be kebab-case`);
  if (description.endsWith('.')) throw new Error(`rule ${id}: the description must not end with a period`);
  return rule;
}

/** Fills `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: MessageData | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => {
    const value = data?.[key];
    return value === undefined ? whole : String(value);
  });
}
