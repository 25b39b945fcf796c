package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/peterbourgon/ff/v3/ffcli"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"plangraph/graph"
	"plangraph/graph/analysis"
	"plangraph/graph/export"
	"plangraph/graph/server"
	"plangraph/graph/store"
	"plangraph/loader"
	"plangraph/schema"
)

// serveConfig holds the serve subcommand's settings.
type serveConfig struct {
	store     string
	origins   string
	logLevel  string
	logFormat string
	load      loadConfig
	server    server.Config
}

func newServeCmd(stdout, stderr io.Writer) *ffcli.Command {
	fs := newFlagSet("serve", stderr)
	c := serveConfig{server: server.DefaultConfig()}
	sc := &c.server
	fs.StringVar(&c.store, "store", defaultStore, "graph store: bolt:PATH, memory, or postgres:URL")
	fs.StringVar(&sc.Addr, "addr", sc.Addr, "address to listen on")
	fs.StringVar(&c.origins, "cors-origins", strings.Join(sc.AllowedOrigins, ","), "comma-separated origins allowed to call the API from browsers (* for any, empty for same-origin only)")
	fs.BoolVar(&sc.Introspection, "introspection", sc.Introspection, "allow schema introspection (GraphiQL needs it)")
	fs.IntVar(&sc.MaxComplexity, "max-complexity", sc.MaxComplexity, "largest query complexity (a connection costs its page size times its items)")
	fs.IntVar(&sc.MaxDepth, "max-depth", sc.MaxDepth, "deepest nesting of selection sets")
	fs.IntVar(&sc.MaxTokens, "max-tokens", sc.MaxTokens, "most tokens in one query document")
	fs.Int64Var(&sc.MaxBodyBytes, "max-body", sc.MaxBodyBytes, "largest request body in bytes")
	fs.DurationVar(&sc.RequestTimeout, "timeout", sc.RequestTimeout, "time limit of one GraphQL request")
	fs.DurationVar(&sc.ReadHeaderTimeout, "read-header-timeout", sc.ReadHeaderTimeout, "HTTP server timeout for reading request headers")
	fs.DurationVar(&sc.ReadTimeout, "read-timeout", sc.ReadTimeout, "HTTP server read timeout")
	fs.DurationVar(&sc.WriteTimeout, "write-timeout", sc.WriteTimeout, "HTTP server write timeout")
	fs.DurationVar(&sc.IdleTimeout, "idle-timeout", sc.IdleTimeout, "HTTP keep-alive idle timeout")
	fs.IntVar(&sc.MaxHeaderBytes, "max-header-bytes", sc.MaxHeaderBytes, "largest request headers (GET queries travel in the URL)")
	fs.IntVar(&sc.APQCacheSize, "apq-cache-size", sc.APQCacheSize, "automatic persisted queries remembered")
	fs.DurationVar(&sc.ShutdownTimeout, "shutdown-timeout", sc.ShutdownTimeout, "how long shutdown waits for in-flight requests")
	fs.StringVar(&c.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&c.load.plan, "plan", "", "plan text to load when the store is empty (default: the embedded LMC plan)")
	fs.StringVar(&c.load.catalog, "catalog", "", "entity catalog for that load (default: the embedded catalog)")
	return &ffcli.Command{
		Name:       "serve",
		ShortUsage: "plangraph serve [--addr HOST:PORT] [--store SPEC] [flags]",
		ShortHelp:  "serve the graph as GraphQL (GraphiQL at /, the API at /graphql)",
		LongHelp: "serve answers GraphQL at /graphql (GET and POST, GraphQL over HTTP), serves GraphiQL at /,\n" +
			"the schema at /schema.graphql, /healthz, /readyz and Prometheus metrics at /metrics.\n" +
			"An empty store is first loaded with the embedded plan (or --plan). SIGINT or SIGTERM\n" +
			"stops it after the requests in flight are answered. Every flag can also be set in the\n" +
			"environment as PLANGRAPH_<FLAG>, '-' written '_' (PLANGRAPH_MAX_DEPTH=8).",
		FlagSet: fs,
		Options: envOptions(),
		Exec: func(ctx context.Context, args []string) error {
			if err := noArgs(args); err != nil {
				return err
			}
			c.load.store = c.store
			c.server.AllowedOrigins = splitList(c.origins)
			log, err := newLogger(c.logLevel, c.logFormat, stderr)
			if err != nil {
				return err
			}
			return runServe(ctx, c, log, stdout)
		},
	}
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// newLogger builds the process's logger.
func newLogger(level, format string, w io.Writer) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("bad --log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: l}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usagef("bad --log-format %q: want text or json", format)
}

func runServe(ctx context.Context, c serveConfig, log *slog.Logger, stdout io.Writer) error {
	srv, st, err := newServer(ctx, c, log)
	if err != nil {
		return err
	}
	defer st.Close()
	log.Info("graph ready", "store", st.Spec())
	if err := srv.ListenAndServe(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// newServer opens the store, loads it if it is empty and builds the HTTP
// server over it. The caller closes the store.
func newServer(ctx context.Context, c serveConfig, log *slog.Logger) (*server.Server, *store.Store, error) {
	st, err := store.Open(ctx, c.store)
	if err != nil {
		return nil, nil, err
	}
	if err := loadIfEmpty(ctx, st, c.load, log); err != nil {
		st.Close()
		return nil, nil, err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	ready := func(ctx context.Context) error {
		_, err := st.Count(ctx)
		return err
	}
	an := analysis.New(st)
	cfg := c.server
	cfg.Routes = map[string]http.Handler{"GET /export": export.Handler(st, an, log)}
	es := graph.NewExecutableSchema(st, an, graph.WithExporter(export.Exporter{Store: st, Analyzer: an}))
	srv, err := server.New(cfg, es, schema.SDL(), ready, log, reg)
	if err != nil {
		st.Close()
		return nil, nil, usagef("%v", err)
	}
	return srv, st, nil
}

// loadIfEmpty loads the configured plan into an empty store.
func loadIfEmpty(ctx context.Context, st *store.Store, c loadConfig, log *slog.Logger) error {
	empty, err := st.Empty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return nil
	}
	start := time.Now()
	p, cat, err := readInputs(c)
	if err != nil {
		return err
	}
	res, err := loader.Load(p, cat)
	if err != nil {
		return err
	}
	rs, err := st.Replace(ctx, res.Quads)
	if err != nil {
		return fmt.Errorf("load %s into %s: %w", p.Source, st.Spec(), err)
	}
	log.Info("loaded an empty store", "plan", schema.PlanID(p.Slug), "source", p.Source, "quads", rs.Total,
		"duration_ms", time.Since(start).Milliseconds())
	return nil
}
