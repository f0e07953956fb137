import type { Corpus, SampleFile } from './corpus';
import type { FuzzFile, FuzzInput } from './input';
import { MAX_FILE_BYTES, type Mutator } from './mutators/mutator';
import { projectMutators } from './mutators/project';
import { structureMutators } from './mutators/structure';
import { textMutators } from './mutators/text';
import { Random, inputSeed } from './prng';

export const MUTATORS: readonly Mutator[] = [...textMutators, ...structureMutators, ...projectMutators];

export function mutatorNamed(name: string): Mutator | undefined {
  return MUTATORS.find((mutator) => mutator.name === name);
}

export interface GenerateOptions {
  /** Mutators to use (all by default). */
  readonly mutators?: readonly Mutator[];
  /**
   * When true, input i < mutators.length starts with mutator i, so that a short run applies every
   * mutator at least once.
   */
  readonly coverFirst?: boolean;
  /** The largest file an input may have, in bytes (MAX_FILE_BYTES by default). */
  readonly maxFileBytes?: number;
}

/** One to three sample files: from one sample project (so that their imports resolve) or from several. */
function baseFiles(rng: Random, corpus: Corpus): SampleFile[] {
  const count = rng.between(1, 3);
  if (rng.chance(0.5)) {
    const folder = rng.pick([...corpus.folders.keys()]);
    return rng.shuffle(corpus.folders.get(folder)!).slice(0, count);
  }
  const chosen = new Map<string, SampleFile>();
  for (let i = 0; i < count; i++) {
    const file = rng.pick(corpus.files);
    chosen.set(file.path, file);
  }
  return [...chosen.values()];
}

/** Input `index` of the run with `seed`: the same files and mutations every time. */
export function generateInput(seed: number, index: number, corpus: Corpus, options: GenerateOptions = {}): FuzzInput {
  const mutators = options.mutators ?? MUTATORS;
  const rng = new Random(inputSeed(seed, index));
  const files: FuzzFile[] = baseFiles(rng, corpus).map((file) => ({ kind: 'text', path: file.path, text: file.text }));
  const mutations: string[] = [];
  const count = rng.chance(0.6) ? rng.between(1, 2) : rng.between(3, 5);
  const choices = mutators.map((mutator) => ({ weight: mutator.weight, value: mutator }));
  for (let m = 0; m < count; m++) {
    const forced = options.coverFirst && m === 0 && index < mutators.length ? mutators[index] : undefined;
    // A mutator that does not apply to these files (no text left, no literal to change) gives way to another.
    for (let attempt = 0; attempt < 8; attempt++) {
      const mutator = forced && attempt === 0 ? forced : rng.weighted(choices);
      const mutationRng = rng.fork();
      const what = mutator.apply(files, { rng: mutationRng, corpus, maxFileBytes: options.maxFileBytes ?? MAX_FILE_BYTES });
      if (what !== undefined) {
        mutations.push(`${mutator.name}: ${what}`);
        break;
      }
    }
  }
  return { seed, index, mutations, files };
}
