import type { AnyRule } from '../../../rules/core/rule';
import { ruleDocPath } from '../docs';

export interface RuleListing {
  readonly id: string;
  readonly description: string;
  readonly category: string;
  readonly severity: string;
  readonly fix: string;
  readonly docs: string;
}

export function listRules(rules: Readonly<Record<string, AnyRule>>): RuleListing[] {
  return Object.values(rules).map((rule) => ({
    id: rule.meta.id,
    description: rule.meta.description,
    category: rule.meta.category,
    severity: rule.meta.severity,
    fix: rule.meta.fix,
    docs: ruleDocPath(rule.meta.id),
  }));
}

export function formatRuleTable(listing: readonly RuleListing[]): string {
  const header = { id: 'Rule', category: 'Category', severity: 'Severity', fix: 'Fix', description: 'Description' };
  const rows = [header, ...listing];
  const width = (key: keyof typeof header): number => Math.max(...rows.map((row) => row[key].length));
  const line = (row: typeof header): string =>
    [row.id.padEnd(width('id')), row.category.padEnd(width('category')), row.severity.padEnd(width('severity')), row.fix.padEnd(width('fix')), row.description].join('  ');
  return `${rows.map(line).join('\n')}\n`;
}
