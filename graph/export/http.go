package export

import (
	"bufio"
	"errors"
	"log/slog"
	"mime"
	"net/http"

	"plangraph/graph/analysis"
	"plangraph/graph/store"
)

// Handler serves GET /export?seed=…&depth=…&format=…: the export streamed
// with its Content-Type and a Content-Disposition naming the file. A bad
// parameter answers 400, an unknown seed 404, both as text naming the
// problem.
func Handler(st *store.Store, an *analysis.Analyzer, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sel, f, err := ParseQuery(r.URL.Query())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		// Collect first, so that an error still gets its status code.
		g, err := Collect(r.Context(), st, an, sel)
		switch {
		case errors.Is(err, ErrInvalid), errors.Is(err, analysis.ErrInvalid):
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		case errors.Is(err, store.ErrNotFound):
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		case err != nil:
			log.ErrorContext(r.Context(), "export", slog.String("error", err.Error()))
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", f.MIME)
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": sel.FileName(f)}))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		bw := bufio.NewWriterSize(w, 64<<10)
		err = f.Write(bw, g)
		if err == nil {
			err = bw.Flush()
		}
		if err != nil {
			// The status is sent: all that is left is to stop and log it.
			log.ErrorContext(r.Context(), "export write", slog.String("error", err.Error()))
		}
	})
}
