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

// sub is fs.Sub for a directory that go:embed guarantees to exist.
func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic("web: " + err.Error())
	}
	return s
}
