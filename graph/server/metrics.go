package server

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Label limits: a client chooses operation names, so only the first
// maxOperations distinct ones get their own series; later ones are counted
// as "other". Codes are bounded the same way.
const (
	maxOperations = 100
	maxCodes      = 50
	otherLabel    = "other"
	noCodeLabel   = "NONE"
)

// metrics are the server's Prometheus collectors.
type metrics struct {
	gqlRequests  *prometheus.CounterVec
	gqlDuration  *prometheus.HistogramVec
	gqlErrors    *prometheus.CounterVec
	httpRequests *prometheus.CounterVec
	operations   *labelSet
	codes        *labelSet
}

// newMetrics creates the collectors and registers them with reg.
func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		gqlRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "plangraph_graphql_requests_total",
			Help: "GraphQL requests by operation name (\"anonymous\" for none, \"other\" past the first 100 names) and status (ok, or error when the response has errors or a 4xx/5xx code).",
		}, []string{"operation", "status"}),
		gqlDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "plangraph_graphql_request_duration_seconds",
			Help:    "Time to answer a GraphQL request, body read included, by operation name.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"operation"}),
		gqlErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "plangraph_graphql_errors_total",
			Help: "GraphQL errors returned, by operation name and extensions.code (NONE when absent).",
		}, []string{"operation", "code"}),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "plangraph_http_requests_total",
			Help: "HTTP requests by route (\"other\" for unknown paths) and status code.",
		}, []string{"path", "code"}),
		operations: newLabelSet(maxOperations, anonymous),
		codes:      newLabelSet(maxCodes, noCodeLabel),
	}
	for _, c := range []prometheus.Collector{m.gqlRequests, m.gqlDuration, m.gqlErrors, m.httpRequests} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register metrics: %w", err)
		}
	}
	return m, nil
}

// observeGraphQL counts one GraphQL request.
func (m *metrics) observeGraphQL(operation string, res result, d time.Duration) {
	op := m.operations.label(operation)
	status := "ok"
	if res.status >= 400 || len(res.codes) > 0 {
		status = "error"
	}
	m.gqlRequests.WithLabelValues(op, status).Inc()
	m.gqlDuration.WithLabelValues(op).Observe(d.Seconds())
	for _, c := range res.codes {
		if c == "" {
			c = noCodeLabel
		}
		m.gqlErrors.WithLabelValues(op, m.codes.label(c)).Inc()
	}
}

// observeHTTP counts one HTTP request.
func (m *metrics) observeHTTP(route string, status int) {
	m.httpRequests.WithLabelValues(route, strconv.Itoa(status)).Inc()
}

// labelSet admits the first n distinct values of a label and maps every
// later one to "other".
type labelSet struct {
	mu   sync.Mutex
	n    int
	seen map[string]struct{}
}

// newLabelSet returns a set of n values beside the always admitted ones.
func newLabelSet(n int, always ...string) *labelSet {
	s := &labelSet{n: n, seen: make(map[string]struct{}, n+len(always))}
	for _, v := range always {
		s.seen[v] = struct{}{}
	}
	s.n += len(always)
	return s
}

// label returns v if it is admitted, or "other".
func (s *labelSet) label(v string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.seen[v]; ok {
		return v
	}
	if len(s.seen) >= s.n {
		return otherLabel
	}
	s.seen[v] = struct{}{}
	return v
}
