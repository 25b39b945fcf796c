// Unmodified real GraphQL clients run typical frontend queries against
// plangraph's /graphql:
//
//   - Apollo Client (HttpLink + InMemoryCache with possibleTypes from
//     introspection): an entity page, paging through ALL measures and through
//     an entity's mentionedIn with fetchMore and relayStylePagination;
//   - graphql-request: the same entity, ALL measures, ALL entities and
//     filtered measures by a manual cursor loop, GET requests, the NOT_FOUND
//     error and the complexity, depth, token and body-size limits;
//   - Apollo's persisted-queries link (APQ) with sha256 from node:crypto,
//     over POST and over GET.
//
//   node clients.mjs [URL]        URL defaults to $PLANGRAPH_URL, then
//                                 http://127.0.0.1:8080/graphql
//
// Page sizes are those a typical app uses (20-25). Prints one line per check
// and, last, `clients-result passed=N failed=M`; exits 1 when a check fails.
import { createHash, randomUUID } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import { ClientError, GraphQLClient } from 'graphql-request';

const url = process.argv[2] || process.env.PLANGRAPH_URL || 'http://127.0.0.1:8080/graphql';
if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url)) {
  console.error(`clients: refusing ${url}: only a server on this machine is queried`);
  process.exit(2);
}
const origin = new URL(url).origin;

// ---------------------------------------------------------------- harness

