package server

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// requestInfo is what handlers tell the request log about a request.
type requestInfo struct {
	operation string // GraphQL operation label, "" for other routes
}

type infoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(infoKey{}).(*requestInfo)
	return info
}

// observe logs one line per request and counts it by route and status.
// Health checks and metrics scrapes are logged at debug level, server
// errors (5xx) at error level, the rest at info.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{}
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), infoKey{}, info)))
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		route := routeOf(r.URL.Path)
		s.metrics.observeHTTP(route, status)

		level := slog.LevelInfo
		switch {
		case status >= 500:
			level = slog.LevelError
		case route == "/healthz" || route == "/readyz" || route == "/metrics":
			level = slog.LevelDebug
		}
		if !s.log.Enabled(r.Context(), level) {
			return
		}
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Int64("bytes", rec.bytes),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
		}
		if info.operation != "" {
			attrs = append(attrs, slog.String("operation", info.operation))
		}
		attrs = append(attrs, slog.String("remote", r.RemoteAddr))
		s.log.LogAttrs(r.Context(), level, "http request", attrs...)
	})
}

// routeOf maps a request path to the route label of the metrics, so that
// unknown paths cannot create series.
func routeOf(p string) string {
	switch p {
	case "/", "/graphql", "/schema.graphql", "/healthz", "/readyz", "/metrics":
		return p
	}
	if strings.HasPrefix(p, "/graphiql/") {
		return "/graphiql/"
	}
	return otherLabel
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
