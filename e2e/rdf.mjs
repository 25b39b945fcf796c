// rdf.mjs — reads plangraph's N-Quads and JSON-LD dumps with standard RDF
// parsers (N3.js for N-Quads, jsonld.js for JSON-LD) and checks that both
// hold the same quads: node rdf.mjs DUMP.nq DUMP.jsonld
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import jsonld from 'jsonld';

const [nqFile, jsonldFile] = process.argv.slice(2);
let passed = 0, failed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
};

const key = (q) => [q.subject.value, q.predicate.value,
  q.object.termType === 'Literal' ? `"${q.object.value}"@${q.object.language.toLowerCase()}^^${q.object.datatype.value}` : q.object.value,
  q.graph.value].join(' ');

let nq = [];
try {
  nq = new Parser({ format: 'N-Quads' }).parse(readFileSync(nqFile, 'utf8'));
  check(nq.length > 0, `N-Quads parse with N3.js: ${nq.length} quads`);
} catch (e) {
  check(false, `N-Quads parse with N3.js: ${e.message}`);
}
check(nq.every((q) => q.graph.termType === 'NamedNode'), 'every quad has a named graph (provenance)');

let ld = [];
try {
  const doc = JSON.parse(readFileSync(jsonldFile, 'utf8'));
  const text = await jsonld.toRDF(doc, { format: 'application/n-quads' });
  ld = new Parser({ format: 'N-Quads' }).parse(text);
  check(ld.length > 0, `JSON-LD to RDF with jsonld.js: ${ld.length} quads`);
} catch (e) {
  check(false, `JSON-LD to RDF with jsonld.js: ${e.message}`);
}
const a = new Set(nq.map(key)), b = new Set(ld.map(key));
const missing = [...a].filter((k) => !b.has(k));
check(a.size === b.size && missing.length === 0, `N-Quads and JSON-LD hold the same quads (${a.size} vs ${b.size}${missing.length ? `, first missing: ${missing[0]}` : ''})`);

console.log(`rdf: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
