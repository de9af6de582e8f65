/**
 * Reading an import file: CSV (RFC 4180, a header line naming the columns) or JSON Lines (one
 * object per line). Each row keeps its line number so the summary can point at it; a row that
 * cannot be read becomes a refusal with the reason, and the rest go on.
 */

/** One row of an import file. */
export type ImportRow =
  | { line: number; userId: string; fields: Record<string, unknown> }
  | { line: number; userId: string | null; error: string };

/** The columns an import row may have. */
export const IMPORT_COLUMNS = ['userId', 'secret', 'secretHex', 'otpauthUri', 'algorithm', 'digits', 'period', 'name'];

/** Splits CSV text into records of cells, with the line each record starts on. */
export function csvRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
      touched = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (touched || cell !== '') records.push({ line: start, cells: [...cells, cell] });
      cells = [];
      cell = '';
      touched = false;
      line++;
      start = line;
    } else {
      cell += c;
      touched = true;
    }
  }
  if (touched || cell !== '') records.push({ line: start, cells: [...cells, cell] });
  return records;
}

function rowOf(line: number, fields: Record<string, unknown>): ImportRow {
  const userId = typeof fields.userId === 'string' && fields.userId !== '' ? fields.userId : null;
  if (userId === null) return { line, userId: null, error: 'no userId' };
  const unknown = Object.keys(fields).filter((key) => !IMPORT_COLUMNS.includes(key));
  if (unknown.length)
    return { line, userId, error: `unknown field ${unknown.map((k) => JSON.stringify(k)).join(', ')}` };
  return { line, userId, fields };
}

/** Reads a CSV import: the first record names the columns. */
export function parseCsvImport(text: string): ImportRow[] {
  const [header, ...records] = csvRecords(text.replace(/^\uFEFF/, ''));
  if (header === undefined) return [];
  const columns = header.cells.map((c) => c.trim());
  return records.map(({ line, cells }) => {
    if (cells.length !== columns.length) {
      return { line, userId: null, error: `${cells.length} cells where the header has ${columns.length}` };
    }
    const fields: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      if (cells[i] !== '') fields[column] = cells[i];
    });
    return rowOf(line, fields);
  });
}

/** Reads a JSON Lines import: one object per line; blank lines are skipped. */
export function parseJsonlImport(text: string): ImportRow[] {
  const rows: ImportRow[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      // Never quote the line: it holds a secret.
      rows.push({ line: index + 1, userId: null, error: 'not valid JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      rows.push({ line: index + 1, userId: null, error: 'not a JSON object' });
      return;
    }
    rows.push(rowOf(index + 1, value as Record<string, unknown>));
  });
  return rows;
}
