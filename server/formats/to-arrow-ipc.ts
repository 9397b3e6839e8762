import {
  Bool,
  DateDay,
  Dictionary,
  Float64,
  Int32,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Data,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { ColumnValues, ResultTable } from '../../pipelines/read/index.js';

function validity(values: ColumnValues): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { nullBitmap: nullCount === 0 ? undefined : bitmap, nullCount };
}

function dictionaryStrings(values: ColumnValues, id: number): Data<DataType> {
  const codes = new Map<string, number>();
  const uniques: string[] = [];
  const indices = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    let code = codes.get(value as string);
    if (code === undefined) {
      code = uniques.length;
      codes.set(value as string, code);
      uniques.push(value as string);
    }
    indices[i] = code;
  }
  const dictionary = vectorFromArray(uniques, new Utf8());
  return makeData({
    type: new Dictionary(new Utf8(), new Int32(), id),
    length: values.length,
    data: indices,
    dictionary,
    ...validity(values),
  }) as Data<DataType>;
}

function numbers(values: ColumnValues, type: Float64 | Int32 | DateDay): Data<DataType> {
  const data =
    type instanceof Float64 ? new Float64Array(values.length) : new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = (values[i] as number | null) ?? 0;
  return makeData({
    type,
    length: values.length,
    data,
    ...validity(values),
  } as never) as Data<DataType>;
}

function fitsInt32(values: ColumnValues): boolean {
  for (const value of values) {
    if (value !== null && ((value as number) > 2147483647 || (value as number) < -2147483648))
      return false;
  }
  return true;
}

function column(
  kind: ResultTable['kinds'][number],
  values: ColumnValues,
  id: number,
): Data<DataType> {
  switch (kind) {
    case 'string':
      return dictionaryStrings(values, id);
    case 'json':
      return vectorFromArray(values as Array<string | null>, new Utf8()).data[0] as Data<DataType>;
    case 'float':
      return numbers(values, new Float64());
    case 'int':
      return numbers(values, fitsInt32(values) ? new Int32() : new Float64());
    case 'date':
      return numbers(values, new DateDay());
    case 'bool':
      return vectorFromArray(values as Array<boolean | null>, new Bool()).data[0] as Data<DataType>;
    case 'timestamp': {
      const data = new BigInt64Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (value !== null && value !== undefined) data[i] = BigInt(value as number);
      }
      return makeData({
        type: new TimestampMillisecond('UTC'),
        length: values.length,
        data: data as never,
        ...validity(values),
      }) as Data<DataType>;
    }
  }
}

/**
 * A result as an Arrow IPC stream built from its columns: strings dictionary-encoded,
 * instants as timestamp[ms, UTC], dates as date32, counts as int32 where they fit.
 */
export function toArrowIpc(table: ResultTable): Uint8Array {
  const vectors: Record<string, Vector> = {};
  table.names.forEach((name, c) => {
    vectors[name] = makeVector(column(table.kinds[c]!, table.columns[c]!, c));
  });
  return tableToIPC(new Table(vectors), 'stream');
}
