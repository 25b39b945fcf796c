package schema

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed *.graphqls
var graphqlFiles embed.FS

// SDL returns the GraphQL schema: every *.graphqls file of this package,
// in name order, as the server publishes it at /schema.graphql.
func SDL() string {
	names, _ := fs.Glob(graphqlFiles, "*.graphqls")
	var b strings.Builder
	for _, n := range names {
		data, _ := graphqlFiles.ReadFile(n)
		b.Write(data)
		if !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
