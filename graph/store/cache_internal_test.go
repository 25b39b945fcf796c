package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// cachedNow runs cached under the read lock, as the Store's methods do.
func cachedNow[T any](ctx context.Context, s *Store, key cacheKey, compute func() (T, error)) (T, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return cached(ctx, s, key, compute)
}

func testQuads(n int) []quad.Quad {
	var qs []quad.Quad
	for i := range n {
		qs = append(qs, quad.Quad{Subject: quad.IRI(fmt.Sprintf("urn:s%d", i)), Predicate: quad.IRI("urn:p"), Object: quad.Int(i)})
	}
	return qs
}

func openTest(t *testing.T, spec string) *Store {
	t.Helper()
	s, err := Open(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestCachedOnce checks that readers asking at the same time for an
// answer not cached yet compute it once, and that when the reader
// computing it fails, another computes it.
func TestCachedOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, "memory")
	if _, err := s.Replace(ctx, testQuads(3)); err != nil {
		t.Fatal(err)
	}
	for _, failFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("first fails: %v", failFirst), func(t *testing.T) {
			key := cacheKey{op: "test", arg: fmt.Sprint(failFirst)}
			var calls atomic.Int32
			computing := make(chan struct{})
			compute := func() (int, error) {
				n := calls.Add(1)
				if n == 1 {
					close(computing)
					time.Sleep(50 * time.Millisecond) // the others wait meanwhile
					if failFirst {
						return 0, errors.New("first computation failed")
					}
				}
				return 42, nil
			}
			var wg sync.WaitGroup
			results := make([]int, 5)
			errs := make([]error, 5)
			for i := range results {
				if i == 1 {
					<-computing
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					results[i], errs[i] = cachedNow(ctx, s, key, compute)
				}()
			}
			wg.Wait()
			want := int32(1)
			if failFirst {
				want = 2
				if errs[0] == nil {
					t.Error("the failed computation returned no error")
				}
				results, errs = results[1:], errs[1:]
			}
			if got := calls.Load(); got != want {
				t.Errorf("computed %d times, want %d", got, want)
			}
			for i := range results {
				if results[i] != 42 || errs[i] != nil {
					t.Errorf("reader %d: %d, %v", i, results[i], errs[i])
				}
			}
			if v, _ := cachedNow(ctx, s, key, compute); v != 42 || calls.Load() != want {
				t.Errorf("cached answer %d after %d computations", v, calls.Load())
			}
		})
	}
}

// TestCachedScanCap checks that Scan answers are kept for a bounded
// number of predicate lists.
func TestCachedScanCap(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, "memory")
	if _, err := s.Replace(ctx, testQuads(3)); err != nil {
		t.Fatal(err)
	}
	for i := range 3 * opLimits["scan"] {
		if _, err := s.Scan(ctx, quad.IRI("urn:p"), quad.IRI(fmt.Sprintf("urn:q%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	s.cache.mu.Lock()
	n := s.cache.counts["scan"]
	s.cache.mu.Unlock()
	if n != opLimits["scan"] {
		t.Errorf("%d scans cached, want %d", n, opLimits["scan"])
	}
	if edges, err := s.Scan(ctx, quad.IRI("urn:p")); err != nil || len(edges) != 3 {
		t.Errorf("Scan beyond the cap: %d edges, %v", len(edges), err)
	}
}

// TestCachedStraddle checks, on PostgreSQL, that an answer computed while
// another process replaced the graph is computed again and not cached.
func TestCachedStraddle(t *testing.T) {
	base := os.Getenv("PLANGRAPH_TEST_POSTGRES")
	if base == "" {
		t.Skip("PLANGRAPH_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	spec := "postgres:" + testSchema(t, base)
	s, other := openTest(t, spec), openTest(t, spec)
	a, b := testQuads(3), testQuads(4)
	if _, err := s.Replace(ctx, a); err != nil {
		t.Fatal(err)
	}
	swap := func() {
		if _, err := other.Replace(ctx, b); err != nil {
			t.Fatal(err)
		}
		a, b = b, a
	}

	t.Run("cached", func(t *testing.T) {
		calls := 0
		compute := func() (int, error) {
			calls++
			if calls == 1 {
				swap()
			}
			return calls, nil
		}
		key := cacheKey{op: "test", arg: "once"}
		for range 2 {
			if v, err := cachedNow(ctx, s, key, compute); err != nil || v != 2 || calls != 2 {
				t.Errorf("answer %d (%v) after %d computations, want 2 after 2", v, err, calls)
			}
		}
	})
	t.Run("cachedMany", func(t *testing.T) {
		calls := 0
		compute := func(id string) (string, error) {
			calls++
			if calls == 1 {
				swap()
			}
			return fmt.Sprint(id, calls), nil
		}
		many := func() ([]string, error) {
			s.mu.RLock()
			defer s.mu.RUnlock()
			return cachedMany(ctx, s, "test", []string{"x", "y", "x"}, compute, func(string) bool { return true })
		}
		for range 2 {
			got, err := many()
			if want := []string{"x3", "y4", "x3"}; err != nil || !slices.Equal(got, want) || calls != 4 {
				t.Errorf("answers %v (%v) after %d computations, want %v after 4", got, err, calls, want)
			}
		}
	})
	t.Run("always changing", func(t *testing.T) {
		calls := 0
		compute := func() (int, error) {
			calls++
			swap()
			return calls, nil
		}
		key := cacheKey{op: "test", arg: "never"}
		for i := 1; i <= 2; i++ {
			if v, err := cachedNow(ctx, s, key, compute); err != nil || v != i*maxAttempts {
				t.Errorf("answer %d (%v), want %d", v, err, i*maxAttempts)
			}
		}
	})
}

// testSchema creates a schema of its own for one test, drops it when the
// test ends, and returns base with it as search path.
func testSchema(t *testing.T, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("plangraph_cache_test_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := db.Exec("CREATE SCHEMA " + name); err != nil {
		db.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
