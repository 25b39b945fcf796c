// Starts GraphiQL against this server's /graphql endpoint (resolved against
// the page's own URL, so a path prefix in front of the server still works).
(function () {
  'use strict';
  var fetcher = GraphiQL.createFetcher({
    url: new URL('graphql', window.location.href).toString(),
  });
  var defaultQuery = [
    '# plangraph: a cooperation plan as a knowledge graph.',
    '#',
    '# The Docs panel (book icon) describes the schema.',
    '# Ctrl-Space completes, Ctrl-Enter runs the query.',
    '# Request headers go into the Headers tab below.',
    '',
    '{',
    '  __typename',
    '}',
    '',
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: true,
    }),
  );
})();
