package store

import (
	// Backends plangraph uses; each registers itself with Cayley.
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"
	_ "github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
)