let passed = 0;
let failed = 0;
async function check(name, fn) {
  const t0 = performance.now();
  try {
    const detail = await fn();
    passed++;
    console.log(`  ok    ${name} (${Math.round(performance.now() - t0)} ms)${detail ? `: ${detail}` : ''}`);
  } catch (err) {
    failed++;
    console.log(`  FAIL  ${name}: ${describe(err)}`);
  }
}
function describe(err) {
  if (err instanceof ClientError) {
    return `ClientError ${err.response?.status}: ${JSON.stringify(err.response?.errors ?? err.response)}`.slice(0, 1500);
  }
  const gqlErrors = err?.errors ?? err?.graphQLErrors;
  if (Array.isArray(gqlErrors) && gqlErrors.length) {
    return `${err.name}: ${JSON.stringify(gqlErrors)}`.slice(0, 1500);
  }
  return String(err?.stack || err).slice(0, 1500);
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
function assertPagedAll(label, ids, totalCount) {
  assert(Number.isInteger(totalCount) && totalCount > 0, `${label}: totalCount ${totalCount}`);
  assert(ids.length === totalCount, `${label}: got ${ids.length} items, totalCount says ${totalCount}`);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert(dup.length === 0, `${label}: duplicates ${[...new Set(dup)].slice(0, 5).join(', ')}`);
}

// A fetch that records every request and response, passed to the clients
// through their ordinary `fetch` option.
function recordingFetch(log) {
  return async (input, init = {}) => {
    const method = (init.method || 'GET').toUpperCase();
    const reqUrl = typeof input === 'string' ? input : input.url ?? String(input);
    let body = null;
    if (typeof init.body === 'string') {
      try { body = JSON.parse(init.body); } catch { body = init.body; }
    } else if (method === 'GET') {
      const p = new URL(reqUrl).searchParams;
      body = Object.fromEntries([...p].map(([k, v]) => {
        try { return [k, k === 'query' ? v : JSON.parse(v)]; } catch { return [k, v]; }
      }));
    }
    const res = await fetch(input, init);
    const json = await res.clone().json().catch(() => null);
    log.push({ method, url: reqUrl, body, status: res.status, contentType: res.headers.get('content-type'), json });
    return res;
  };
}

// ---------------------------------------------------------------- queries

const ENTITY_PAGE = gql`
  query EntityPage($id: ID!, $first: Int!, $after: String) {
    entity(id: $id) {
      id
      kind
      name
      nameEn: name(lang: EN)
      names { lang value }
      aliases
      abbreviation
      ... on Initiative {
        status
        relationToPlan { predicate subject { id } evidence { id text } }
        proposedBy { id name }
      }
      ... on Mechanism {
        status
        convenesEvery { value evidence { id } }
        reportsTo { object { id ... on Entity { name } } }
      }
      relations {
        predicate
        subject { id ... on Entity { name } }
        object { id ... on Entity { name } }
        value
        evidence { id text section { id number } }
      }
      mentionedIn(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id text section { id number title } } }
      }
    }
  }
`;

// A measure card as a list view shows it.
const MEASURES_PAGE = gql`
  query MeasuresPage($filter: MeasureFilter, $first: Int!, $after: String) {
    measures(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          text
          commitment
          action
          section { id number title }
          mentions { id surface entity { id kind name } }
        }
      }
    }
  }
`;

const ENTITIES_PAGE = gql`
  query EntitiesPage($kinds: [EntityKind!], $first: Int!, $after: String) {
    entities(kinds: $kinds, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id kind name nameEn: name(lang: EN) abbreviation } }
    }
  }
`;

const POSSIBLE_TYPES = gql`
  query PossibleTypes {
    __schema { types { kind name possibleTypes { name } } }
  }
`;

const PAGE = 25; // Apollo's page size
const GR_PAGE = 20; // graphql-request's page size

// ---------------------------------------------------------------- checks

console.log(`clients against ${url}`);
const gr = new GraphQLClient(url);
const grGet = new GraphQLClient(url, { method: 'GET' });

let possibleTypes = {};
let allMeasureIds = null; // from graphql-request, to compare with Apollo's walk

console.log('graphql-request');

await check('graphql-request: introspection gives possibleTypes for Node and Entity', async () => {
  const data = await gr.request(POSSIBLE_TYPES);
  for (const t of data.__schema.types) {
    if (t.possibleTypes?.length) possibleTypes[t.name] = t.possibleTypes.map((p) => p.name);
  }
  assert(possibleTypes.Entity?.length === 7, `Entity implementations: ${possibleTypes.Entity}`);
  assert(possibleTypes.Node?.includes('Measure'), `Node implementations: ${possibleTypes.Node}`);
  return `Entity: ${possibleTypes.Entity.join(', ')}`;
});

await check('graphql-request: entity initiative:mpac-2025 with relations', async () => {
  const data = await gr.request(ENTITY_PAGE, { id: 'initiative:mpac-2025', first: GR_PAGE });
  const e = data.entity;
  assert(e?.id === 'initiative:mpac-2025', `entity ${JSON.stringify(e)?.slice(0, 200)}`);
  assert(e.kind === 'INITIATIVE' && e.name && e.nameEn, `names ${e.name} / ${e.nameEn}`);
  assert(e.relations.length > 0 && e.relations.every((r) => r.evidence?.id?.startsWith('measure:')), 'relations with evidence');
  assert(e.relationToPlan.length > 0, 'relationToPlan');
  return `${e.nameEn}: ${e.relations.length} relations, mentioned in ${e.mentionedIn.totalCount}`;
});

await check(`graphql-request: all measures, pages of ${GR_PAGE}`, async () => {
  const ids = [];
  let after = null;
  let total = null;
  let pages = 0;
  for (;;) {
    const { measures } = await gr.request(MEASURES_PAGE, { first: GR_PAGE, after });
    pages++;
    total ??= measures.totalCount;
    assert(measures.totalCount === total, `totalCount changed from ${total} to ${measures.totalCount}`);
    assert(measures.edges.length <= GR_PAGE, `page of ${measures.edges.length}`);
    ids.push(...measures.edges.map((e) => e.node.id));
    if (!measures.pageInfo.hasNextPage) break;
    assert(measures.pageInfo.endCursor === measures.edges.at(-1).cursor, 'endCursor is the last edge cursor');
    after = measures.pageInfo.endCursor;
    assert(pages < 100, 'more than 100 pages');
  }
  assertPagedAll('measures', ids, total);
  allMeasureIds = ids;
  return `${ids.length} measures = totalCount in ${pages} pages`;
});

await check(`graphql-request: all entities, pages of ${GR_PAGE}`, async () => {
  const ids = [];
  let after = null;
  let total = null;
  for (let pages = 0; ; pages++) {
    const { entities } = await gr.request(ENTITIES_PAGE, { first: GR_PAGE, after });
    total ??= entities.totalCount;
    ids.push(...entities.edges.map((e) => e.node.id));
    if (!entities.pageInfo.hasNextPage) break;
    after = entities.pageInfo.endCursor;
    assert(pages < 100, 'more than 100 pages');
  }
  assertPagedAll('entities', ids, total);
  return `${ids.length} entities = totalCount`;
});

await check('graphql-request: filtered measures (sectionPrefix 4.2, mentionsAny group:lmc-members), pages of 5', async () => {
  const out = [];
  for (const filter of [{ sectionPrefix: '4.2' }, { mentionsAny: ['group:lmc-members'] }]) {
    const ids = [];
    let after = null;
    let total = null;
    for (let pages = 0; ; pages++) {
      const { measures } = await gr.request(MEASURES_PAGE, { filter, first: 5, after });
      total ??= measures.totalCount;
      for (const e of measures.edges) {
        if (filter.sectionPrefix) {
          const n = e.node.section.number;
          assert(n === '4.2' || n.startsWith('4.2.'), `${e.node.id} in section ${n}`);
        } else {
          assert(e.node.mentions.some((m) => m.entity.id === 'group:lmc-members'), `${e.node.id} does not mention it`);
        }
      }
      ids.push(...measures.edges.map((e) => e.node.id));
      if (!measures.pageInfo.hasNextPage) break;
      after = measures.pageInfo.endCursor;
      assert(pages < 100, 'more than 100 pages');
    }
    assertPagedAll(JSON.stringify(filter), ids, total);
    out.push(`${Object.keys(filter)[0]}: ${total}`);
  }
  return out.join(', ');
});

await check('graphql-request: GET request (method: GET) with variables', async () => {
  const data = await grGet.request(ENTITY_PAGE, { id: 'mechanism:leaders-meeting', first: 5 });
  assert(data.entity?.id === 'mechanism:leaders-meeting', 'entity');
  assert(data.entity.convenesEvery?.value, `convenesEvery ${JSON.stringify(data.entity.convenesEvery)}`);
  return `${data.entity.name} convenes every ${data.entity.convenesEvery.value}`;
});

await check('graphql-request: unknown id gives a NOT_FOUND error and null data', async () => {
  try {
    await gr.request(ENTITY_PAGE, { id: 'initiative:no-such-thing', first: 5 });
  } catch (err) {
    assert(err instanceof ClientError, `not a ClientError: ${err}`);
    const codes = err.response.errors.map((e) => e.extensions?.code);
    assert(codes.includes('NOT_FOUND'), `codes ${codes}`);
    assert(err.response.data?.entity === null, `data ${JSON.stringify(err.response.data)}`);
    return `status ${err.response.status}, ${err.response.errors[0].message}`;
  }
  throw new Error('no error');
});

// Queries past each limit, as a client sends them: each must be refused
// with the limit's extensions.code, and the server must stay healthy.
const nest = (n, inner) => (n === 0 ? inner : `next { ${nest(n - 1, inner)} }`);
const LIMITS = [
  ['complexity', 'COMPLEXITY_LIMIT_EXCEEDED',
    '{ measures(first: 200) { nodes { mentions { entity { mentionedIn(first: 200) { nodes { id text } } } } } } }'],
  ['depth', 'DEPTH_LIMIT_EXCEEDED', `{ measures(first: 1) { nodes { ${nest(20, 'id')} } } }`],
  ['tokens', 'TOKEN_LIMIT_EXCEEDED',
    `{ ${Array.from({ length: 4000 }, (_, i) => `a${i}: __typename`).join(' ')} }`],
  ['body size', 'BODY_TOO_LARGE', `{ __typename }${' '.repeat(2 << 20)}`],
];
for (const [limit, code, query] of LIMITS) {
  await check(`graphql-request: a query past the ${limit} limit is refused with ${code}, the server stays healthy`, async () => {
    let refused;
    try {
      await gr.request(query);
    } catch (err) {
      assert(err instanceof ClientError, `not a ClientError: ${err}`);
      const codes = (err.response.errors ?? []).map((e) => e.extensions?.code);
      assert(codes.includes(code), `status ${err.response.status}, codes ${codes}`);
      assert(err.response.status >= 400 && err.response.status < 500, `status ${err.response.status}`);
      refused = `${err.response.status} ${err.response.errors[0].message}`;
    }
    assert(refused, 'the query was answered');
    for (const path of ['/healthz', '/readyz']) {
      const res = await fetch(`${origin}${path}`);
      assert(res.ok, `${path} ${res.status}`);
    }
    const { measures } = await gr.request(MEASURES_PAGE, { first: 1 });
    assert(measures.edges.length === 1, 'a normal query after it');
    return refused;
  });
}

// Informational: the largest page of the measure card query that the
// complexity limit lets through (typical apps ask for 20-50). Not a check.
{
  let largest = 0;
  const refused = [];
  for (const first of [200, 100, 50, 40, 30, 25, 20, 10]) {
    try {
      await gr.request(MEASURES_PAGE, { first });
      largest = first;
      break;
    } catch (err) {
      refused.push(`first: ${first}: ${err?.response?.errors?.[0]?.message ?? err}`);
    }
  }
  console.log(`  note  the measure card query is accepted up to first: ${largest}${refused.length ? `; refused: ${refused.join('; ')}` : ''}`);
}

console.log('Apollo Client');

function apolloClient(link) {
  return new ApolloClient({
    link,
    cache: new InMemoryCache({
      possibleTypes,
      typePolicies: {
        Query: { fields: { measures: relayStylePagination(['filter']) } },
        ...Object.fromEntries((possibleTypes.Entity ?? []).map((t) => [
          t, { fields: { mentionedIn: relayStylePagination(['section']) } },
        ])),
      },
    }),
  });
}

// Watches a query as a mounted component would: `until(pred)` resolves with
// the first complete result (loading false) whose data satisfies pred,
// waiting for the emissions that follow fetchMore (they arrive after
// fetchMore's promise resolves).
function watch(client, options) {
  const obs = client.watchQuery(options);
  let latest = null;
  let failure = null;
  const waiters = new Set();
  const settle = () => {
    for (const w of waiters) {
      if (failure) { waiters.delete(w); w.reject(failure); continue; }
      if (latest && !latest.loading && latest.data && w.pred(latest.data)) { waiters.delete(w); w.resolve(latest); }
    }
  };
  const sub = obs.subscribe({
    next: (r) => { if (r.error) failure = r.error; latest = r; settle(); },
    error: (e) => { failure = e; settle(); },
  });
  const until = (pred = () => true, ms = 10000) => new Promise((resolve, reject) => {
    const w = { pred, resolve, reject };
    const t = setTimeout(() => { waiters.delete(w); reject(new Error(`no matching result within ${ms} ms; last: networkStatus ${latest?.networkStatus}`)); }, ms);
    w.resolve = (v) => { clearTimeout(t); resolve(v); };
    w.reject = (e) => { clearTimeout(t); reject(e); };
    waiters.add(w);
    settle();
  });
  return { obs, sub, until };
}

const apolloLog = [];
const apollo = apolloClient(new HttpLink({ uri: url, fetch: recordingFetch(apolloLog) }));

await check('Apollo: entity initiative:mpac-2025 (cache-first, second read from cache)', async () => {
  const vars = { id: 'initiative:mpac-2025', first: 10 };
  const { data } = await apollo.query({ query: ENTITY_PAGE, variables: vars });
  const e = data.entity;
  assert(e?.__typename === 'Initiative' && e.id === 'initiative:mpac-2025', `entity ${JSON.stringify(e)?.slice(0, 200)}`);
  assert(e.relations.length > 0 && e.relationToPlan.length > 0, 'relations and relationToPlan');
  assert(e.mentionedIn.edges.length === e.mentionedIn.totalCount, 'mentionedIn fits in a page');
  const before = apolloLog.length;
  const again = await apollo.query({ query: ENTITY_PAGE, variables: vars });
  assert(apolloLog.length === before, 'the second read went to the network');
  assert(again.data.entity.name === e.name, 'cached name');
  // Normalized: the evidence measure is one cache object.
  const m = apollo.cache.extract()[`Measure:${e.relations[0].evidence.id}`];
  assert(m, 'the evidence measure is normalized in the cache');
  return `${e.__typename} ${e.nameEn}: ${e.relations.length} relations`;
});

await check(`Apollo: all measures with fetchMore and relayStylePagination, pages of ${PAGE}`, async () => {
  const { obs, sub, until } = watch(apollo, { query: MEASURES_PAGE, variables: { first: PAGE } });
  try {
    let { data } = await until();
    let fetches = 1;
    while (data.measures.pageInfo.hasNextPage) {
      const before = data.measures.edges.length;
      const more = await obs.fetchMore({ variables: { after: data.measures.pageInfo.endCursor } });
      const added = more.data.measures.edges.length;
      assert(added > 0, `fetchMore #${fetches + 1} got an empty page`);
      ({ data } = await until((d) => d.measures.edges.length >= before + added));
      fetches++;
      assert(data.measures.edges.length === before + added, `merged ${data.measures.edges.length} edges, want ${before + added}`);
      assert(fetches < 100, 'more than 100 pages');
    }
    const ids = data.measures.edges.map((e) => e.node.id);
    assertPagedAll('measures', ids, data.measures.totalCount);
    if (allMeasureIds) {
      assert(JSON.stringify(ids) === JSON.stringify(allMeasureIds), 'Apollo and graphql-request saw different orders');
    }
    const cached = Object.keys(apollo.cache.extract()).filter((k) => k.startsWith('Measure:')).length;
    assert(cached >= ids.length, `${cached} measures in the cache`);
    return `${ids.length} measures = totalCount in ${fetches} requests, same order as graphql-request`;
  } finally {
    sub.unsubscribe();
  }
});

await check('Apollo: an entity\'s mentionedIn (group:lmc-members) with fetchMore, pages of 5', async () => {
  const { obs, sub, until } = watch(apollo, {
    query: ENTITY_PAGE,
    variables: { id: 'group:lmc-members', first: 5 },
  });
  try {
    let { data } = await until();
    let fetches = 1;
    while (data.entity.mentionedIn.pageInfo.hasNextPage) {
      const before = data.entity.mentionedIn.edges.length;
      const more = await obs.fetchMore({ variables: { after: data.entity.mentionedIn.pageInfo.endCursor } });
      const added = more.data.entity.mentionedIn.edges.length;
      assert(added > 0, `fetchMore #${fetches + 1} got an empty page`);
      ({ data } = await until((d) => d.entity.mentionedIn.edges.length >= before + added));
      fetches++;
      assert(fetches < 100, 'more than 100 pages');
    }
    const ids = data.entity.mentionedIn.edges.map((e) => e.node.id);
    assertPagedAll('mentionedIn', ids, data.entity.mentionedIn.totalCount);
    assert(fetches > 1, 'only one page');
    return `${ids.length} measures = totalCount in ${fetches} requests`;
  } finally {
    sub.unsubscribe();
  }
});

await check('Apollo: an unknown id is a CombinedGraphQLErrors with NOT_FOUND', async () => {
  try {
    await apollo.query({ query: ENTITY_PAGE, variables: { id: 'country:XX', first: 5 }, fetchPolicy: 'network-only' });
  } catch (err) {
    const codes = (err.errors ?? []).map((e) => e.extensions?.code);
    assert(codes.includes('NOT_FOUND'), `${err.name}: ${err.message}`);
    return `${err.name}: ${err.message}`;
  }
  throw new Error('no error');
});

await check('Apollo: HttpLink asks for application/graphql-response+json and gets it', async () => {
  const r = apolloLog.find((x) => x.status === 200);
  assert(r, 'no request recorded');
  assert(/^application\/graphql-response\+json/.test(r.contentType), `content-type ${r.contentType}`);
  return r.contentType;
});

console.log('Apollo persisted queries (APQ)');

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

async function apqRound(useGETForHashedQueries) {
  // A query text this run has not sent before, so the server cannot know
  // its hash yet.
  const tag = `run_${randomUUID().replace(/-/g, '')}`;
  const query = gql`
    query ApqEntity($id: ID!) {
      ${tag}: __typename
      entity(id: $id) { id name nameEn: name(lang: EN) }
    }
  `;
  const mk = (log) => apolloClient(
    createPersistedQueryLink({ sha256, useGETForHashedQueries })
      .concat(new HttpLink({ uri: url, fetch: recordingFetch(log) })),
  );
  const variables = { id: 'initiative:rcep' };

  // First client: hash only -> PERSISTED_QUERY_NOT_FOUND -> query and hash.
  const log1 = [];
  const r1 = await mk(log1).query({ query, variables });
  assert(r1.data.entity?.id === 'initiative:rcep', `data ${JSON.stringify(r1.data)}`);
  assert(log1.length === 2, `first client sent ${log1.length} requests: ${JSON.stringify(log1.map((l) => [l.method, l.status, l.json?.errors?.[0]?.extensions?.code]))}`);
  const [miss, register] = log1;
  const hash = miss.body?.extensions?.persistedQuery?.sha256Hash;
  assert(hash && /^[0-9a-f]{64}$/.test(hash), `no sha256Hash in ${JSON.stringify(miss.body)}`);
  assert(!miss.body.query, 'the first request carried the query text');
  assert(miss.json?.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND', `first answer ${miss.status} ${JSON.stringify(miss.json)}`);
  assert(register.body?.query && register.body?.extensions?.persistedQuery?.sha256Hash === hash, 'the retry carries query and hash');
  assert(sha256(register.body.query) === hash, 'hash is the sha256 of the query text');
  assert(register.status === 200 && register.json?.data?.entity, `retry answer ${register.status}`);

  // Second client (fresh cache): hash only, answered from the server's APQ cache.
  const log2 = [];
  const r2 = await mk(log2).query({ query, variables });
  assert(r2.data.entity?.name === r1.data.entity.name, 'same data');
  assert(log2.length === 1, `second client sent ${log2.length} requests`);
  assert(!log2[0].body.query && log2[0].body.extensions?.persistedQuery?.sha256Hash === hash, 'hash only');
  if (useGETForHashedQueries) assert(log2[0].method === 'GET', `method ${log2[0].method}`);
  return `${log1.map((l) => `${l.method} ${l.status}`).join(', ')}; then ${log2[0].method} ${log2[0].status} hash only`;
}

await check('Apollo APQ over POST: miss, register, hit', () => apqRound(false));
await check('Apollo APQ over GET (useGETForHashedQueries): miss, register, hit', () => apqRound(true));

console.log(`clients-result passed=${passed} failed=${failed}`);
process.exit(failed > 0 ? 1 : 0);
