package store

import (
	"context"
	"fmt"
	"strconv"
	"sync"
)

// The read cache keeps the answers of the whole-graph reads (a plan's
// measures and sections, the nodes of a kind, Stats, Count, Scan) and of
// per-id batch reads (measures, mentions, relations by id) for one version
// of the graph, so that repeated requests on an unchanged graph cost a
// version check and a copy.
//
// The version is what makes a cached answer current:
//
//   - memory and bolt: a counter of this Store's writes. Nobody else
//     writes these stores (a bolt file is locked by the process that has it
//     open), so the counter changes exactly when the graph does.
//   - PostgreSQL: the content digest that Replace stores with the content
//     in one transaction (meta.go), read with one index look-up by every
//     cached read. A Replace by another replica changes it, so the next read
//     here misses and reads the new graph. Without a digest (a store that an
//     older plangraph wrote) nothing is cached.
//
// Every cached read runs under the read lock, as uncached reads do, and
// Replace clears the cache under the write lock, so within a process a
// reader sees the old graph or the new one. On PostgreSQL an answer is
// computed with several queries; it is kept only when the digest read after
// them equals the one read before, and otherwise computed again (up to
// maxAttempts times), so an answer computed while another replica replaced
// the graph is never cached.
//
// Only the current version's answers are kept: a read that finds another
// version drops them all. Per-id answers are kept only when not empty, so
// the cache holds at most about the graph itself, whatever ids are asked
// for, and the number of distinct Scan predicate lists kept is capped.
//
// Cached values are shared by every caller: the methods that return them
// return copies of the slices, and the maps and slices inside a Node,
// Section or Measure (Labels, AltLabels, Props, PillarIDs, …) are shared and
// must be treated as read-only.

// maxAttempts bounds how often a cached read on PostgreSQL is computed
// again because another process changed the graph meanwhile; the last
// attempt's answer is returned uncached, as an uncached read would return
// it.
const maxAttempts = 3

// opLimits caps the entries of an operation whose keys callers choose
// freely.
var opLimits = map[string]int{"scan": 16}

type cacheKey struct {
	op, arg string
}

// cacheEntry is one answer, computed once however many readers want it at
// the same time.
type cacheEntry struct {
	done chan struct{} // closed when val and ok are set
	val  any
	ok   bool // false: the computation failed, ask again
}

type readCache struct {
	// gen counts this Store's writes; written under the Store's write
	// lock, read under its read lock.
	gen uint64

	mu      sync.Mutex
	version string // the version entries and memos belong to
	entries map[cacheKey]*cacheEntry
	counts  map[string]int            // entries per op
	memos   map[string]map[string]any // per-id answers, by op and id
}

// reset drops every answer and makes v the current version; c.mu is held.
func (c *readCache) reset(v string) {
	c.version = v
	c.entries = make(map[cacheKey]*cacheEntry)
	c.counts = make(map[string]int)
	c.memos = make(map[string]map[string]any)
}

// invalidate drops every answer after a write; the Store's write lock is
// held.
func (s *Store) invalidate() {
	s.cache.gen++
	s.cache.mu.Lock()
	s.cache.reset("")
	s.cache.mu.Unlock()
}

// version returns the version of the graph as the cache names it, or ""
// when answers must not be cached. The read lock is held.
func (s *Store) version(ctx context.Context) (string, error) {
	if !s.backend.shared() {
		return "gen:" + strconv.FormatUint(s.cache.gen, 10), nil
	}
	d, err := s.storedDigest(ctx)
	if err != nil {
		return "", fmt.Errorf("store: read the graph's digest: %w", err)
	}
	if d == "" {
		return "", nil
	}
	return "digest:" + d, nil
}

// claim returns the entry of key for version v and whether the caller
// must compute it; nil when the key is not to be cached.
func (c *readCache) claim(v string, key cacheKey) (*cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != v || c.entries == nil {
		c.reset(v)
	}
	if e := c.entries[key]; e != nil {
		return e, false
	}
	if limit := opLimits[key.op]; limit > 0 && c.counts[key.op] >= limit {
		return nil, false
	}
	e := &cacheEntry{done: make(chan struct{})}
	c.entries[key] = e
	c.counts[key.op]++
	return e, true
}

