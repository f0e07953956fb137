/** Columns of a matrix that hold one value in every row: a bias column the data carries itself. */
import type { TensorFacts } from '../../../../rules/core/facts';
import type { Value } from '../../../../rules/core/values';
import { pushedSegments, numberValue } from './build';
import type { TensorDraft } from './sources';

type Columns = readonly (number | undefined)[];

/** Data factories whose first argument is the data. */
const DATA_FACTORIES = new Set(['tensor', 'tensor2d']);

/** The constant columns of a new tensor, or undefined when it has none known (or is not a matrix). */
export function constantColumns(draft: TensorDraft, facts: TensorFacts): Columns | undefined {
  if (facts.shape && facts.shape.length !== 2) return undefined;
  if (draft.op === 'concat') {
    const joined = concatenated(draft);
    return joined?.some((column) => column !== undefined) ? joined : undefined;
  }
  const width = facts.shape?.[1] ?? (DATA_FACTORIES.has(draft.op) ? rowWidth(draft.args[0]) : undefined);
  if (width === undefined || width < 1) return undefined;
  const columns = columnsOf(draft, facts, width);
  return columns?.some((column) => column !== undefined) ? columns : undefined;
}

function columnsOf(draft: TensorDraft, facts: TensorFacts, width: number): Columns | undefined {
  if (facts.values && facts.values.length % width === 0) return columnsOfRows(chunk(facts.values.map((value) => ({ kind: 'primitive', value }) as Value), width));
  if (DATA_FACTORIES.has(draft.op)) return columnsOfData(draft.args[0], width);
  return undefined;
}

/** Columns of the data given to `tf.tensor2d(data, [rows, width])`: nested rows or flat values. */
function columnsOfData(data: Value | undefined, width: number): Columns | undefined {
  if (data?.kind !== 'array') return undefined;
  // An incomplete array not filled by loop passes may hold anything before or after its known elements.
  const segments = data.complete ? [data.elements] : pushedSegments(data);
  if (!segments || segments.some((segment) => segment.length === 0)) return undefined;
  const rows: (readonly Value[])[] = [];
  for (const elements of segments) {
    const segmentRows = rowsOf(elements, width);
    if (!segmentRows) return undefined;
    rows.push(...segmentRows);
  }
  return columnsOfRows(rows);
}

/** The rows of data of the given width, nested or flat; undefined when it is neither. */
function rowsOf(elements: readonly Value[], width: number): (readonly Value[])[] | undefined {
  if (elements.every((element) => element.kind === 'array')) {
    const rows = elements as (Value & { kind: 'array' })[];
    if (rows.some((row) => !row.complete || row.elements.length !== width)) return undefined;
    return rows.map((row) => row.elements);
  }
  if (elements.some((element) => element.kind === 'array') || elements.length % width !== 0) return undefined;
  return chunk(elements, width);
}

/** The length of the rows of nested data, when they all have the same known one. */
function rowWidth(data: Value | undefined): number | undefined {
  if (data?.kind !== 'array') return undefined;
  const rows = data.complete ? data.elements : pushedSegments(data)?.flat();
  const first = rows?.[0];
  if (first?.kind !== 'array' || !first.complete) return undefined;
  return rows!.every((row) => row.kind === 'array' && row.complete && row.elements.length === first.elements.length) ? first.elements.length : undefined;
}

function chunk(values: readonly Value[], width: number): (readonly Value[])[] {
  const rows: Value[][] = [];
  for (let start = 0; start < values.length; start += width) rows.push(values.slice(start, start + width));
  return rows;
}

function columnsOfRows(rows: readonly (readonly Value[])[]): Columns {
  const width = rows[0]?.length ?? 0;
  const columns: (number | undefined)[] = [];
  for (let column = 0; column < width; column++) {
    const first = numberValue(rows[0]![column]);
    const same = first !== undefined && rows.every((row) => row[column]?.kind === 'primitive' && numberValue(row[column]) === first);
    columns.push(same ? first : undefined);
  }
  return columns;
}

/**
 * `tf.concat([a, b], 1)` (or -1) of matrices: their columns side by side, up to the first part whose
 * width is not known.
 */
function concatenated(draft: TensorDraft): Columns | undefined {
  const [list, axisValue] = draft.args;
  const axis = axisValue === undefined ? 0 : numberValue(axisValue);
  if (list?.kind !== 'array' || !list.complete || (axis !== 1 && axis !== -1)) return undefined;
  const columns: (number | undefined)[] = [];
  for (const part of list.elements) {
    const partWidth = part.kind === 'tensor' && part.facts.shape?.length === 2 ? part.facts.shape[1] : undefined;
    if (part.kind !== 'tensor' || partWidth === undefined) break;
    const known = part.facts.constantColumns ?? constantOf(part.facts, partWidth);
    columns.push(...(known ?? new Array<undefined>(partWidth).fill(undefined)));
  }
  return columns;
}

/** A matrix of one value everywhere (`tf.ones([n, 1])`): every column is that value. */
function constantOf(facts: TensorFacts, width: number): Columns | undefined {
  const range = facts.range;
  return range.lo === range.hi && Number.isFinite(range.lo) ? new Array<number>(width).fill(range.lo) : undefined;
}
