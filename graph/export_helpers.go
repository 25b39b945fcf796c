package graph

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"unicode/utf8"

	"plangraph/graph/analysis"
	"plangraph/graph/export"
	"plangraph/graph/model"
)

// maxInlineExport is the largest export the GraphQL field returns inline;
// larger ones are fetched from GET /export.
const maxInlineExport = 1 << 20

// cappedBuffer keeps the first max bytes written and counts the rest.
type cappedBuffer struct {
	buf  bytes.Buffer
	max  int
	size int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	c.size += len(p)
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// runExport answers the export field.
func runExport(ctx context.Context, ex Exporter, sel export.Selection, format model.ExportFormat) (*model.ExportResult, error) {
	if ex == nil {
		return nil, errors.New("graph: exports are not available on this server")
	}
	name := strings.ToLower(string(format))
	f, ok := export.Lookup(name)
	if !ok {
		return nil, badInput("unknown export format %s", format)
	}
	out := &cappedBuffer{max: maxInlineExport + 1}
	res, err := ex.Export(ctx, sel, f, out)
	if err != nil {
		if errors.Is(err, export.ErrInvalid) || errors.Is(err, analysis.ErrInvalid) {
			return nil, badInput("%s", err.Error())
		}
		return nil, err
	}
	r := &model.ExportResult{
		Format: format, MimeType: f.MIME, FileName: sel.FileName(f), Encoding: "utf-8",
		Size: out.size, TooLarge: out.size > maxInlineExport, URL: "/export?" + sel.Query(name).Encode(),
		NodeCount: res.Nodes, EdgeCount: res.Edges,
	}
	if f.Binary {
		r.Encoding = "base64"
	}
	if !r.TooLarge {
		var content string
		if f.Binary || !utf8.Valid(out.buf.Bytes()) {
			r.Encoding = "base64"
			content = base64.StdEncoding.EncodeToString(out.buf.Bytes())
		} else {
			content = out.buf.String()
		}
		r.Content = &content
	}
	return r, nil
}
