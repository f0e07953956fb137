// Writes the environment it sees to the temporary folder (writes elsewhere do not leave the check).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

writeFileSync(join(tmpdir(), 'environment.json'), JSON.stringify(process.env));
