package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"

	"plangraph/web"
)

// corsMaxAge is how long, in seconds, browsers may cache a preflight answer.
const corsMaxAge = 3600

// errShuttingDown is why /readyz fails while the server drains.
var errShuttingDown = errors.New("server: shutting down")

// Server is the plangraph HTTP server: GraphQL at /graphql, GraphiQL at /,
// the SDL at /schema.graphql, /healthz, /readyz and /metrics.
type Server struct {
	cfg     Config
	log     *slog.Logger
	ready   func(context.Context) error
	metrics *metrics
	handler http.Handler

	draining atomic.Bool

	mu   sync.Mutex
	addr string
}

// New wires the handler. es is the gqlgen executable schema
// (generated.NewExecutableSchema(…)), sdl the schema text served at
// /schema.graphql, ready reports whether the store is open and answering
// (for /readyz; nil means always ready), log receives the request log and
// internal errors, and reg receives the server's metrics (and is what
// /metrics exposes: register Go and process collectors there too if
// wanted). New fails on an invalid Config or when reg already holds the
// server's metrics.
func New(cfg Config, es graphql.ExecutableSchema, sdl string, ready func(context.Context) error, log *slog.Logger, reg *prometheus.Registry) (*Server, error) {
	if es == nil {
		return nil, errors.New("server: no executable schema")
	}
	if log == nil {
		return nil, errors.New("server: no logger")
	}
	if reg == nil {
		return nil, errors.New("server: no prometheus registry")
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("server: config: %w", err)
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	index, files, err := pageAssets(web.GraphiQL)
	if err != nil {
		return nil, fmt.Errorf("server: graphiql: %w", err)
	}
	exploreIndex, exploreFiles, err := pageAssets(web.Explore)
	if err != nil {
		return nil, fmt.Errorf("server: explorer: %w", err)
	}
	s := &Server{cfg: cfg, log: log, ready: ready, metrics: m}

	gql := &graphqlHandler{gql: newGQLGen(cfg, es, log), cfg: cfg, log: log, metrics: m}
	mux := http.NewServeMux()
	mux.Handle("/graphql", gql)
	mux.Handle("GET /{$}", pageIndex(index, graphiqlCSP))
	mux.Handle("GET /graphiql/", pageFiles("/graphiql/", files))
	// The explorer's index.html links its files relative to /explore.
	mux.Handle("GET /explore", pageIndex(exploreIndex, exploreCSP))
	mux.Handle("GET /explore/{$}", http.RedirectHandler("/explore", http.StatusMovedPermanently))
	mux.Handle("GET /explore/", pageFiles("/explore/", exploreFiles))
	if cfg.Introspection {
		mux.Handle("GET /schema.graphql", newAsset("schema.graphql", "text/plain; charset=utf-8", []byte(sdl)))
	}
	mux.HandleFunc("GET /healthz", healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelError),
		Registry: reg,
	}))

	for pattern, h := range cfg.Routes {
		mux.Handle(pattern, h)
	}
	var h http.Handler = mux
	if len(cfg.AllowedOrigins) > 0 {
		h = cors.New(cors.Options{
			AllowedOrigins: cfg.AllowedOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowedHeaders: []string{
				"Content-Type", "Accept", "Authorization",
				// Sent by Apollo Client when it is given a name and version.
				"Apollographql-Client-Name", "Apollographql-Client-Version",
			},
			MaxAge: corsMaxAge,
		}).Handler(h)
	}
	s.handler = s.observe(h)
	return s, nil
}

// Handler returns the server's whole HTTP handler, for tests and for
// embedding in another server.
func (s *Server) Handler() http.Handler { return s.handler }

// ListenAndServe listens on Config.Addr and serves until ctx is cancelled,
// as Serve does.
func (s *Server) ListenAndServe(ctx context.Context) error {
	if s.cfg.Addr == "" {
		return errors.New("server: no listen address")
	}
	l, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("server: listen: %w", err)
	}
	return s.Serve(ctx, l)
}

// Serve serves HTTP on l until ctx is cancelled (main cancels it on SIGINT
// or SIGTERM), then shuts down gracefully: it stops accepting connections,
// fails /readyz, and waits up to Config.ShutdownTimeout for in-flight
// requests to finish before closing what is left. It returns nil after a
// clean shutdown. Serve closes l.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	s.mu.Lock()
	s.addr = l.Addr().String()
	s.mu.Unlock()

	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    s.cfg.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.log.InfoContext(ctx, "serving", slog.String("addr", s.Addr()))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: serve: %w", err)
	case <-ctx.Done():
	}

	s.draining.Store(true)
	s.log.InfoContext(ctx, "shutting down", slog.Duration("timeout", s.cfg.ShutdownTimeout))
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: serve: %w", err)
	}
	return nil
}

// Addr returns the address the server listens on once Serve has started
// (the real port when Config.Addr asked for port 0), and "" before.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}
