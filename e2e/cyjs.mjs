// cyjs.mjs — loads plangraph's Cytoscape.js exports into cytoscape (headless,
// in Node) and checks their nodes and edges against the GraphML written from
// the same graph: node cyjs.mjs DIR NAME… (DIR/NAME.json and DIR/NAME.graphml).
import { readFileSync } from 'node:fs';
import cytoscape from 'cytoscape';

const [dir, ...names] = process.argv.slice(2);
let passed = 0, failed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
};
for (const name of names) {
  try {
    const doc = JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8'));
    const cy = cytoscape({ headless: true, elements: doc.elements });
    const graphml = readFileSync(`${dir}/${name}.graphml`, 'utf8');
    const nodes = (graphml.match(/<node /g) || []).length;
    const edges = (graphml.match(/<edge /g) || []).length;
    const dangling = cy.edges().filter((e) => e.source().empty() || e.target().empty()).length;
    check(cy.nodes().length === nodes && cy.edges().length === edges && dangling === 0,
      `cytoscape ${cytoscape.version ?? ''} loads ${name}.json: ${cy.nodes().length} nodes, ${cy.edges().length} edges (GraphML: ${nodes}, ${edges})`);
    check(cy.nodes().every((n) => n.data('label') && n.data('kind')), `${name}.json: every node has a label and a kind`);
  } catch (e) {
    check(false, `${name}: ${e.message}`);
  }
}
console.log(`cyjs: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
