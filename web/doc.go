// Package web embeds the browser pages plangraph serves, so that the binary
// needs no files and no network at run time.
//
// GraphiQL is the query editor served at /: a small index.html and index.js
// of ours around the GraphiQL, React and ReactDOM builds vendored from npm
// (see graphiql/README.md for the versions and graphiql/update.sh to refresh
// them). The explorer page lives beside it.
package web
