// Package web embeds the browser pages plangraph serves, so that the binary
// needs no files and no network at run time.
//
// GraphiQL is the query editor served at /: a small index.html and index.js
// of ours around the GraphiQL, React and ReactDOM builds vendored from npm
// (see graphiql/README.md for the versions and graphiql/update.sh to refresh
// them).
//
// Explore is the explorer page served at /explore: index.html, explore.js
// and explore.css of ours, talking to /graphql only, around the Cytoscape.js
// and fcose layout builds vendored from npm (see explore/vendor/README.md and
// explore/vendor/update.sh).
package web
