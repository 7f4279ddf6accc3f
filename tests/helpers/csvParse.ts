/**
 * Reads a CSV file back as a spreadsheet would (RFC 4180): an optional byte-order mark, the given
 * separator, quoted fields with doubled quotes, CRLF records. Written for the tests, so that what
 * the reports write is checked by reading it, not by matching its bytes.
 */
export function parseCsv(text: string, separator: ',' | ';'): { bom: boolean; rows: string[][] } {
  const bom = text.startsWith('\uFEFF');
  const s = bom ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === separator) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { bom, rows };
}
