// plangraph explorer: search, graph view, details, "explain the link", the
// alignment matrix and exports, all over this server's /graphql (POST JSON).
//
// Plain modern JavaScript, no build step. The page runs under a strict
// Content-Security-Policy: no inline scripts or styles, so every element is
// built with the DOM API and every computed style is set through the CSSOM.
(function () {
  'use strict';

  // The endpoint, resolved against the page's URL (as GraphiQL's is), so a
  // path prefix in front of the server still works.
  const ENDPOINT = new URL('graphql', window.location.href).toString();
  const NEIGHBOR_LIMIT = 40;

  // ---- kinds, predicates, colours --------------------------------------

  const KINDS = {
    PLAN: { en: 'Plan', zh: '规划', color: '#3b3f8f', shape: 'star', size: 40 },
    SECTION: { en: 'Section', zh: '章节', color: '#8c6d31', shape: 'round-rectangle', size: 24 },
    MEASURE: { en: 'Measure', zh: '措施', color: '#8e99a4', shape: 'round-rectangle', size: 16 },
    COUNTRY: { en: 'Country', zh: '国家', color: '#d62728', shape: 'ellipse', size: 30 },
    COUNTRY_GROUP: { en: 'Country group', zh: '国家集团', color: '#f28e8e', shape: 'round-octagon', size: 32 },
    MECHANISM: { en: 'Mechanism', zh: '机制', color: '#1f77b4', shape: 'round-diamond', size: 32 },
    INITIATIVE: { en: 'Initiative', zh: '倡议', color: '#2ca02c', shape: 'ellipse', size: 30 },
    ORGANIZATION: { en: 'Organization', zh: '国际组织', color: '#9467bd', shape: 'round-hexagon', size: 30 },
    PILLAR: { en: 'Pillar', zh: '支柱', color: '#ff7f0e', shape: 'round-triangle', size: 34 },
    PRIORITY_AREA: { en: 'Priority area', zh: '优先领域', color: '#17becf', shape: 'round-pentagon', size: 32 },
  };
  const TYPENAME_KIND = {
    Plan: 'PLAN', Section: 'SECTION', Measure: 'MEASURE', Country: 'COUNTRY',
    CountryGroup: 'COUNTRY_GROUP', Mechanism: 'MECHANISM', Initiative: 'INITIATIVE',
    Organization: 'ORGANIZATION', Pillar: 'PILLAR', PriorityArea: 'PRIORITY_AREA',
  };
  const PREDICATES = {
    MENTIONS: ['mentions', '提及'],
    COMPLEMENTS: ['complements', '互补互促'],
    REINFORCES: ['reinforces', '相辅相成'],
    ALIGNS_WITH: ['aligns with', '对接'],
    IMPLEMENTS: ['implements', '落实'],
    BUILDS_ON: ['builds on', '基于'],
    CONVENES_EVERY: ['convenes every', '定期召开'],
    REPORTS_TO: ['reports to', '报告'],
    MEMBER_OF: ['member of', '成员'],
    PROPOSED_BY: ['proposed by', '提出'],
    COOPERATES_WITH: ['cooperates with', '合作'],
    DRAFTS: ['drafts', '制定'],
    SUBMITS_TO: ['submits to', '提交'],
    HELD_IN: ['held in', '举办地'],
    PART_OF: ['part of', '隶属'],
    IN_PILLAR: ['in pillar', '所属支柱'],
    IN_PRIORITY_AREA: ['in priority area', '优先领域'],
  };
  // Edges that only say where a measure sits or what it names: drawn thin,
  // unlabelled, so the relations the text states stand out.
  const STRUCTURAL = new Set(['MENTIONS', 'PART_OF', 'IN_PILLAR', 'IN_PRIORITY_AREA']);
  const FIELDS = { NAME: 'name', EN_NAME: 'English name', ALIAS: 'alias', ABBREVIATION: 'abbreviation', TEXT: 'text' };
  const FORMATS = [
    ['GRAPHML', 'GraphML', 'GraphML: yEd, Gephi, networkx, Cytoscape desktop'],
    ['GEXF', 'GEXF', 'GEXF 1.3 with colours by kind: Gephi'],
    ['CYJS', 'Cytoscape', 'Cytoscape.js JSON (elements)'],
    ['DOT', 'DOT', 'Graphviz DOT'],
    ['CSV', 'CSV', "CSV for Gephi's spreadsheet import: a zip of nodes.csv and edges.csv"],
    ['NQUADS', 'N-Quads', 'N-Quads, provenance as graph labels'],
    ['JSONLD', 'JSON-LD', 'JSON-LD with the plangraph context'],
  ];
  const QUICK_START = [
    ['initiative:mpac-2025', 'MPAC 2025'],
    ['country:KH', 'Cambodia 柬埔寨'],
    ['group:lmc-members', 'LMC countries 澜湄六国'],
    ['plan:lmc-2023-2027', 'The plan 行动计划'],
  ];

  const kindOf = (k) => KINDS[k] || { en: k, zh: '', color: '#999', shape: 'ellipse', size: 26 };
  const predLabel = (p) => (PREDICATES[p] ? PREDICATES[p][0] : String(p).toLowerCase().replace(/_/g, ' '));
  const predZh = (p) => (PREDICATES[p] ? PREDICATES[p][1] : '');

  // ---- GraphQL ---------------------------------------------------------

  const F_LABEL = `
fragment NodeLabel on Node {
  __typename id
  ... on Entity { kind name en: name(lang: EN) abbreviation }
  ... on Measure { measureText: text order section { number } }
  ... on Section { number title }
  ... on Plan { name en: name(lang: EN) }
}`;
  const F_MEASURE = `
fragment MeasureFull on Measure {
  id text order commitment
  span { start end }
  section { id number title }
  mentions { span { start end } surface entity { id kind name } }
}`;

  const Q_SEARCH = `query Search($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    kind field value score match { start end }
    node { ...NodeLabel }
  }
}` + F_LABEL;

  const Q_NODE = `query Node($id: ID!) { node(id: $id) { ...NodeLabel } }` + F_LABEL;

  const Q_HOOD = `query Neighborhood($id: ID!, $limit: Int) {
  neighborhood(id: $id, depth: 1, limit: $limit) {
    truncated
    nodes { id kind label distance }
    edges { source target predicate evidenceId }
  }
}`;

  const Q_DETAILS = `query Details($id: ID!) {
  node(id: $id) {
    ...NodeLabel
    ... on Entity {
      names { lang value }
      aliases
      entityRelations: relations { predicate value subject { ...NodeLabel } object { ...NodeLabel } evidence { id } }
      mentionedIn(first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { ...MeasureFull } }
    }
    ... on Initiative { status proposedBy { id name } }
    ... on Mechanism { status }
    ... on Country { isoCode }
    ... on Measure {
      ...MeasureFull
      action
      measureRelations: relations { predicate value subject { ...NodeLabel } object { ...NodeLabel } }
    }
    ... on Section {
      level
      parent { ...NodeLabel }
      children { ...NodeLabel }
      pillar { id name }
      priorityAreas { id name }
      measures(first: 50) { totalCount nodes { ...MeasureFull } }
    }
    ... on Plan { names { lang value } sections { ...NodeLabel } }
  }
}` + F_LABEL + F_MEASURE;

  const Q_MORE_MENTIONS = `query MoreMentions($id: ID!, $after: String) {
  entity(id: $id) { mentionedIn(first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...MeasureFull } } }
}` + F_MEASURE;

  const Q_PATHS = `query Paths($from: ID!, $to: ID!, $max: Int) {
  paths(from: $from, to: $to, maxLength: $max, first: 3) {
    shortest visited truncated
    paths {
      length
      nodes { ...NodeLabel }
      hops {
        from { id } to { id } predicate direction evidenceId
        evidence { ...MeasureFull }
      }
    }
  }
}` + F_LABEL + F_MEASURE;

  const Q_MATRIX = `query Matrix($columns: MatrixColumns, $indirect: Boolean) {
  alignmentMatrix(columns: $columns, indirect: $indirect) {
    rows { id kind name en: name(lang: EN) abbreviation }
    columns { id label }
    maxCount
    cells { row column count evidence { ...MeasureFull } }
  }
}` + F_MEASURE;

  const Q_EXPORT = `query Export($seeds: [ID!], $depth: Int, $format: ExportFormat!) {
  export(seeds: $seeds, depth: $depth, format: $format) {
    format mimeType fileName encoding content size tooLarge url nodeCount edgeCount
  }
}`;

  let pending = 0;
  function setPending(delta) {
    pending += delta;
    document.body.dataset.pending = String(pending);
  }

  // gql posts one operation and returns its data; it throws with the
  // server's messages when the operation fails.
  async function gql(query, variables) {
    setPending(1);
    try {
      let res;
      try {
        res = await fetch(ENDPOINT, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
          body: JSON.stringify({ query, variables }),
        });
      } catch (err) {
        throw new Error('cannot reach the server: ' + err.message);
      }
      let body;
      try {
        body = await res.json();
      } catch (err) {
        throw new Error(`the server answered ${res.status} ${res.statusText}`);
      }
      if (body.errors && body.errors.length) {
        const msg = body.errors.map((e) => e.message + (e.extensions && e.extensions.code ? ` (${e.extensions.code})` : '')).join('; ');
        if (!body.data) throw new Error(msg);
        console.warn('plangraph explorer: partial result:', msg);
      }
      return body.data;
    } finally {
      setPending(-1);
    }
  }

  // ---- small DOM helpers -------------------------------------------------

  const $ = (id) => document.getElementById(id);

  // h builds an element: h('div', {class: 'x', onclick: f}, child, 'text', …).
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v == null || v === false) continue;
        if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
        else if (k === 'class') el.className = v;
        else if (k === 'dataset') Object.assign(el.dataset, v);
        else if (v === true) el.setAttribute(k, '');
        else el.setAttribute(k, v);
      }
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c == null || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const zh = (text) => h('span', { lang: 'zh-Hans' }, text);

  function kindChip(kind, withZh = true) {
    const k = kindOf(kind);
    const dot = h('span', { class: 'dot' });
    dot.style.backgroundColor = k.color;
    return h('span', { class: 'kind', dataset: { kind } }, dot, k.en, withZh && k.zh ? [' ', zh(k.zh)] : null);
  }

  // Runes: the API's offsets count Unicode code points, JavaScript strings
  // count UTF-16 units; Array.from splits by code point.
  const runes = (s) => Array.from(s || '');
  const truncate = (s, n) => {
    const r = runes(s);
    return r.length > n ? r.slice(0, n - 1).join('') + '…' : r.join('');
  };

  // highlight returns text with the given rune ranges marked: spans are
  // {start, end, el: (text) => Element} relative to text; overlapping ones
  // after the first are dropped.
  function highlight(text, spans) {
    const r = runes(text);
    const out = [];
    let at = 0;
    const sorted = spans
      .filter((s) => s.start >= 0 && s.end <= r.length && s.end > s.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    for (const s of sorted) {
      if (s.start < at) continue;
      if (s.start > at) out.push(r.slice(at, s.start).join(''));
      out.push(s.el(r.slice(s.start, s.end).join('')));
      at = s.end;
    }
    if (at < r.length) out.push(r.slice(at).join(''));
    return out;
  }

  // excerpt cuts text down to the runes around the spans (pad on each side),
  // with the spans moved to match; the whole text when it is short.
  function excerpt(text, spans, pad = 26) {
    const r = runes(text);
    if (!spans.length || r.length <= 2 * pad + 20) return { before: '', text, after: '', spans };
    const from = Math.max(0, Math.min(...spans.map((s) => s.start)) - pad);
    const to = Math.min(r.length, Math.max(...spans.map((s) => s.end)) + pad);
    return {
      before: from > 0 ? '…' : '',
      text: r.slice(from, to).join(''),
      after: to < r.length ? '…' : '',
      spans: spans.map((s) => ({ ...s, start: s.start - from, end: s.end - from })),
    };
  }

  let toastTimer = 0;
  function toast(msg, kind = 'error') {
    const t = $('toast');
    t.textContent = msg;
    t.className = 'toast ' + kind;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, kind === 'error' ? 8000 : 4000);
    if (kind === 'error') console.error('plangraph explorer:', msg);
  }

  // ---- node labels -------------------------------------------------------

  // info turns a NodeLabel selection into {id, kind, label, en, short}.
  function info(n) {
    const kind = n.kind || TYPENAME_KIND[n.__typename] || 'MEASURE';
    let label = n.name || n.id;
    if (n.__typename === 'Measure') label = n.measureText || n.id;
    if (n.__typename === 'Section') label = `${n.number} ${n.title}`;
    return { id: n.id, kind, label, en: n.en || null, abbreviation: n.abbreviation || null };
  }

  // shortLabel is what the graph prints under a node.
  function shortLabel(id, kind, label) {
    if (kind === 'MEASURE') {
      const m = /^measure:[^/]+\/(.+)\/(\d+)$/.exec(id);
      if (m) return `§${m[1]} · ${m[2]}`;
    }
    if (kind === 'SECTION') return truncate(label, 14);
    if (kind === 'PLAN') return truncate(label, 16);
    return truncate(label, 16);
  }

  // A measure's heading: "§4.2.1 · 3  互联互通".
  function measureWhere(m) {
    return `§${m.section ? m.section.number : '?'} · ${m.order}`;
  }

  // ---- the graph ---------------------------------------------------------

  const state = {
    selected: null,
    expanded: new Map(), // id → the limit it was expanded with
    truncated: new Set(), // ids whose last expansion was cut by the limit
    pickA: null,
    pickB: null,
    paths: [],
    activePath: -1,
    matrix: null,
  };

  const cy = cytoscape({
    container: $('cy'),
    minZoom: 0.15,
    maxZoom: 3,
    boxSelectionEnabled: false,
    style: graphStyle(),
  });

  function graphStyle() {
    const font = getComputedStyle(document.body).fontFamily;
    const s = [
      {
        selector: 'node',
        style: {
          label: (ele) => (ele.data('badge') || '') + ele.data('short'),
          'font-family': font,
          'font-size': 11,
          color: '#1c2230',
          'text-valign': 'bottom',
          'text-halign': 'center',
          'text-margin-y': 4,
          'text-wrap': 'wrap',
          'text-max-width': 120,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'text-background-padding': 2,
          'text-background-shape': 'round-rectangle',
          'min-zoomed-font-size': 7,
          'border-width': 1.5,
          'border-color': '#ffffff',
          'background-color': '#999',
          width: 28,
          height: 28,
        },
      },
    ];
    for (const [k, v] of Object.entries(KINDS)) {
      s.push({
        selector: `node[kind = "${k}"]`,
        style: {
          'background-color': v.color,
          shape: v.shape,
          width: k === 'SECTION' ? v.size * 1.6 : v.size,
          height: v.size,
        },
      });
    }
    s.push(
      { selector: 'node[kind = "MEASURE"]', style: { 'font-size': 9.5, color: '#4a5564' } },
      { selector: 'node.expanded', style: { 'border-color': '#1c2230', 'border-width': 1.5 } },
      { selector: 'node:selected', style: { 'border-color': '#1f5fbf', 'border-width': 4, 'text-background-color': '#e7effb', 'text-background-opacity': 1 } },
      { selector: 'node.pickA', style: { 'border-color': '#c2185b', 'border-width': 4, 'text-background-color': '#fde4ee', color: '#8a0f3f' } },
      { selector: 'node.pickB', style: { 'border-color': '#00838f', 'border-width': 4, 'text-background-color': '#dff5f6', color: '#005a62' } },
      {
        selector: 'edge',
        style: {
          width: 2,
          'line-color': '#6b7380',
          'target-arrow-color': '#6b7380',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.9,
          'curve-style': 'bezier',
          label: (ele) => (STRUCTURAL.has(ele.data('predicate')) ? '' : predLabel(ele.data('predicate'))),
          'font-family': font,
          'font-size': 9,
          color: '#4b5361',
          'text-rotation': 'autorotate',
          'text-background-color': '#fbfcfd',
          'text-background-opacity': 0.9,
          'text-background-padding': 1,
          'min-zoomed-font-size': 7,
        },
      },
      {
        selector: 'edge[predicate = "MENTIONS"]',
        style: { width: 1, 'line-color': '#b4bcc7', 'target-arrow-color': '#b4bcc7', 'line-style': 'dashed', 'line-dash-pattern': [4, 3], 'arrow-scale': 0.6 },
      },
      {
        selector: 'edge[predicate = "PART_OF"], edge[predicate = "IN_PILLAR"], edge[predicate = "IN_PRIORITY_AREA"]',
        style: { width: 1.2, 'line-color': '#c9b78f', 'target-arrow-color': '#c9b78f', 'arrow-scale': 0.6 },
      },
      { selector: '.faded', style: { opacity: 0.25 } },
      {
        selector: 'node.onpath',
        style: { 'underlay-color': '#f0a500', 'underlay-padding': 7, 'underlay-opacity': 0.45, 'underlay-shape': 'ellipse', opacity: 1 },
      },
      {
        selector: 'edge.onpath',
        style: {
          width: 5, 'line-color': '#f0a500', 'target-arrow-color': '#f0a500', 'line-style': 'solid', 'arrow-scale': 1.1, opacity: 1,
          label: (ele) => predLabel(ele.data('predicate')), color: '#6b4e00', 'font-size': 10, 'font-weight': 'bold', 'z-index': 10,
        },
      },
    );
    return s;
  }

  const edgeId = (source, predicate, target) => `${source}|${predicate}|${target}`;

  // addNodes adds nodes not yet in the view near `near` (a node id) and
  // returns how many were new. Duplicates are merged by id.
  function addNodes(nodes, near) {
    const anchor = near ? cy.getElementById(near) : null;
    const center = anchor && anchor.length ? anchor.position() : viewCenter();
    const fresh = nodes.filter((n) => cy.getElementById(n.id).empty());
    fresh.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
      const r = anchor && anchor.length ? 110 + 8 * Math.sqrt(fresh.length) : 0;
      cy.add({
        group: 'nodes',
        data: { id: n.id, kind: n.kind, label: n.label, en: n.en || null, short: shortLabel(n.id, n.kind, n.label) },
        position: { x: center.x + r * Math.cos(angle) + (r ? 0 : 40 * (i % 5)), y: center.y + r * Math.sin(angle) + (r ? 0 : 40 * Math.floor(i / 5)) },
      });
    });
    return fresh.length;
  }

  function addEdges(edges) {
    let added = 0;
    for (const e of edges) {
      const id = edgeId(e.source, e.predicate, e.target);
      if (cy.getElementById(id).nonempty()) continue;
      if (cy.getElementById(e.source).empty() || cy.getElementById(e.target).empty()) continue;
      cy.add({ group: 'edges', data: { id, source: e.source, target: e.target, predicate: e.predicate, evidenceId: e.evidenceId || null } });
      added++;
    }
    return added;
  }

  function viewCenter() {
    const ext = cy.extent();
    return { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
  }

  let layout = null;
  function relayout(opts = {}) {
    if (layout) layout.stop();
    const n = cy.nodes().length;
    if (n === 0) return;
    document.body.dataset.layout = 'running';
    layout = cy.layout({
      name: typeof cytoscapeFcose === 'undefined' ? 'cose' : 'fcose',
      quality: 'default',
      randomize: !!opts.randomize,
      animate: n < 300,
      animationDuration: 450,
      fit: true,
      padding: 50,
      nodeDimensionsIncludeLabels: true,
      packComponents: true,
      nodeRepulsion: () => 12000,
      idealEdgeLength: (e) => (STRUCTURAL.has(e.data('predicate')) ? 80 : 150),
      edgeElasticity: () => 0.45,
      nodeSeparation: 90,
      numIter: 2500,
      gravity: 0.3,
    });
    layout.one('layoutstop', () => {
      // A lone node or two would be fitted to the maximum zoom: keep text
      // at a readable size instead.
      if (cy.zoom() > 1.4) {
        cy.zoom(1.4);
        cy.center();
      }
      document.body.dataset.layout = 'idle';
    });
    layout.run();
  }

  function refreshStatus() {
    const n = cy.nodes().length;
    const e = cy.edges().length;
    $('graph-status').textContent = `${n} node${n === 1 ? '' : 's'} · ${e} edge${e === 1 ? '' : 's'}`;
    $('empty-hint').hidden = n > 0;
    $('export-scope').querySelector('option[value="view"]').textContent = `The ${n} node${n === 1 ? '' : 's'} in the view`;
    renderLegend();
    refreshExportButtons();
  }

  function renderLegend() {
    const present = new Map();
    cy.nodes().forEach((n) => present.set(n.data('kind'), (present.get(n.data('kind')) || 0) + 1));
    const lg = $('legend');
    lg.replaceChildren();
    // Every kind while the view is empty; then the kinds in it, with counts.
    for (const k of Object.keys(KINDS)) {
      if (present.size && !present.has(k)) continue;
      const chip = kindChip(k);
      if (present.has(k)) chip.append(h('span', { class: 'n' }, String(present.get(k))));
      lg.append(chip);
    }
    lg.append(h('span', { class: 'legend-sep' }));
    const key = (cls, text) => h('span', { class: 'edge-key' }, h('span', { class: 'line ' + cls }), text);
    lg.append(key('', 'stated relation'), key('line-thin', 'mentions / structure'), key('line-path', 'explained path'));
  }

  async function addById(id, { select = true } = {}) {
    if (cy.getElementById(id).empty()) {
      const data = await gql(Q_NODE, { id });
      if (!data.node) throw new Error(`no node ${id}`);
      addNodes([info(data.node)], state.selected);
      refreshStatus();
      relayout();
    }
    if (select) selectNode(id);
  }

  async function expand(id, limit = NEIGHBOR_LIMIT) {
    const prev = state.expanded.get(id);
    if (prev && prev >= limit) return;
    state.expanded.set(id, limit);
    cy.getElementById(id).addClass('expanded');
    let data;
    try {
      data = await gql(Q_HOOD, { id, limit });
    } catch (err) {
      state.expanded.delete(id);
      cy.getElementById(id).removeClass('expanded');
      toast(`Could not expand ${id}: ${err.message}`);
      return;
    }
    const sg = data.neighborhood;
    if (sg.truncated) state.truncated.add(id);
    else state.truncated.delete(id);
    const newNodes = addNodes(sg.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label })), id);
    const newEdges = addEdges(sg.edges);
    refreshStatus();
    if (newNodes || newEdges) relayout();
    if (state.selected === id) renderExpandNote(id);
    if (!newNodes && !newEdges) toast('No new neighbours: they are all in the view already.', 'info');
  }

  function selectNode(id) {
    const node = cy.getElementById(id);
    if (node.empty()) return;
    cy.nodes(':selected').unselect();
    node.select();
    state.selected = id;
    showDetails(id);
    refreshExportButtons();
  }

  function removeNode(id) {
    cy.getElementById(id).remove();
    state.expanded.delete(id);
    if (state.selected === id) {
      state.selected = null;
      $('details-body').replaceChildren(h('p', { class: 'muted' }, 'Removed from the view.'));
    }
    if (state.pickA === id) setPick('A', null);
    if (state.pickB === id) setPick('B', null);
    refreshStatus();
  }

  // ---- tooltips ------------------------------------------------------------

  const tip = $('tooltip');
  function showTip(ele) {
    tip.replaceChildren();
    if (ele.isNode()) {
      const k = kindOf(ele.data('kind'));
      append(tip, [
        h('div', { class: 'tip-kind' }, `${k.en} ${k.zh}`),
        h('div', { lang: 'zh-Hans' }, truncate(ele.data('label'), 140)),
        ele.data('en') ? h('div', { class: 'tip-kind' }, ele.data('en')) : null,
      ]);
    } else {
      const p = ele.data('predicate');
      append(tip, [
        h('div', null, `${cy.getElementById(ele.data('source')).data('short')} → ${predLabel(p)} ${predZh(p)} → ${cy.getElementById(ele.data('target')).data('short')}`),
        ele.data('evidenceId') ? h('div', { class: 'tip-kind' }, 'stated by ' + ele.data('evidenceId').replace(/^measure:[^/]+\//, '§')) : null,
      ]);
    }
    const pos = ele.isNode() ? ele.renderedPosition() : ele.renderedMidpoint();
    const box = $('cy').getBoundingClientRect();
    const host = $('view-graph').getBoundingClientRect();
    tip.hidden = false;
    const left = Math.min(pos.x + (box.left - host.left) + 14, host.width - tip.offsetWidth - 8);
    tip.style.left = Math.max(4, left) + 'px';
    tip.style.top = pos.y + (box.top - host.top) + 14 + 'px';
  }

  cy.on('mouseover', 'node, edge', (ev) => showTip(ev.target));
  cy.on('mouseout', 'node, edge', () => { tip.hidden = true; });
  cy.on('pan zoom drag', () => { tip.hidden = true; });

  cy.on('tap', 'node', (ev) => {
    const id = ev.target.id();
    const oe = ev.originalEvent;
    if (oe && oe.shiftKey) {
      pickNext(id);
      return;
    }
    selectNode(id);
    expand(id);
  });
  cy.on('tap', (ev) => {
    if (ev.target === cy) clearPathHighlight();
  });

  // ---- details panel -------------------------------------------------------

  let detailsSeq = 0;
  async function showDetails(id) {
    const seq = ++detailsSeq;
    const body = $('details-body');
    const ele = cy.getElementById(id);
    body.replaceChildren(nodeHeader({ id, kind: ele.data('kind'), label: ele.data('label'), en: ele.data('en') }), actions(id), h('p', { class: 'muted' }, 'Loading…'));
    let data;
    try {
      data = await gql(Q_DETAILS, { id });
    } catch (err) {
      if (seq === detailsSeq) body.lastChild.textContent = 'Could not load the details: ' + err.message;
      return;
    }
    if (seq !== detailsSeq) return;
    const n = data.node;
    if (!n) {
      body.lastChild.textContent = 'The server knows no node ' + id;
      return;
    }
    const i = info(n);
    if (ele.nonempty() && i.en && !ele.data('en')) ele.data('en', i.en);
    body.replaceChildren(nodeHeader(i, n), actions(id));
    $('details').scrollTop = 0;
    body.append(h('div', { id: 'expand-note' }));
    renderExpandNote(id);
    if (n.mentionedIn) renderEntity(body, n);
    else if (n.__typename === 'Measure') renderMeasure(body, n);
    else if (n.__typename === 'Section') renderSection(body, n);
    else if (n.__typename === 'Plan') renderPlan(body, n);
  }

  function nodeHeader(i, n) {
    const facts = h('dl', { class: 'facts' });
    const fact = (k, ...v) => facts.append(h('dt', null, k), h('dd', null, ...v));
    if (n) {
      if (n.abbreviation) fact('Abbreviation', n.abbreviation);
      if (n.aliases && n.aliases.length) fact('Aliases 别名', h('span', { class: 'chips' }, n.aliases.map((a) => h('span', { class: 'chip', lang: 'zh-Hans' }, a))));
      if (n.isoCode) fact('ISO code', n.isoCode);
      if (n.status) fact('Status', n.status);
      if (n.proposedBy && n.proposedBy.length) fact('Proposed by', n.proposedBy.map((c) => c.name).join('、'));
      if (n.__typename === 'Measure') {
        fact('Section 章节', `${n.section.number} ${n.section.title}`);
        fact('Commitment', n.commitment.toLowerCase() + (n.action ? ` · action 「${n.action}」` : ''));
      }
      if (n.__typename === 'Section') {
        fact('Level', String(n.level));
        if (n.pillar) fact('Pillar 支柱', n.pillar.name);
        if (n.priorityAreas.length) fact('Priority areas', n.priorityAreas.map((a) => a.name).join('、'));
      }
    }
    const title = i.kind === 'MEASURE' ? `Measure ${shortLabel(i.id, 'MEASURE', '')}` : i.label;
    return h('div', null,
      h('div', { class: 'node-head' }, kindChip(i.kind), h('span', { class: 'node-id' }, i.id)),
      h('p', { class: 'node-name', lang: i.kind === 'MEASURE' ? 'en' : 'zh-Hans' }, title),
      i.en ? h('p', { class: 'node-en' }, i.en) : null,
      facts.childNodes.length ? facts : null);
  }

  function actions(id) {
    const inView = () => cy.getElementById(id).nonempty();
    return h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => (inView() ? expand(id, Math.max(NEIGHBOR_LIMIT, (state.expanded.get(id) || 0) * 2)) : addById(id).then(() => expand(id))), title: 'Add the nodes one edge away (more of them when it was expanded already)' }, 'Expand'),
      h('button', { type: 'button', onclick: () => setPick('A', id), title: 'Use as the start of “Explain the link”' }, 'Pick as A'),
      h('button', { type: 'button', onclick: () => setPick('B', id), title: 'Use as the end of “Explain the link”' }, 'Pick as B'),
      h('button', { type: 'button', onclick: () => removeNode(id), title: 'Remove this node from the view' }, 'Remove'));
  }

  function renderExpandNote(id) {
    const note = $('expand-note');
    if (!note) return;
    note.replaceChildren();
    if (state.truncated.has(id)) {
      note.append(h('p', { class: 'muted small' },
        `Showing the first ${state.expanded.get(id)} neighbours; `,
        h('button', { type: 'button', class: 'linkish', onclick: () => expand(id, state.expanded.get(id) * 2) }, 'show more'), '.'));
    }
  }

  // measureItem renders a measure's sentence with the mentions marked: those
  // of `focus` (an entity id, or every mention when null) highlighted, the
  // others underlined and clickable (they add their entity to the view).
  function measureItem(m, focus) {
    const base = m.span.start;
    const spans = m.mentions.map((mn) => {
      const hit = focus == null || mn.entity.id === focus;
      const clickable = focus == null || mn.entity.id !== focus;
      return {
        start: mn.span.start - base,
        end: mn.span.end - base,
        el: (text) => h(hit ? 'mark' : 'span', {
          class: clickable ? (hit ? 'mention-link' : 'mention-other') : null,
          role: clickable ? 'button' : null,
          tabindex: clickable ? '0' : null,
          title: `${mn.entity.name} (${kindOf(mn.entity.kind).en})` + (clickable ? ' — click to add it to the graph' : ''),
          onclick: clickable ? () => addById(mn.entity.id).catch((e) => toast(e.message)) : null,
          onkeydown: clickable ? (ev) => { if (ev.key === 'Enter') addById(mn.entity.id).catch((e) => toast(e.message)); } : null,
        }, text),
      };
    });
    return h('li', { class: 'measure', dataset: { id: m.id } },
      h('div', { class: 'where' },
        h('span', null, measureWhere(m)),
        h('span', { lang: 'zh-Hans' }, m.section.title),
        h('button', { type: 'button', class: 'go', title: 'Show this measure in the graph', onclick: () => addById(m.id).catch((e) => toast(e.message)) }, 'show in graph')),
      h('p', { class: 'text', lang: 'zh-Hans' }, highlight(m.text, spans)));
  }

  function relationList(rels, selfId) {
    const list = h('ul', { class: 'relations' });
    for (const r of rels) {
      const other = r.subject && r.subject.id === selfId ? r.object : r.subject;
      const outgoing = r.subject && r.subject.id === selfId;
      const o = other ? info(other) : null;
      list.append(h('li', null,
        h('span', { class: 'pred' }, outgoing ? `${predLabel(r.predicate)} →` : `← ${predLabel(r.predicate)}`), ' ',
        o ? h('button', { type: 'button', class: 'linkish', lang: 'zh-Hans', title: o.id, onclick: () => addById(o.id).catch((e) => toast(e.message)) }, truncate(o.label, 40))
          : h('span', null, r.value || '')));
    }
    return list;
  }

  function renderEntity(body, n) {
    const rels = (n.entityRelations || []).filter((r) => r.predicate !== 'MENTIONS');
    if (rels.length) {
      body.append(h('h3', { class: 'section-title' }, 'Relations ', zh('关系'), ' ', h('span', { class: 'count' }, `(${rels.length})`)));
      body.append(relationList(rels, n.id));
    }
    const conn = n.mentionedIn;
    body.append(h('h3', { class: 'section-title' }, 'Mentioned in ', zh('提及该实体的措施'), ' ', h('span', { class: 'count' }, `(${conn.totalCount})`)));
    if (!conn.totalCount) {
      body.append(h('p', { class: 'muted' }, 'No measure names it.'));
      return;
    }
    const list = h('ul', { class: 'measures' }, conn.nodes.map((m) => measureItem(m, n.id)));
    body.append(list);
    let page = conn.pageInfo;
    if (page.hasNextPage) {
      const more = h('button', { type: 'button' }, `Load more (${conn.totalCount - conn.nodes.length} left)`);
      more.addEventListener('click', async () => {
        more.disabled = true;
        try {
          const d = await gql(Q_MORE_MENTIONS, { id: n.id, after: page.endCursor });
          const c = d.entity.mentionedIn;
          c.nodes.forEach((m) => list.append(measureItem(m, n.id)));
          page = c.pageInfo;
          if (!page.hasNextPage) more.remove();
          else more.disabled = false;
        } catch (err) {
          toast(err.message);
          more.disabled = false;
        }
      });
      body.append(more);
    }
  }

  function renderMeasure(body, n) {
    body.append(h('h3', { class: 'section-title' }, 'Sentence ', zh('原文')));
    body.append(h('ul', { class: 'measures' }, measureItem(n, null)));
    if (n.measureRelations && n.measureRelations.length) {
      body.append(h('h3', { class: 'section-title' }, 'Relations it states ', zh('所述关系')));
      const list = h('ul', { class: 'relations' });
      for (const r of n.measureRelations) {
        const s = info(r.subject);
        const o = r.object ? info(r.object) : null;
        list.append(h('li', { lang: 'zh-Hans' }, truncate(s.label, 24), ' ', h('span', { class: 'pred' }, `${predLabel(r.predicate)} →`), ' ', o ? truncate(o.label, 24) : r.value));
      }
      body.append(list);
    }
  }

  function renderSection(body, n) {
    if (n.children.length) {
      body.append(h('h3', { class: 'section-title' }, 'Subsections ', zh('下级章节')));
      body.append(h('ul', { class: 'relations' }, n.children.map((c) => {
        const i = info(c);
        return h('li', null, h('button', { type: 'button', class: 'linkish', lang: 'zh-Hans', onclick: () => addById(i.id).catch((e) => toast(e.message)) }, i.label));
      })));
    }
    body.append(h('h3', { class: 'section-title' }, 'Measures ', zh('措施'), ' ', h('span', { class: 'count' }, `(${n.measures.totalCount})`)));
    body.append(h('ul', { class: 'measures' }, n.measures.nodes.map((m) => measureItem(m, null))));
  }

  function renderPlan(body, n) {
    body.append(h('h3', { class: 'section-title' }, 'Chapters ', zh('章节')));
    body.append(h('ul', { class: 'relations' }, n.sections.map((c) => {
      const i = info(c);
      return h('li', null, h('button', { type: 'button', class: 'linkish', lang: 'zh-Hans', onclick: () => addById(i.id).catch((e) => toast(e.message)) }, i.label));
    })));
  }

  // ---- explain the link ------------------------------------------------------

  function setPick(which, id) {
    const key = which === 'A' ? 'pickA' : 'pickB';
    const old = state[key];
    if (old) cy.getElementById(old).removeClass(key).data('badge', null);
    state[key] = id;
    const slot = $(which === 'A' ? 'pick-a' : 'pick-b');
    if (id) {
      const n = cy.getElementById(id);
      n.addClass(key).data('badge', `【${which}】`);
      slot.classList.remove('muted');
      slot.replaceChildren(kindChip(n.data('kind') || 'MEASURE', false), ' ', h('span', { lang: 'zh-Hans', title: id }, truncate(n.data('label') || id, 30)));
    } else {
      slot.classList.add('muted');
      slot.textContent = which === 'A' ? 'Shift+click a node, or “Pick as A”' : 'Shift+click another node, or “Pick as B”';
    }
    $('btn-paths').disabled = !(state.pickA && state.pickB && state.pickA !== state.pickB);
  }

  // pickNext fills A, then B, then starts over at A.
  function pickNext(id) {
    if (!state.pickA || (state.pickA && state.pickB)) {
      setPick('B', null);
      setPick('A', id);
    } else if (state.pickA !== id) {
      setPick('B', id);
      findPaths();
    }
  }

  async function findPaths() {
    const from = state.pickA;
    const to = state.pickB;
    if (!from || !to) return;
    const max = Number($('max-hops').value);
    const out = $('paths');
    out.replaceChildren(h('p', { class: 'muted' }, 'Searching…'));
    let res;
    try {
      res = (await gql(Q_PATHS, { from, to, max })).paths;
    } catch (err) {
      out.replaceChildren(h('p', { class: 'muted' }, 'Could not search: ' + err.message));
      return;
    }
    state.paths = res.paths;
    out.replaceChildren();
    if (!res.paths.length) {
      out.append(h('p', { class: 'muted' },
        `No path of at most ${max} hops` + (res.truncated ? ` (the search stopped after ${res.visited} nodes)` : '') + '.',
        max < 6 ? ' Try more hops.' : ''));
      clearPathHighlight();
      return;
    }
    res.paths.forEach((p, i) => out.append(renderPath(p, i)));
    if (res.truncated) out.append(h('p', { class: 'muted small' }, `The search stopped early after visiting ${res.visited} nodes; longer paths may exist.`));
    showPath(0);
  }

  function renderPath(p, index) {
    const names = new Map(p.nodes.map((n) => [n.id, info(n)]));
    const nameOf = (id) => {
      const i = names.get(id);
      return i ? (i.kind === 'MEASURE' ? shortLabel(i.id, i.kind, i.label) : truncate(i.label, 22)) : id;
    };
    const hops = h('ol', { class: 'hops' });
    for (const hop of p.hops) {
      const fwd = hop.direction === 'FORWARD';
      const pred = h('span', { class: 'hop-pred', title: `${hop.predicate} (${fwd ? 'forward' : 'backward'})` },
        fwd ? `— ${predLabel(hop.predicate)} →` : `← ${predLabel(hop.predicate)} —`);
      let ev;
      if (hop.evidence) {
        const m = hop.evidence;
        const x = excerpt(m.text, m.mentions
          .filter((mn) => mn.entity.id === hop.from.id || mn.entity.id === hop.to.id)
          .map((mn) => ({ start: mn.span.start - m.span.start, end: mn.span.end - m.span.start, el: (t) => h('mark', null, t) })));
        ev = h('p', { class: 'hop-ev', lang: 'zh-Hans', title: m.text },
          h('span', { class: 'muted' }, measureWhere(m) + ' '), x.before, highlight(x.text, x.spans), x.after);
      } else ev = h('p', { class: 'hop-ev catalog' }, hop.evidenceId && hop.evidenceId.startsWith('catalog:') ? 'from the entity catalog (not stated in a sentence)' : `stated by ${hop.evidenceId || 'the catalog'}`);
      hops.append(h('li', null,
        h('div', { class: 'hop-line', lang: 'zh-Hans' }, h('strong', null, nameOf(hop.from.id)), pred, h('strong', null, nameOf(hop.to.id))),
        ev));
    }
    return h('div', {
      class: 'path', tabindex: '0', dataset: { index: String(index) },
      title: 'Click to highlight this path in the graph',
      onclick: () => showPath(index),
      onkeydown: (ev) => { if (ev.key === 'Enter') showPath(index); },
    }, h('div', { class: 'path-head' }, `Path ${index + 1} · ${p.length} hop${p.length === 1 ? '' : 's'}`), hops);
  }

  // showPath adds the path's nodes and edges to the view and highlights them.
  function showPath(index) {
    const p = state.paths[index];
    if (!p) return;
    state.activePath = index;
    document.querySelectorAll('#paths .path').forEach((el) => el.classList.toggle('active', Number(el.dataset.index) === index));
    const added = addNodes(p.nodes.map(info), state.pickA);
    addEdges(p.hops.map((hop) => {
      const fwd = hop.direction === 'FORWARD';
      return { source: fwd ? hop.from.id : hop.to.id, target: fwd ? hop.to.id : hop.from.id, predicate: hop.predicate, evidenceId: hop.evidenceId };
    }));
    refreshStatus();
    cy.elements().removeClass('onpath').addClass('faded');
    const ids = new Set(p.nodes.map((n) => n.id));
    let path = cy.nodes().filter((n) => ids.has(n.id()));
    p.hops.forEach((hop) => {
      const fwd = hop.direction === 'FORWARD';
      path = path.union(cy.getElementById(edgeId(fwd ? hop.from.id : hop.to.id, hop.predicate, fwd ? hop.to.id : hop.from.id)));
    });
    path.removeClass('faded').addClass('onpath');
    $('btn-unhighlight').disabled = false;
    if (added) relayout();
    else cy.animate({ fit: { eles: path, padding: 80 }, duration: 350 });
  }

  function clearPathHighlight() {
    cy.elements().removeClass('faded onpath');
    state.activePath = -1;
    document.querySelectorAll('#paths .path.active').forEach((el) => el.classList.remove('active'));
    $('btn-unhighlight').disabled = true;
  }

  $('btn-paths').addEventListener('click', findPaths);
  $('btn-swap').addEventListener('click', () => {
    const a = state.pickA;
    const b = state.pickB;
    setPick('A', null);
    setPick('B', null);
    if (b) setPick('A', b);
    if (a) setPick('B', a);
  });

  // ---- search ---------------------------------------------------------------

  const input = $('search');
  const results = $('search-results');
  let searchTimer = 0;
  let searchSeq = 0;
  let hits = [];
  let active = -1;

  function closeResults() {
    results.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  }

  function setActive(i) {
    const items = results.querySelectorAll('li[data-id]');
    if (!items.length) return;
    active = (i + items.length) % items.length;
    items.forEach((el, j) => el.setAttribute('aria-selected', j === active ? 'true' : 'false'));
    items[active].scrollIntoView({ block: 'nearest' });
  }

  async function runSearch(text) {
    const seq = ++searchSeq;
    let data;
    try {
      data = await gql(Q_SEARCH, { text, first: 12 });
    } catch (err) {
      if (seq === searchSeq) toast('Search failed: ' + err.message);
      return;
    }
    if (seq !== searchSeq || input.value.trim() !== text) return;
    hits = data.search;
    results.replaceChildren();
    if (!hits.length) {
      results.append(h('li', { class: 'hit-empty' }, `Nothing matches “${text}”.`));
    }
    hits.forEach((hit, i) => results.append(renderHit(hit, i)));
    results.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  }

  function renderHit(hit, i) {
    const n = info(hit.node);
    const mark = (t) => h('mark', null, t);
    const matched = highlight(hit.value, [{ start: hit.match.start, end: hit.match.end, el: mark }]);
    let name;
    let sub;
    if (hit.kind === 'MEASURE') {
      // A window of the sentence around the match.
      const r = runes(hit.value);
      const from = Math.max(0, hit.match.start - 18);
      const to = Math.min(r.length, hit.match.end + 30);
      const windowText = r.slice(from, to).join('');
      name = [from > 0 ? '…' : '', highlight(windowText, [{ start: hit.match.start - from, end: hit.match.end - from, el: mark }]), to < r.length ? '…' : ''];
      sub = `Measure ${shortLabel(n.id, 'MEASURE', '')}`;
    } else if (hit.field === 'NAME') {
      name = matched;
      sub = [n.en, n.abbreviation].filter(Boolean).join(' · ');
    } else {
      name = n.label;
      sub = [`${FIELDS[hit.field] || hit.field}: `, matched, n.en && hit.field !== 'EN_NAME' ? ` · ${n.en}` : ''];
    }
    return h('li', {
      role: 'option', 'aria-selected': 'false', dataset: { id: n.id, index: String(i) },
      onmousedown: (ev) => { ev.preventDefault(); pickHit(i); },
    }, kindChip(hit.kind), h('span', { class: 'hit-name', lang: 'zh-Hans' }, name), sub && sub.length ? h('span', { class: 'hit-sub' }, sub) : null);
  }

  function pickHit(i) {
    const hit = hits[i];
    if (!hit) return;
    closeResults();
    const n = info(hit.node);
    showTab('graph');
    if (cy.getElementById(n.id).empty()) {
      addNodes([n], state.selected);
      refreshStatus();
      relayout();
    }
    selectNode(n.id);
  }

  input.addEventListener('input', () => {
    clearTimeout(searchTimer);
    const text = input.value.trim();
    if (!text) {
      searchSeq++;
      closeResults();
      return;
    }
    searchTimer = setTimeout(() => runSearch(text), 200);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); if (results.hidden) runSearch(input.value.trim()); else setActive(active + 1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); setActive(active - 1); }
    else if (ev.key === 'Enter') { ev.preventDefault(); if (!results.hidden && hits.length) pickHit(active >= 0 ? active : 0); }
    else if (ev.key === 'Escape') closeResults();
  });
  input.addEventListener('blur', () => setTimeout(closeResults, 120));
  input.addEventListener('focus', () => { if (hits.length && input.value.trim()) { results.hidden = false; input.setAttribute('aria-expanded', 'true'); } });

  // ---- tabs -------------------------------------------------------------------

  function showTab(name) {
    const graph = name === 'graph';
    $('tab-graph').setAttribute('aria-selected', String(graph));
    $('tab-matrix').setAttribute('aria-selected', String(!graph));
    $('view-graph').hidden = !graph;
    $('view-matrix').hidden = graph;
    $('graph-status').hidden = !graph;
    if (graph) {
      cy.resize();
    } else if (!state.matrix) {
      loadMatrix();
    }
  }
  $('tab-graph').addEventListener('click', () => showTab('graph'));
  $('tab-matrix').addEventListener('click', () => showTab('matrix'));

  // ---- alignment matrix --------------------------------------------------------

  // heat maps 0…1 to a sequential blue scale.
  function heat(t) {
    const lo = [222, 235, 247];
    const hi = [8, 69, 148];
    const c = lo.map((v, i) => Math.round(v + (hi[i] - v) * t));
    return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
  }

  async function loadMatrix() {
    const wrap = $('matrix');
    wrap.replaceChildren(h('p', { class: 'muted' }, 'Loading the matrix…'));
    let m;
    try {
      m = (await gql(Q_MATRIX, { columns: $('matrix-columns').value, indirect: $('matrix-indirect').checked })).alignmentMatrix;
    } catch (err) {
      wrap.replaceChildren(h('p', { class: 'muted' }, 'Could not load the matrix: ' + err.message));
      return;
    }
    state.matrix = m;
    const byCell = new Map(m.cells.map((c) => [`${c.row}:${c.column}`, c]));
    const table = h('table', { class: 'matrix' });
    const head = h('tr', null, h('th', null, h('span', { class: 'muted' }, `${m.rows.length} initiatives`)));
    m.columns.forEach((c) => head.append(h('th', { scope: 'col', lang: 'zh-Hans', title: c.id }, c.label)));
    table.append(h('thead', null, head));
    const tbody = h('tbody');
    m.rows.forEach((r, ri) => {
      const tr = h('tr', null, h('th', { scope: 'row', title: `${r.name}${r.en ? ' — ' + r.en : ''}` },
        h('span', { lang: 'zh-Hans' }, r.name), r.en ? h('span', { class: 'en' }, r.abbreviation || r.en) : null));
      m.columns.forEach((c, ci) => {
        const cell = byCell.get(`${ri}:${ci}`);
        const td = h('td', { class: 'cell', dataset: { row: String(ri), column: String(ci) } });
        if (cell && cell.count > 0) {
          const t = m.maxCount > 0 ? cell.count / m.maxCount : 1;
          td.classList.add('filled');
          if (t > 0.55) td.classList.add('dark');
          td.style.backgroundColor = heat(0.2 + 0.8 * t);
          td.textContent = String(cell.count);
          td.dataset.count = String(cell.count);
          td.tabIndex = 0;
          td.title = `${r.name} × ${c.label}: ${cell.count} measure${cell.count === 1 ? '' : 's'} — click to read`;
          td.addEventListener('click', () => openCell(td, r, c, cell));
          td.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') openCell(td, r, c, cell); });
        } else {
          td.textContent = '·';
        }
        tr.append(td);
      });
      tbody.append(tr);
    });
    table.append(tbody);
    const scale = h('div', { class: 'matrix-scale' }, 'fewer');
    for (let i = 0; i <= 4; i++) {
      const sw = h('span', { class: 'swatch' });
      sw.style.backgroundColor = heat(0.2 + 0.2 * i);
      scale.append(sw);
    }
    scale.append(`more measures (max ${m.maxCount})`);
    wrap.replaceChildren(table, scale);
    $('matrix-evidence').replaceChildren(h('p', { class: 'muted' }, 'Click a coloured cell to see its evidence — the measures behind the count.'));
  }

  function openCell(td, row, col, cell) {
    document.querySelectorAll('.matrix td.active').forEach((el) => el.classList.remove('active'));
    td.classList.add('active');
    const ev = $('matrix-evidence');
    ev.replaceChildren(
      h('h3', { lang: 'zh-Hans' }, row.name, h('span', { class: 'muted' }, ' × '), col.label),
      h('p', { class: 'muted small' }, `${cell.count} measure${cell.count === 1 ? ' names' : 's name'} ${row.en || row.name}${$('matrix-indirect').checked ? ' (or an entity one relation away)' : ''} here.`),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => { showTab('graph'); addById(row.id).then(() => expand(row.id)).catch((e) => toast(e.message)); } }, 'Show the initiative in the graph')),
      h('ul', { class: 'measures' }, cell.evidence.map((m) => measureItem(m, row.id))));
  }

  $('matrix-columns').addEventListener('change', loadMatrix);
  $('matrix-indirect').addEventListener('change', loadMatrix);

  // ---- export -----------------------------------------------------------------

  function exportScope() {
    return $('export-scope').value;
  }

  function refreshExportButtons() {
    const scope = exportScope();
    const sel = $('export-scope').querySelector('option[value="selected"]');
    sel.disabled = !state.selected;
    sel.textContent = state.selected
      ? `${truncate(cy.getElementById(state.selected).data('label') || state.selected, 16)} and its neighbours`
      : 'The selected node and its neighbours';
    const can = scope === 'all' || (scope === 'view' && cy.nodes().length > 0) || (scope === 'selected' && state.selected);
    document.querySelectorAll('#export-buttons button').forEach((b) => { b.disabled = !can; });
  }

  async function runExport(format, label) {
    const scope = exportScope();
    let vars;
    if (scope === 'view') vars = { seeds: cy.nodes().map((n) => n.id()).sort(), depth: 0, format };
    else if (scope === 'selected') vars = { seeds: [state.selected], depth: 1, format };
    else vars = { seeds: null, depth: 0, format };
    const status = $('export-status');
    status.textContent = `Exporting ${label}…`;
    let x;
    try {
      x = (await gql(Q_EXPORT, vars)).export;
    } catch (err) {
      status.textContent = `${label} export failed: ${err.message}`;
      toast(`${label} export failed: ${err.message}`);
      return;
    }
    const summary = `${x.nodeCount} nodes, ${x.edgeCount} edges, ${formatSize(x.size)}`;
    if (x.tooLarge || x.content == null) {
      // Too big to inline: the same bytes stream from the HTTP endpoint.
      download(new URL(x.url, window.location.href).toString(), x.fileName);
      status.textContent = `${x.fileName}: ${summary} — downloading from the server.`;
      return;
    }
    let blob;
    if (x.encoding === 'base64') {
      const bin = atob(x.content);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      blob = new Blob([bytes], { type: x.mimeType });
    } else {
      blob = new Blob([x.content], { type: x.mimeType });
    }
    const url = URL.createObjectURL(blob);
    download(url, x.fileName);
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    status.textContent = `${x.fileName}: ${summary}.`;
  }

  function download(href, fileName) {
    const a = h('a', { href, download: fileName || '' });
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
  }

  function formatSize(n) {
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
    return `${(n / 1024 / 1024).toFixed(1)} MB`;
  }

  const exportButtons = $('export-buttons');
  for (const [format, label, title] of FORMATS) {
    exportButtons.append(h('button', { type: 'button', dataset: { format }, title: `Download ${title}`, onclick: () => runExport(format, label) }, label));
  }
  $('export-scope').addEventListener('change', refreshExportButtons);

  // ---- toolbar, quick start -------------------------------------------------------

  $('btn-fit').addEventListener('click', () => cy.animate({ fit: { eles: cy.elements(), padding: 50 }, duration: 300 }));
  $('btn-layout').addEventListener('click', () => relayout({ randomize: true }));
  $('btn-unhighlight').addEventListener('click', clearPathHighlight);
  $('btn-clear').addEventListener('click', () => {
    if (layout) layout.stop();
    cy.elements().remove();
    state.expanded.clear();
    state.truncated.clear();
    state.selected = null;
    setPick('A', null);
    setPick('B', null);
    state.paths = [];
    $('paths').replaceChildren();
    $('details-body').replaceChildren(h('p', { class: 'muted' }, 'Nothing selected yet. Pick a search result or click a node in the graph.'));
    clearPathHighlight();
    refreshStatus();
  });

  const quick = $('quick-start');
  for (const [id, label] of QUICK_START) {
    quick.append(h('button', { type: 'button', onclick: () => addById(id).then(() => expand(id)).catch((e) => toast(e.message)) }, label));
  }

  window.addEventListener('resize', () => cy.resize());

  refreshStatus();
  setPick('A', null);
  setPick('B', null);

  // For tests and the console: the Cytoscape instance and the page's state.
  window.plangraphExplorer = { cy, state, expand, selectNode, addById };
})();
