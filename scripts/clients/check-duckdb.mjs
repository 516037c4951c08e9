// check-duckdb reads the Parquet dataset of a run with DuckDB and asserts, in SQL, what a data team would
// query: the facts of the IT-infrastructure answer, the column types, and that every document, question
// and number of the JSON outputs is in the dataset once and unchanged.
//
//	node scripts/clients/check-duckdb.mjs OUT   (OUT holds json/ and parquet/ of one run)
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { sameNumber, readDocuments } from './documents.mjs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node check-duckdb.mjs OUT');
  process.exit(2);
}
const itFile = 'nds-19-kleine-anfrage-it-infrastruktur.txt';

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const table = (name) => `read_parquet('${join(out, 'parquet', name).replaceAll("'", "''")}/**/*.parquet', hive_partitioning = true)`;
await con.run(`CREATE VIEW documents AS SELECT * FROM ${table('documents')}`);
await con.run(`CREATE VIEW questions AS SELECT * FROM ${table('questions')}`);
await con.run(`CREATE VIEW tables AS SELECT * FROM ${table('tables')}`);
await con.run(`CREATE VIEW cells AS SELECT * FROM ${table('cells')}`);

async function rows(sql) {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}

let failures = 0;
let passes = 0;
function check(name, ok, detail) {
  if (ok) {
    passes++;
    console.log(`ok    ${name}`);
  } else {
    failures++;
    console.log(`FAIL  ${name}: ${detail}`);
  }
}

// The facts of the IT answer, in SQL as a reader would write them.
const it = `(SELECT id FROM documents WHERE file LIKE '%${itFile}')`;
const [q] = await rows(`SELECT count(*)::INTEGER AS n FROM questions WHERE document_id IN ${it}`);
check('IT answer: 14 questions', q.n === 14, `got ${q.n}`);

const gesamt = await rows(`
  WITH g AS (SELECT document_id, table_id, row_index FROM cells WHERE document_id IN ${it} AND text = 'Gesamt')
  SELECT c.number, c.header FROM cells c JOIN g USING (document_id, table_id, row_index)
  WHERE c.kind = 'number' ORDER BY c.column_index LIMIT 1`);
check('IT answer: Gesamt row of the IT positions, first number = 247.3',
  gesamt.length === 1 && gesamt[0].number === 247.3, JSON.stringify(gesamt));

const license = await rows(`
  SELECT c.number, c.unit FROM cells c JOIN tables t USING (document_id, table_id)
  WHERE c.document_id IN ${it} AND c.header = '2024' AND t.unit = 'Mio. EUR'`);
check("IT answer: license costs 2024 = 89.628 'Mio. EUR'",
  license.length === 1 && license[0].number === 89.628 && license[0].unit === 'Mio. EUR', JSON.stringify(license));

const [dates] = await rows(`SELECT received_on::VARCHAR AS received, answered_on::VARCHAR AS answered,
  typeof(received_on) AS t FROM documents WHERE id IN ${it}`);
check('IT answer: dates are DATE values', dates && dates.t === 'DATE' && dates.received === '2025-05-16' && dates.answered === '2025-06-26',
  JSON.stringify(dates));

// Types as documented in docs/parquet-schema.md.
const types = await rows(`
  SELECT 'cells.number' AS col, typeof(number) AS t FROM cells WHERE number IS NOT NULL
  UNION SELECT 'cells.row_index', typeof(row_index) FROM cells
  UNION SELECT 'documents.question_count', typeof(question_count) FROM documents
  UNION SELECT 'documents.cell_count', typeof(cell_count) FROM documents
  UNION SELECT 'documents.wahlperiode', typeof(wahlperiode) FROM documents
  UNION SELECT 'documents.askers', typeof(askers) FROM documents`);
const want = {
  'cells.number': 'DOUBLE', 'cells.row_index': 'INTEGER', 'documents.question_count': 'INTEGER',
  'documents.cell_count': 'BIGINT', 'documents.wahlperiode': 'BIGINT',
  'documents.askers': 'STRUCT("name" VARCHAR, party VARCHAR)[]',
};
for (const { col, t } of types) {
  check(`type of ${col}`, want[col] === t, `got ${t}, want ${want[col]}`);
}

// Every JSON document once, with its counts; every number cell with its value.
const docs = readDocuments(join(out, 'json'));
const inSet = await rows(`SELECT id, question_count, table_count, cell_count, parliament, wahlperiode FROM documents`);
const byID = new Map(inSet.map((r) => [r.id, r]));
check('every JSON document is in documents, once', inSet.length === docs.length && docs.every((d) => byID.has(d.id)),
  `${docs.length} JSON documents, ${inSet.length} rows`);
const counts = await rows(`
  SELECT d.id, d.question_count = (SELECT count(*) FROM questions q WHERE q.document_id = d.id) AS q,
         d.table_count = (SELECT count(*) FROM tables t WHERE t.document_id = d.id) AS t,
         d.cell_count = (SELECT count(*) FROM cells c WHERE c.document_id = d.id) AS c
  FROM documents d`);
const bad = counts.filter((r) => !(r.q && r.t && r.c));
check('question, table and cell counts match the rows', bad.length === 0, JSON.stringify(bad.slice(0, 3)));

let numbers = 0;
const wrong = [];
const cells = await rows(`SELECT document_id, table_id, row_index, column_index, number, kind, raw FROM cells`);
const parquetCells = new Map(cells.map((c) => [`${c.document_id}|${c.table_id}|${c.row_index}|${c.column_index}`, c]));
let jsonCells = 0;
for (const d of docs) {
  const doc = byID.get(d.id);
  if (doc && (d.doc.questions || []).length !== doc.question_count) wrong.push(`${d.id}: question_count ${doc.question_count}`);
  for (const t of d.doc.tables || []) {
    (t.rows || []).forEach((row, r) => row.forEach((cell, c) => {
      jsonCells++;
      const got = parquetCells.get(`${d.id}|${t.id}|${r}|${c}`);
      if (!got || got.kind !== cell.kind || got.raw !== cell.raw) {
        wrong.push(`${d.id} ${t.id} [${r},${c}] ${JSON.stringify(cell.raw)}: ${JSON.stringify(got)}`);
      } else if (cell.kind === 'number') {
        numbers++;
        if (!sameNumber(got.number, cell.value)) wrong.push(`${d.id} ${t.id} [${r},${c}]: ${got.number} != ${cell.value}`);
      } else if (got.number !== null) {
        wrong.push(`${d.id} ${t.id} [${r},${c}]: a ${cell.kind} cell has the number ${got.number}`);
      }
    }));
  }
}
check(`all ${jsonCells} JSON cells are in cells, ${numbers} numbers equal`, wrong.length === 0 && cells.length === jsonCells,
  `${cells.length} rows; ${wrong.slice(0, 5).join('; ')}`);

console.log(`duckdb: ${passes} passed, ${failures} failed (${docs.length} documents, ${cells.length} cells)`);
process.exit(failures === 0 ? 0 : 1);