// finish publishes the answer of an entry the caller claimed; ok false
// drops the entry, so that the next reader computes it again.
func (c *readCache) finish(key cacheKey, e *cacheEntry, val any, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e.val, e.ok = val, ok
	close(e.done)
	if !ok && c.entries[key] == e {
		delete(c.entries, key)
		c.counts[key.op]--
	}
}

// cached returns compute's answer for key on the current version of the
// graph, computing it at most once per version however many readers ask
// at the same time. Errors are not cached. The read lock is held.
func cached[T any](ctx context.Context, s *Store, key cacheKey, compute func() (T, error)) (T, error) {
	var zero T
	for attempt := 1; ; attempt++ {
		v, err := s.version(ctx)
		if err != nil {
			return zero, err
		}
		if v == "" {
			return compute()
		}
		e, mine := s.cache.claim(v, key)
		if e == nil {
			return compute()
		}
		if !mine {
			select {
			case <-e.done:
			case <-ctx.Done():
				return zero, fmt.Errorf("store: %s: %w", key.op, ctx.Err())
			}
			if e.ok {
				return e.val.(T), nil
			}
			// The reader computing it failed (its context ended, say):
			// try again, computing it if nobody else does.
			continue
		}
		val, err := compute()
		if err != nil {
			s.cache.finish(key, e, nil, false)
			return zero, err
		}
		if s.backend.shared() {
			after, err := s.version(ctx)
			if err != nil {
				s.cache.finish(key, e, nil, false)
				return zero, err
			}
			if after != v {
				// Another process replaced the graph meanwhile: the
				// answer may mix both graphs.
				s.cache.finish(key, e, nil, false)
				if attempt < maxAttempts {
					continue
				}
				return val, nil
			}
		}
		s.cache.finish(key, e, val, true)
		return val, nil
	}
}

// cachedMany returns, for each id, compute's answer on the current
// version of the graph, computing only those not cached (each distinct id
// once). Answers that keep rejects (empty ones) are not cached. The read
// lock is held.
func cachedMany[T any](ctx context.Context, s *Store, op string, ids []string,
	compute func(id string) (T, error), keep func(T) bool) ([]T, error) {
	if len(ids) == 0 {
		return []T{}, nil
	}
	for attempt := 1; ; attempt++ {
		v, err := s.version(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]T, len(ids))
		var missing []string
		seen := make(map[string]bool)
		if v != "" {
			s.cache.mu.Lock()
			if s.cache.version != v || s.cache.memos == nil {
				s.cache.reset(v)
			}
			memo := s.cache.memos[op]
			for i, id := range ids {
				if a, ok := memo[id]; ok {
					out[i] = a.(T)
				} else if !seen[id] {
					seen[id] = true
					missing = append(missing, id)
				}
			}
			s.cache.mu.Unlock()
		} else {
			for _, id := range ids {
				if !seen[id] {
					seen[id] = true
					missing = append(missing, id)
				}
			}
		}
		if len(missing) == 0 {
			return out, nil
		}
		computed := make(map[string]T, len(missing))
		for _, id := range missing {
			a, err := compute(id)
			if err != nil {
				return nil, err
			}
			computed[id] = a
		}
		for i, id := range ids {
			if a, ok := computed[id]; ok {
				out[i] = a
			}
		}
		if v == "" {
			return out, nil
		}
		if s.backend.shared() {
			after, err := s.version(ctx)
			if err != nil {
				return nil, err
			}
			if after != v {
				if attempt < maxAttempts {
					continue
				}
				return out, nil
			}
		}
		s.cache.mu.Lock()
		if s.cache.version == v {
			memo := s.cache.memos[op]
			if memo == nil {
				memo = make(map[string]any)
				s.cache.memos[op] = memo
			}
			for id, a := range computed {
				if keep(a) {
					memo[id] = a
				}
			}
		}
		s.cache.mu.Unlock()
		return out, nil
	}
}
