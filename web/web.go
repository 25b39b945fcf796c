package web

import (
	"embed"
	"io/fs"
)

//go:embed graphiql/index.html graphiql/index.js graphiql/*.min.js graphiql/*.min.css graphiql/LICENSE.*
var graphiqlFiles embed.FS

// GraphiQL holds the GraphiQL page: index.html and index.js, the vendored
// GraphiQL, React and ReactDOM builds and their LICENSE files, all at its
// root. index.html expects the other files under graphiql/ next to it and
// GraphiQL's endpoint at graphql, both relative to the page's URL.
var GraphiQL fs.FS = sub(graphiqlFiles, "graphiql")

//go:embed explore/index.html explore/explore.js explore/explore.css explore/vendor/*.js explore/vendor/LICENSE.*
var exploreFiles embed.FS

// Explore holds the explorer page: index.html, explore.js and explore.css at
// its root, and under vendor/ the Cytoscape.js, cytoscape-fcose, cose-base
// and layout-base builds with their LICENSE files (see
// explore/vendor/README.md). Like GraphiQL's, index.html expects the other
// files under explore/ next to it (serve it at /explore and the rest at
// /explore/…) and the GraphQL endpoint at graphql, both relative to the
// page's URL. It loads scripts and styles only from files (no inline code),
// so it runs under a Content-Security-Policy of 'self'.
var Explore fs.FS = sub(exploreFiles, "explore")

// sub is fs.Sub for a directory that go:embed guarantees to exist.
func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic("web: " + err.Error())
	}
	return s
}
