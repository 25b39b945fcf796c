package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// readyTimeout bounds one readiness check.
const readyTimeout = 2 * time.Second

// graphiqlCSP is the Content-Security-Policy of the GraphiQL page: scripts
// and everything else from this server only; GraphiQL sets inline styles and
// its CSS carries its fonts as data: URLs.
const graphiqlCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"font-src 'self' data:; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// asset is a file served from memory with an ETag.
type asset struct {
	name        string
	contentType string
	etag        string
	data        []byte
}

func newAsset(name, contentType string, data []byte) *asset {
	sum := sha256.Sum256(data)
	return &asset{name: name, contentType: contentType, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, data: data}
}

// ServeHTTP serves the asset; the client revalidates it each time (ETag),
// so a new binary's files are seen at once.
func (a *asset) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(a.data))
}

// exploreCSP is the Content-Security-Policy of the explorer page: nothing
// but this server's scripts, styles and API.
const exploreCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// pageAssets loads the files of an embedded page (GraphiQL, the explorer):
// its index.html and the other files by their paths.
func pageAssets(fsys fs.FS) (index *asset, files map[string]*asset, err error) {
	files = map[string]*asset{}
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" || strings.HasPrefix(name, "LICENSE") {
			ct = "text/plain; charset=utf-8"
		}
		a := newAsset(name, ct, data)
		if name == "index.html" {
			index = a
			return nil
		}
		files[name] = a
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("load page: %w", err)
	}
	if index == nil {
		return nil, nil, errors.New("load page: no index.html")
	}
	return index, files, nil
}

// pageIndex serves a page's index.html under a strict CSP.
func pageIndex(index *asset, csp string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Referrer-Policy", "no-referrer")
		index.ServeHTTP(w, r)
	})
}

// pageFiles serves a page's other files under prefix ("/graphiql/").
func pageFiles(prefix string, files map[string]*asset) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := files[strings.TrimPrefix(r.URL.Path, prefix)]
		if !ok {
			http.NotFound(w, r)
			return
		}
		a.ServeHTTP(w, r)
	})
}

// healthz answers 200 "ok" while the process serves HTTP at all.
func healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz answers 200 "ok" when ready returns nil within readyTimeout, and
// 503 with the reason otherwise, or while the server shuts down.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	err := s.checkReady(r.Context())
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = fmt.Fprintf(w, "not ready: %v\n", err)
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

func (s *Server) checkReady(ctx context.Context) error {
	if s.draining.Load() {
		return errShuttingDown
	}
	if s.ready == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- s.ready(ctx) }()
	select {
	case err := <-errc:
		if err == nil && ctx.Err() != nil {
			// Answered, but too late to count as ready.
			return fmt.Errorf("readiness check: %w", ctx.Err())
		}
		return err
	case <-ctx.Done():
		return fmt.Errorf("readiness check: %w", ctx.Err())
	}
}
