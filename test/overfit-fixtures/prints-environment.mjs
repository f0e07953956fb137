// Writes the environment it sees next to itself.
import { writeFileSync } from 'node:fs';

writeFileSync('environment.json', JSON.stringify(process.env));
