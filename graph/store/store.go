package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
)

// DefaultBoltPath is the bolt file that the spec "bolt" alone opens.
const DefaultBoltPath = "plangraph.db"

// Errors a store reports. Match them with errors.Is; the messages of the
// errors returned carry the id, spec or quad in question.
var (
	// ErrNotFound is matched by every error about an unknown id.
	ErrNotFound = errors.New("store: not found")
	// ErrUnknownBackend is matched by Open's error for a spec naming no
	// known backend.
	ErrUnknownBackend = errors.New("store: unknown backend")
	// ErrInvalidQuad is matched by Replace's error for a quad it refuses.
	ErrInvalidQuad = errors.New("store: invalid quad")
	// ErrInvalidFilter is matched by the error for a kind or predicate that
	// a query does not accept.
	ErrInvalidFilter = errors.New("store: invalid filter")
	// ErrClosed is returned by every method called after Close.
	ErrClosed = errors.New("store: closed")
)

// NotFoundError reports an id that names no node of the expected kind.
// It matches ErrNotFound.
type NotFoundError struct {
	// Kind is what was looked up: "node", "plan", "section", "measure".
	Kind string
	// ID is the readable id that was asked for.
	ID string
}

// Error implements error.
func (e *NotFoundError) Error() string { return fmt.Sprintf("store: %s %q not found", e.Kind, e.ID) }

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// sentinelError is an error with its own message that matches a sentinel.
type sentinelError struct {
	msg      string
	sentinel error
}

func (e *sentinelError) Error() string { return e.msg }
func (e *sentinelError) Unwrap() error { return e.sentinel }

func newError(sentinel error, format string, args ...any) error {
	return &sentinelError{msg: fmt.Sprintf(format, args...), sentinel: sentinel}
}

// backend names a Cayley backend family and the few places where their
// behaviour differs.
type backend int

const (
	backendMemory backend = iota
	backendBolt
	backendPostgres
)

var backendNames = map[backend]string{backendMemory: "memory", backendBolt: "bolt", backendPostgres: "postgres"}

// Backends returns the names of the backends Open accepts, sorted.
func Backends() []string { return []string{"bolt", "memory", "postgres"} }

// predicateIndex reports whether the backend can list the quads of one
// predicate from an index. Cayley's kv stores index (subject, predicate)
// and (object, predicate, subject) only, so a predicate lookup there is a
// scan of the whole store; one scan beats one per predicate.
func (b backend) predicateIndex() bool { return b != backendBolt }

// shared reports whether other processes may write the store while this
// one has it open: a PostgreSQL database may be shared by many replicas,
// while a memory store is private and a bolt file is locked by the one
// process that has it open.
func (b backend) shared() bool { return b == backendPostgres }

// Store is a plangraph graph in a Cayley quad store. Its methods are safe
// for concurrent use: Replace excludes every read, and each read sees one
// version of the graph from its first look-up to its last.
type Store struct {
	spec    string
	backend backend

	// mu orders Replace (write lock) against every read (read lock);
	// memstore is not safe for concurrent reads and writes, and holding
	// the lock for a whole read makes a multi-step read consistent.
	mu sync.RWMutex
	// allMu serialises creating all-quads iterators: memstore marks its
	// primitive list as shared when one is created, a write that
	// concurrent readers would race on.
	allMu sync.Mutex
	qs    graph.QuadStore
	// broken is set when a write failed on a kv store. Cayley's kv backend
	// caches node ids and bloom filters outside the transaction, so after a
	// rolled-back write those caches may name nodes that do not exist; the
	// store then refuses further writes until it is reopened.
	broken error
	// cache keeps the answers of whole-graph reads for the current version
	// of the graph (cache.go).
	cache readCache
}

// Open opens or creates the store a spec names:
//
//	memory          a new, empty in-memory store
//	bolt            the bolt file DefaultBoltPath
//	bolt:PATH       the bolt file PATH; a new file is created and initialised,
//	                its directory must exist
//	postgres:URL    the PostgreSQL database at URL (a postgres:// URL);
//	                Cayley's tables are created if they are missing
//
// A bolt file can be open in one process at a time; Open gives up after a
// second if another process holds it.
func Open(ctx context.Context, spec string) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("store: open %q: %w", spec, err)
	}
	name, arg, hasArg := strings.Cut(spec, ":")
	switch name {
	case "memory":
		if hasArg {
			return nil, fmt.Errorf("store: open %q: the memory backend takes no address", spec)
		}
		qs, err := graph.NewQuadStore(memstore.QuadStoreType, "", nil)
		if err != nil {
			return nil, fmt.Errorf("store: open memory: %w", err)
		}
		return &Store{spec: "memory", backend: backendMemory, qs: qs}, nil
	case "bolt":
		path := arg
		if !hasArg || path == "" {
			path = DefaultBoltPath
		}
		qs, err := openBolt(path)
		if err != nil {
			return nil, err
		}
		return &Store{spec: "bolt:" + path, backend: backendBolt, qs: qs}, nil
	case "postgres":
		if arg == "" {
			return nil, fmt.Errorf("store: open %q: postgres needs a URL, as in postgres:postgres://user@host:5432/db", spec)
		}
		qs, err := openPostgres(ctx, arg)
		if err != nil {
			return nil, err
		}
		return &Store{spec: "postgres:" + redact(arg), backend: backendPostgres, qs: qs}, nil
	}
	return nil, newError(ErrUnknownBackend, "store: open %q: unknown backend %q (known: %s)",
		redact(spec), name, strings.Join(Backends(), ", "))
}

