import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../rules/index';
import { README_FILES, rulesSettingSchema, rulesTable, withRulesTable } from './catalogue';

// Runs from out/scripts; the sources are two levels up.
const root = path.resolve(__dirname, '..', '..');

const manifestPath = path.join(root, 'package.json');
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { properties: unknown }> } };
};
manifest.contributes.configuration.properties['tfjsDoctor.rules'].properties = rulesSettingSchema(rules);
fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

for (const name of README_FILES) {
  const readmePath = path.join(root, name);
  const readme = withRulesTable(fs.readFileSync(readmePath, 'utf8'), rulesTable(rules));
  if (readme === undefined) throw new Error(`${name} lacks the rule table markers`);
  fs.writeFileSync(readmePath, readme);
}
console.log(`Updated package.json, ${README_FILES.join(' and ')} for ${Object.keys(rules).length} rules.`);
