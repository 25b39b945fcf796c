// Drives plangraph's explorer page (/explore) in headless Chromium with
// playwright-core, as a person would: search "MPAC", pick the initiative,
// expand it in the graph, read the measures that mention it, explain its link
// to Cambodia, open a heatmap cell's evidence and download a GraphML export.
// Screenshots go to OUT (e2e/out by default).
//
//   node explore.mjs URL [OUT]    URL: the page, e.g. http://127.0.0.1:8080/explore
//
// Uses Debian's Chromium ($CHROMIUM, default /usr/bin/chromium) with a fresh
// user data dir. Prints one line per check and closes with
// `explore-result passed=N failed=M`; exits 1 when a check failed.
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const url = process.argv[2] || process.env.PLANGRAPH_EXPLORE_URL || 'http://127.0.0.1:8080/explore';
const out = resolve(process.argv[3] || new URL('./out', import.meta.url).pathname);
if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url)) {
  console.error(`explore: refusing ${url}: only a server on this machine is tested`);
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

let passed = 0;
let failed = 0;
async function check(name, fn) {
  const started = Date.now();
  try {
    const note = await fn();
    passed++;
    console.log(`  ok    ${name}${note ? ` — ${note}` : ''} (${Date.now() - started} ms)`);
    return true;
  } catch (err) {
    failed++;
    console.log(`  FAIL  ${name}\n        ${String(err && err.message ? err.message : err).split('\n').slice(0, 6).join('\n        ')}`);
    return false;
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

// The graph's state, read from the page's Cytoscape instance.
const graphState = (page) => page.evaluate(() => {
  const { cy } = window.plangraphExplorer;
  const box = cy.container().getBoundingClientRect();
  const nodes = cy.nodes().map((n) => {
    const bb = n.renderedBoundingBox({ includeLabels: false });
    return { id: n.id(), kind: n.data('kind'), visible: n.visible(), inside: bb.x2 > 0 && bb.y2 > 0 && bb.x1 < box.width && bb.y1 < box.height };
  });
  const edges = cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(), visible: e.visible() }));
  return { nodes, edges, layout: document.body.dataset.layout, pending: document.body.dataset.pending };
});

// settled waits until no request is in flight and no layout runs.
const settled = (page) => page.waitForFunction(
  () => document.body.dataset.layout === 'idle' && (document.body.dataset.pending || '0') === '0',
  null, { timeout: 15000 });

// clickNode clicks a node on the canvas, where a person would.
async function clickNode(page, id, modifiers = []) {
  const pos = await page.evaluate((nodeId) => {
    const { cy } = window.plangraphExplorer;
    const n = cy.getElementById(nodeId);
    if (n.empty()) return null;
    const p = n.renderedPosition();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
  assert(pos, `${id} is not in the graph`);
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.click(pos.x, pos.y);
  for (const m of modifiers) await page.keyboard.up(m);
}

await mkdir(out, { recursive: true });
const userDataDir = await mkdtemp(join(tmpdir(), 'plangraph-explore-'));
const problems = []; // script errors, CSP violations, failed requests
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
    locale: 'en-US',
  });
} catch (err) {
  console.log(`  FAIL  launch Chromium (${executablePath})\n        ${err.message.split('\n')[0]}`);
  console.log('explore-result passed=0 failed=1');
  await rm(userDataDir, { recursive: true, force: true });
  process.exit(1);
}