// boltOptions turns off the kv store's bloom filters: Cayley sizes each for
// 100 million entries (about 80 MB apiece, four of them on a new store), far
// beyond a plan's few thousand quads, and the index look-ups they save are
// cheap at that size.
var boltOptions = graph.Options{kv.OptNoBloom: true}

func openBolt(path string) (graph.QuadStore, error) {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("store: open bolt %q: directory %q: %w", path, dir, err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("store: open bolt %q: %q is not a directory", path, dir)
	}
	db, err := hbolt.OpenPath(path)
	if err != nil {
		if err.Error() == "timeout" {
			return nil, fmt.Errorf("store: open bolt %q: file is locked, is another process using it?", path)
		}
		return nil, fmt.Errorf("store: open bolt %q: %w", path, err)
	}
	if err := kv.Init(db, boltOptions); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
		db.Close()
		return nil, fmt.Errorf("store: open bolt %q: initialise: %w", path, err)
	}
	qs, err := kv.New(db, boltOptions)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open bolt %q: %w", path, err)
	}
	return qs, nil
}

func openPostgres(ctx context.Context, addr string) (graph.QuadStore, error) {
	where := redact(addr)
	// Check the connection and the tables ourselves first: Cayley logs the
	// whole address, password included, when it cannot connect, and logs an
	// error on every start when its tables already exist.
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres %s: %w", where, err)
	}
	defer db.Close()
	var hasQuads, hasNodes bool
	err = db.QueryRowContext(ctx,
		`SELECT to_regclass('quads') IS NOT NULL, to_regclass('nodes') IS NOT NULL`).Scan(&hasQuads, &hasNodes)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres %s: %w", where, err)
	}
	switch {
	case hasQuads != hasNodes:
		return nil, fmt.Errorf("store: open postgres %s: found only one of the tables quads and nodes; drop it or restore the other", where)
	case !hasQuads:
		err := graph.InitQuadStore(postgres.Type, addr, nil)
		if err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			return nil, fmt.Errorf("store: open postgres %s: create tables: %w", where, err)
		}
	}
	qs, err := graph.NewQuadStore(postgres.Type, addr, nil)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres %s: %w", where, err)
	}
	return qs, nil
}

// redact masks the password of a URL, or of a spec ending in one.
func redact(s string) string {
	prefix := ""
	if name, rest, ok := strings.Cut(s, ":"); ok && name == "postgres" && !strings.HasPrefix(rest, "//") {
		prefix, s = name+":", rest
	}
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return prefix + s
	}
	return prefix + u.Redacted()
}

// Close closes the store. Calling it again does nothing.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.qs == nil {
		return nil
	}
	err := s.qs.Close()
	s.qs = nil
	if err != nil {
		return fmt.Errorf("store: close %s: %w", s.spec, err)
	}
	return nil
}

// Spec returns the spec of the store, as "memory", "bolt:PATH" or
// "postgres:URL", with any password in the URL masked so it can be logged.
func (s *Store) Spec() string { return s.spec }

// QuadStore returns the Cayley quad store underneath, for packages that
// stream quads themselves (dumps, exports), as a view that hides the
// store's bookkeeping quad (see Digest) from its listings and look-ups. It
// is nil after Close. Callers must not write to it: Replace is the only
// way in. Reading it directly is not synchronised with Replace (and the
// memory backend is not safe for a read during a write); use View when a
// Replace may run at the same time.
func (s *Store) QuadStore() graph.QuadStore {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil
	}
	return visibleQS{QuadStore: s.qs, s: s}
}

// View calls fn with the quad store underneath, as QuadStore returns it,
// while holding the store's read lock, so that fn sees one version of the
// graph and no Replace runs until it returns. fn must not write to qs nor
// call Replace or Close. View returns fn's error unchanged.
func (s *Store) View(fn func(qs graph.QuadStore) error) error {
	if err := s.rlock("view"); err != nil {
		return err
	}
	defer s.mu.RUnlock()
	return fn(visibleQS{QuadStore: s.qs, s: s})
}

// rlock takes the read lock and reports ErrClosed after Close; on success
// the caller must s.mu.RUnlock.
func (s *Store) rlock(op string) error {
	s.mu.RLock()
	if s.qs == nil {
		s.mu.RUnlock()
		return newError(ErrClosed, "store: %s: store is closed", op)
	}
	return nil
}
