// check-workbooks compares the sheets LibreOffice exported as CSV (cells as shown) with the JSON of each
// document: every sheet there, every table cell shown as printed (numbers in German notation with their
// decimals, codes with their zeros, empty cells empty), the dates and counts of the overview.
//
//	node scripts/clients/check-workbooks.mjs JSONDIR CSVDIR
//
// CSVDIR holds <id>-<sheet>.csv for each workbook, as `soffice --convert-to csv:...:-1` writes them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decimals, germanNumber, parseCSV, parseGermanNumber, readDocuments, sameNumber, tableSheetNames } from './documents.mjs';

const [jsonDir, csvDir] = process.argv.slice(2);
if (!jsonDir || !csvDir) {
  console.error('usage: node check-workbooks.mjs JSONDIR CSVDIR');
  process.exit(2);
}

const problems = [];
let numbers = 0;
let cells = 0;
let sheets = 0;

function sheet(id, name) {
  const path = join(csvDir, `${id}-${name}.csv`);
  if (!existsSync(path)) {
    problems.push(`${id}: no sheet "${name}" (${path})`);
    return null;
  }
  sheets++;
  return parseCSV(readFileSync(path, 'utf8'));
}

function germanDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

const docs = readDocuments(jsonDir);
for (const { id, doc } of docs) {
  const overview = sheet(id, 'Übersicht');
  if (overview) {
    const value = (label) => (overview.find((r) => r[0] === label) || [])[1];
    const want = {
      Drucksache: doc.drucksache || undefined,
      Eingang: doc.received_on ? germanDate(doc.received_on) : undefined,
      Weiterleitung: doc.forwarded_on ? germanDate(doc.forwarded_on) : undefined,
      'Antwort vom': doc.answered_on ? germanDate(doc.answered_on) : undefined,
      Fragen: String((doc.questions || []).length),
      Tabellen: String((doc.tables || []).length),
    };
    for (const [label, w] of Object.entries(want)) {
      if (value(label) !== w) problems.push(`${id} Übersicht ${label}: shows ${JSON.stringify(value(label))}, want ${JSON.stringify(w)}`);
    }
  }
  const questions = sheet(id, 'Fragen');
  if (questions) {
    const shown = questions.slice(1).filter((r) => r.some((f) => f !== ''));
    // a sub-question answered on its own shows its letter after the number ("39b")
    const want = (doc.questions || []).map((q) => String(q.number) + (q.part || ''));
    if (shown.map((r) => r[0]).join(',') !== want.join(',')) {
      problems.push(`${id} Fragen: numbers ${shown.map((r) => r[0]).join(',')}, want ${want.join(',')}`);
    }
  }
  const names = tableSheetNames(doc.tables);
  (doc.tables || []).forEach((t, ti) => {
    const rows = sheet(id, names[ti]);
    if (!rows) return;
    const header = rows[2] || [];
    (t.header || []).forEach((h, c) => {
      // a column with a unit of its own shows it after the header ("2023 / Insgesamt (Tsd. EUR)")
      const unit = (t.column_units || [])[c];
      const want = unit ? `${h} (${unit})`.trim() : h;
      if ((header[c] || '') !== want) problems.push(`${id} ${names[ti]} header ${c + 1}: ${JSON.stringify(header[c])}, want ${JSON.stringify(want)}`);
    });
    (t.rows || []).forEach((row, r) => {
      const shown = rows[3 + r] || [];
      row.forEach((cell, c) => {
        cells++;
        const got = shown[c] ?? '';
        const where = `${id} ${names[ti]} row ${r + 4} column ${c + 1} (${JSON.stringify(cell.raw)})`;
        let want;
        const kind = cell.kind === 'number' && typeof cell.value !== 'number' ? 'text' : cell.kind;
        switch (kind) {
          case 'number':
            numbers++;
            want = germanNumber(cell.value, decimals(cell), cell.unit);
            if (!sameNumber(parseGermanNumber(got), Number(cell.value.toFixed(decimals(cell))))) {
              problems.push(`${where}: shows ${JSON.stringify(got)}, not the number ${cell.value}`);
              return;
            }
            break;
          case 'empty':
            want = (cell.raw || '').trim() === '' ? '' : cell.raw;
            break;
          case 'symbol':
            want = cell.raw;
            break;
          default:
            want = typeof cell.value === 'string' && cell.value !== '' ? cell.value : cell.raw;
        }
        if (got !== want) problems.push(`${where}: shows ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      });
    });
  });
  const checks = sheet(id, 'Prüfungen');
  if (checks) {
    const shown = checks.slice(1).filter((r) => r.some((f) => f !== '')).length;
    if (shown !== (doc.checks || []).length) problems.push(`${id} Prüfungen: ${shown} rows, want ${(doc.checks || []).length}`);
  }
}

for (const p of problems.slice(0, 20)) console.log(`FAIL  ${p}`);
if (problems.length > 20) console.log(`FAIL  … and ${problems.length - 20} more`);
console.log(`libreoffice: ${docs.length} workbooks, ${sheets} sheets, ${cells} table cells (${numbers} numbers) compared, ${problems.length} differences`);
process.exit(problems.length === 0 && docs.length > 0 ? 0 : 1);
