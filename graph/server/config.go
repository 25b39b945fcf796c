package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Config holds every server setting; cmd/plangraph fills it from flags with
// PLANGRAPH_… environment defaults. Start from DefaultConfig: New refuses
// zero or negative limits and timeouts rather than guessing.
type Config struct {
	// Addr is the TCP address ListenAndServe listens on.
	Addr string
	// AllowedOrigins lists the origins (scheme://host[:port], one "*"
	// wildcard allowed inside, or "*" alone for any) whose browser pages may
	// call the API cross-origin. Empty allows same-origin pages only.
	AllowedOrigins []string
	// Introspection enables __schema and __type queries, /schema.graphql and
	// the schema's field suggestions in validation errors. GraphiQL needs it.
	Introspection bool
	// MaxComplexity is gqlgen's complexity limit for one operation.
	MaxComplexity int
	// MaxDepth is the deepest nesting of selection sets an operation may
	// have, counted through fragments; introspection fields do not count.
	MaxDepth int
	// MaxTokens is the parser's token limit for one query document.
	MaxTokens int
	// MaxBodyBytes is the largest POST body accepted; a larger one is
	// answered 413 with code BODY_TOO_LARGE.
	MaxBodyBytes int64
	// RequestTimeout bounds the work of one GraphQL request: its context's
	// deadline. Fields cut off answer code TIMEOUT; a request whose resolvers
	// ignore the deadline is answered TIMEOUT shortly after it regardless.
	RequestTimeout time.Duration
	// ReadHeaderTimeout bounds reading a request's headers.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a whole request, body included.
	ReadTimeout time.Duration
	// WriteTimeout bounds the time from the end of the request headers to
	// the end of the response; keep it above RequestTimeout.
	WriteTimeout time.Duration
	// IdleTimeout bounds how long a keep-alive connection waits for its next
	// request.
	IdleTimeout time.Duration
	// ShutdownTimeout bounds how long a shutdown waits for in-flight
	// requests to finish before it closes their connections.
	ShutdownTimeout time.Duration
	// MaxHeaderBytes bounds the size of a request's headers, URL included
	// (GET queries travel in the URL).
	MaxHeaderBytes int
	// APQCacheSize is how many automatic persisted queries the server
	// remembers (LRU).
	APQCacheSize int
	// Routes are more handlers to serve, by http.ServeMux pattern
	// ("GET /export"), behind the same logging, metrics and CORS.
	Routes map[string]http.Handler
}

// DefaultConfig returns the settings of a local read-only API server:
//
//	Addr               127.0.0.1:8080 (loopback: exposing it is a choice)
//	AllowedOrigins     ["*"]          (read-only, no cookies or credentials)
//	Introspection      true
//	MaxComplexity      5000           (a connection costs its page size times its items)
//	MaxDepth           12
//	MaxTokens          5000
//	MaxBodyBytes       1 MiB
//	RequestTimeout     10s
//	ReadHeaderTimeout  5s
//	ReadTimeout        15s
//	WriteTimeout       30s
//	IdleTimeout        120s
//	ShutdownTimeout    15s
//	MaxHeaderBytes     64 KiB
//	APQCacheSize       1000
func DefaultConfig() Config {
	return Config{
		Addr:              "127.0.0.1:8080",
		AllowedOrigins:    []string{"*"},
		Introspection:     true,
		MaxComplexity:     5000,
		MaxDepth:          12,
		MaxTokens:         5000,
		MaxBodyBytes:      1 << 20,
		RequestTimeout:    10 * time.Second,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ShutdownTimeout:   15 * time.Second,
		MaxHeaderBytes:    64 << 10,
		APQCacheSize:      1000,
	}
}

// validate reports the first setting New cannot use.
func (c Config) validate() error {
	ints := []struct {
		name string
		v    int64
	}{
		{"max complexity", int64(c.MaxComplexity)},
		{"max depth", int64(c.MaxDepth)},
		{"max tokens", int64(c.MaxTokens)},
		{"max body bytes", c.MaxBodyBytes},
		{"max header bytes", int64(c.MaxHeaderBytes)},
		{"apq cache size", int64(c.APQCacheSize)},
	}
	for _, f := range ints {
		if f.v <= 0 {
			return fmt.Errorf("%s must be positive, got %d", f.name, f.v)
		}
	}
	durations := []struct {
		name string
		v    time.Duration
	}{
		{"request timeout", c.RequestTimeout},
		{"read header timeout", c.ReadHeaderTimeout},
		{"read timeout", c.ReadTimeout},
		{"write timeout", c.WriteTimeout},
		{"idle timeout", c.IdleTimeout},
		{"shutdown timeout", c.ShutdownTimeout},
	}
	for _, f := range durations {
		if f.v <= 0 {
			return fmt.Errorf("%s must be positive, got %s", f.name, f.v)
		}
	}
	if c.WriteTimeout <= c.RequestTimeout+timeoutGrace(c.RequestTimeout) {
		return fmt.Errorf("write timeout %s must exceed the request timeout %s and its grace %s, or slow answers are cut off",
			c.WriteTimeout, c.RequestTimeout, timeoutGrace(c.RequestTimeout))
	}
	for _, o := range c.AllowedOrigins {
		if err := checkOrigin(o); err != nil {
			return err
		}
	}
	return nil
}

// checkOrigin reports an allowed-origin entry no browser could send.
func checkOrigin(o string) error {
	switch {
	case o == "*":
		return nil
	case o == "":
		return errors.New("allowed origin must not be empty")
	case strings.Count(o, "*") > 1:
		return fmt.Errorf("allowed origin %q: at most one * wildcard", o)
	case !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://"):
		return fmt.Errorf("allowed origin %q: want scheme://host[:port], such as https://example.org", o)
	case strings.Count(o, "/") > 2:
		return fmt.Errorf("allowed origin %q: an origin has no path, not even /", o)
	}
	return nil
}
