// Runs the GraphQL-over-HTTP audit suite of the graphql-http package
// (auditServer) against plangraph's /graphql and prints every result.
//
//   node audit.mjs [URL]          URL defaults to $PLANGRAPH_URL, then
//                                 http://127.0.0.1:8080/graphql
//
// Exits 1 when a MUST audit fails (or the suite cannot run); SHOULD and MAY
// audits that fail are printed as warnings and notices but do not fail the
// run. The last line reads `audit-result passed=N failed=M warnings=W`.
import { auditServer } from 'graphql-http';

const url = process.argv[2] || process.env.PLANGRAPH_URL || 'http://127.0.0.1:8080/graphql';
if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url)) {
  console.error(`audit: refusing ${url}: only a server on this machine is audited`);
  process.exit(2);
}

const levelOf = (name) => name.split(' ', 1)[0]; // MUST, SHOULD or MAY
const counts = {
  MUST: { ok: 0, fail: 0 },
  SHOULD: { ok: 0, fail: 0 },
  MAY: { ok: 0, fail: 0 },
};

let results;
try {
  results = await auditServer({ url });
} catch (err) {
  console.error(`audit: the suite could not run against ${url}: ${err?.stack || err}`);
  console.log('audit-result passed=0 failed=1 warnings=0');
  process.exit(1);
}

console.log(`graphql-http auditServer against ${url}: ${results.length} audits`);
for (const r of results) {
  const level = levelOf(r.name);
  const c = counts[level] ?? (counts[level] = { ok: 0, fail: 0 });
  if (r.status === 'ok') {
    c.ok++;
    console.log(`  ok      ${r.id}  ${r.name}`);
    continue;
  }
  c.fail++;
  const tag = r.status === 'error' ? 'FAIL' : r.status === 'warn' ? 'WARN' : 'NOTICE';
  const res = r.response;
  const got = res ? ` [got ${res.status} ${res.headers?.get?.('content-type') ?? ''}]` : '';
  console.log(`  ${tag.padEnd(7)} ${r.id}  ${r.name}\n          ${String(r.reason).replace(/\n/g, '\n          ')}${got}`);
}

console.log('');
for (const [level, c] of Object.entries(counts)) {
  console.log(`  ${level.padEnd(6)} ${c.ok} passed, ${c.fail} failed`);
}
const mustFailed = counts.MUST.fail;
const warnings = counts.SHOULD.fail + counts.MAY.fail;
const passed = Object.values(counts).reduce((n, c) => n + c.ok, 0);
console.log(`audit-result passed=${passed} failed=${mustFailed} warnings=${warnings}`);
process.exit(mustFailed > 0 ? 1 : 0);