const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(15000);
page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
page.on('console', (msg) => {
  const text = msg.text();
  if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  else if (msg.type() === 'error' && !text.startsWith('plangraph explorer:')) problems.push(`console error: ${text}`);
});
page.on('response', (res) => {
  if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
});
page.on('requestfailed', (req) => {
  const f = req.failure();
  if (!req.url().startsWith('blob:')) problems.push(`request failed: ${req.url()} ${f ? f.errorText : ''}`);
});
await page.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load ${e.blockedURI || 'inline'} (Content Security Policy ${e.violatedDirective})`));
});

console.log(`explorer at ${url}, Chromium ${context.browser() ? context.browser().version() : ''} (${executablePath})`);

let response;
const loaded = await check('page loads with its scripts, under a Content-Security-Policy', async () => {
  response = await page.goto(url, { waitUntil: 'load' });
  assert(response && response.ok(), `GET ${url}: ${response ? response.status() : 'no response'}`);
  await page.waitForFunction(() => window.plangraphExplorer && window.plangraphExplorer.cy, null, { timeout: 10000 });
  const csp = response.headers()['content-security-policy'];
  assert(csp, 'no Content-Security-Policy header on the page');
  assert(!/unsafe-inline|unsafe-eval/.test(csp.match(/script-src[^;]*/)?.[0] || ''), `script-src allows inline code: ${csp}`);
  const layouts = await page.evaluate(() => typeof cytoscapeFcose !== 'undefined');
  assert(layouts, 'the fcose layout did not load');
  return `CSP: ${csp}`;
});
if (!loaded) {
  await finish();
}

await check('type-ahead: typing "MPAC" lists initiative:mpac-2025 with the match highlighted', async () => {
  await page.locator('#search').pressSequentially('MPAC', { delay: 60 });
  const hit = page.locator('#search-results li[data-id="initiative:mpac-2025"]');
  await hit.waitFor({ state: 'visible' });
  const marks = await hit.locator('mark').allTextContents();
  assert(marks.some((m) => m.toUpperCase() === 'MPAC'), `highlighted: ${JSON.stringify(marks)}`);
  const kind = await hit.locator('.kind').textContent();
  assert(/Initiative/.test(kind), `kind shown: ${kind}`);
  return `${await page.locator('#search-results li[data-id]').count()} hits`;
});

await check('picking the hit adds the node and shows its names, aliases and mentions', async () => {
  await page.locator('#search-results li[data-id="initiative:mpac-2025"]').click();
  await page.waitForFunction(() => window.plangraphExplorer.cy.getElementById('initiative:mpac-2025').nonempty());
  await page.locator('#details-body .node-name').filter({ hasText: '东盟互联互通总体规划2025' }).waitFor();
  const en = await page.locator('#details-body .node-en').textContent();
  assert(/Master Plan on ASEAN Connectivity/.test(en), `English name: ${en}`);
  await page.locator('#details-body .measure mark').first().waitFor();
  const marks = await page.locator('#details-body .measure mark').allTextContents();
  // The mention spans, made relative to the measure, must mark the entity.
  for (const m of marks) assert(/东盟互联互通总体规划|MPAC/.test(m), `a mention highlights ${JSON.stringify(m)}`);
  const aliases = await page.locator('#details-body .chip').allTextContents();
  assert(aliases.includes('MPAC'), `aliases: ${JSON.stringify(aliases)}`);
  return `${marks.length} mentions highlighted: ${marks.join(' | ')}`;
});

await check('clicking the node expands its neighbours: nodes and edges drawn', async () => {
  await settled(page);
  await clickNode(page, 'initiative:mpac-2025');
  await page.waitForFunction(() => window.plangraphExplorer.cy.nodes().length > 1 && window.plangraphExplorer.cy.edges().length > 0);
  await settled(page);
  const g = await graphState(page);
  assert(g.nodes.length >= 3, `${g.nodes.length} nodes`);
  assert(g.edges.length >= 2, `${g.edges.length} edges`);
  const ids = new Set(g.nodes.map((n) => n.id));
  assert(ids.size === g.nodes.length, 'duplicate nodes');
  for (const e of g.edges) assert(ids.has(e.source) && ids.has(e.target), `edge ${e.id} dangles`);
  const off = g.nodes.filter((n) => !n.visible || !n.inside);
  assert(!off.length, `not drawn in the view: ${off.map((n) => n.id).join(', ')}`);
  // Something is painted on the node layer of the canvas.
  const painted = await page.evaluate(() => {
    const c = document.querySelector('#cy canvas[data-id="layer2-node"]') || document.querySelectorAll('#cy canvas')[2];
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert(painted > 2000, `only ${painted} pixels painted on the node canvas`);
  const status = await page.locator('#graph-status').textContent();
  return `${g.nodes.length} nodes, ${g.edges.length} edges (${status}), ${painted} node pixels painted`;
});

await check('expanding again merges duplicates', async () => {
  const before = await graphState(page);
  const other = before.nodes.find((n) => n.id === 'initiative:lm-connectivity-plan') || before.nodes.find((n) => n.kind !== 'MEASURE' && n.id !== 'initiative:mpac-2025');
  assert(other, 'no other entity to expand');
  await clickNode(page, other.id);
  await settled(page);
  const after = await graphState(page);
  const ids = after.nodes.map((n) => n.id);
  assert(new Set(ids).size === ids.length, 'duplicate nodes after a second expansion');
  assert(after.nodes.length >= before.nodes.length, 'nodes disappeared');
  for (const n of before.nodes) assert(ids.includes(n.id), `${n.id} disappeared`);
  return `${other.id}: ${before.nodes.length} → ${after.nodes.length} nodes, ${after.edges.length} edges`;
});

await check('explain the link: MPAC 2025 → 柬埔寨 shows hops with predicates and evidence, highlighted', async () => {
  await clickNode(page, 'initiative:mpac-2025');
  await page.locator('#details-body .node-name').filter({ hasText: '东盟互联互通总体规划2025' }).waitFor();
  await page.getByRole('button', { name: 'Pick as A' }).click();
  await page.locator('#search').fill('');
  await page.locator('#search').pressSequentially('柬埔寨', { delay: 60 });
  await page.locator('#search-results li[data-id="country:KH"]').click();
  await page.locator('#details-body .node-name').filter({ hasText: '柬埔寨' }).waitFor();
  await page.getByRole('button', { name: 'Pick as B' }).click();
  await page.locator('#max-hops').selectOption('5');
  await page.locator('#btn-paths').click();
  await page.locator('#paths .path').first().waitFor();
  await settled(page);
  const paths = await page.locator('#paths .path').count();
  const preds = await page.locator('#paths .path').first().locator('.hop-pred').allTextContents();
  assert(preds.length >= 1, 'no hops listed');
  assert(preds.every((p) => /[→—←]/.test(p)), `hop directions: ${JSON.stringify(preds)}`);
  const ev = await page.locator('#paths .path').first().locator('.hop-ev').allTextContents();
  assert(ev.some((t) => t.length > 10), 'no evidence sentence shown');
  const on = await page.evaluate(() => ({
    nodes: window.plangraphExplorer.cy.nodes('.onpath').length,
    edges: window.plangraphExplorer.cy.edges('.onpath').length,
  }));
  assert(on.edges === preds.length && on.nodes === preds.length + 1, `highlighted ${on.nodes} nodes, ${on.edges} edges for ${preds.length} hops`);
  return `${paths} paths; first: ${preds.join(' ')}`;
});

await check('alignment matrix: a heatmap cell opens its evidence measures', async () => {
  await page.locator('#tab-matrix').click();
  const cell = page.locator('.matrix td.cell.filled').first();
  await cell.waitFor();
  const rows = await page.locator('.matrix tbody tr').count();
  const cols = await page.locator('.matrix thead th').count();
  const count = Number(await cell.getAttribute('data-count'));
  await cell.click();
  await page.locator('#matrix-evidence li.measure').first().waitFor();
  const items = await page.locator('#matrix-evidence li.measure').count();
  assert(items === count, `the cell says ${count}, the evidence lists ${items}`);
  const text = await page.locator('#matrix-evidence li.measure .text').first().textContent();
  assert(text && text.length > 10, 'empty evidence sentence');
  const marks = await page.locator('#matrix-evidence li.measure mark').count();
  assert(marks >= 1, 'the row entity is not highlighted in its evidence');
  await page.screenshot({ path: join(out, 'explore-matrix.png') });
  // Other columns.
  await page.locator('#matrix-columns').selectOption('PILLAR');
  await page.locator('.matrix thead th', { hasText: '政治安全' }).waitFor();
  await page.locator('#matrix-columns').selectOption('SECTION_LEVEL_2');
  await page.locator('.matrix thead th', { hasText: '4.1' }).waitFor();
  return `${rows} rows × ${cols - 1} columns; cell of ${count}: ${text.slice(0, 24)}…`;
});

await check('GraphML export of the nodes in view downloads an XML GraphML file', async () => {
  await page.locator('#tab-graph').click();
  await page.locator('#export-scope').selectOption('view');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20000 }).catch(async (err) => {
      const status = await page.locator('#export-status').textContent();
      throw new Error(`no download: ${status}`);
    }),
    page.locator('#export-buttons button[data-format="GRAPHML"]').click(),
  ]);
  const file = join(out, download.suggestedFilename() || 'export.graphml');
  await download.saveAs(file);
  const text = await readFile(file, 'utf8');
  assert(text.startsWith('<?xml'), `starts with ${JSON.stringify(text.slice(0, 40))}`);
  assert(text.includes('<graphml'), 'no <graphml element');
  return `${download.suggestedFilename()}, ${text.length} bytes; ${await page.locator('#export-status').textContent()}`;
});

await check("every other format downloads from the selected node's neighbourhood, decoded", async () => {
  await clickNode(page, 'initiative:mpac-2025');
  await page.locator('#export-scope').selectOption('selected');
  const looks = {
    GEXF: (b) => b.toString('utf8').startsWith('<?xml') && b.includes('<gexf'),
    CYJS: (b) => JSON.parse(b.toString('utf8')).elements.nodes.length > 1,
    DOT: (b) => /^\s*(strict\s+)?(di)?graph\b/.test(b.toString('utf8')),
    CSV: (b) => b.subarray(0, 2).toString('latin1') === 'PK', // a zip
    NQUADS: (b) => b.toString('utf8').trim().split('\n').every((l) => / \.$/.test(l)),
    JSONLD: (b) => typeof JSON.parse(b.toString('utf8')) === 'object',
  };
  const got = [];
  for (const [format, ok] of Object.entries(looks)) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20000 }).catch(async () => {
        throw new Error(`${format}: no download: ${await page.locator('#export-status').textContent()}`);
      }),
      page.locator(`#export-buttons button[data-format="${format}"]`).click(),
    ]);
    const file = join(out, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = await readFile(file);
    let good = false;
    try { good = ok(bytes); } catch { good = false; }
    assert(good, `${format}: ${download.suggestedFilename()} does not look right: ${JSON.stringify(bytes.subarray(0, 60).toString('latin1'))}`);
    got.push(`${download.suggestedFilename()} ${bytes.length} B`);
  }
  return got.join(', ');
});

await check('screenshot e2e/out/explore.png', async () => {
  await page.locator('#tab-graph').click();
  await settled(page);
  await clickNode(page, 'initiative:mpac-2025');
  await page.locator('#details-body .measure mark').first().waitFor();
  await settled(page);
  await page.mouse.move(5, 890);
  await page.screenshot({ path: join(out, 'explore.png') });
  return join(out, 'explore.png');
});

await check('no script errors, CSP violations or failed requests', async () => {
  assert(!problems.length, problems.join('\n'));
});

await finish();

async function finish() {
  await context.close().catch(() => {});
  await rm(userDataDir, { recursive: true, force: true });
  console.log(`explore-result passed=${passed} failed=${failed}`);
  process.exit(failed ? 1 : 0);
}
