// documents holds what the client checks share: reading the JSON outputs of a run and the rules the
// workbooks follow (sheet names, decimals, the German display of numbers), restated from load/xlsx.go.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// readDocuments reads every document JSON of a folder, in name order.
export function readDocuments(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    return { id: doc.id, file: f, doc };
  });
}

// sameNumber compares a number read back with the JSON value, allowing for float rounding only.
export function sameNumber(got, want) {
  return typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
}

// tableSheetNames are the names of the table sheets: `T1 Frage 2`, or `T1` for a table outside a question.
export function tableSheetNames(tables) {
  return (tables || []).map((t, i) => `T${i + 1}` + (t.question > 0 ? ` Frage ${t.question}` : ''));
}

// decimals is the number of decimals a number cell shows: its `decimals`, else those printed in `raw`.
export function decimals(cell) {
  if (cell.decimals > 0) return Math.min(cell.decimals, 15);
  const raw = (cell.raw || '').trim();
  const i = raw.lastIndexOf(',');
  if (i < 0) return 0;
  const m = raw.slice(i + 1).match(/^[0-9]*/);
  return Math.min(m[0].length, 15);
}

// germanNumber shows a number as the workbook's format does: thousands dot, decimal comma, fixed decimals.
export function germanNumber(value, places, unit) {
  const fixed = Math.abs(value).toFixed(places);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  let s = (value < 0 && Number(fixed) !== 0 ? '-' : '') + grouped + (frac ? ',' + frac : '');
  if (unit && unit.trim()) s += ' ' + unit.trim().replaceAll('"', "'");
  return s;
}

// parseGermanNumber reads a number shown in German notation (`1.234,5`, `-0,3 %`).
export function parseGermanNumber(s) {
  const m = s.trim().match(/^(-?[0-9.]+(?:,[0-9]+)?)/);
  if (!m) return NaN;
  return Number(m[1].replaceAll('.', '').replace(',', '.'));
}

// parseCSV reads CSV as LibreOffice writes it: comma-separated, double quotes, quoted newlines.
export function parseCSV(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
