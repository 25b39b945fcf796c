package store

import (
	// The backends plangraph uses. memstore and sql/postgres register
	// themselves with Cayley; bolt files are opened through hidalgo's bbolt
	// (go.etcd.io/bbolt, the maintained fork) in openBolt.
	_ "github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
)
