package export_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"plangraph/graph/export"
)

// xmlChar reports whether XML 1.0 can hold r.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// FuzzWrite writes a graph whose ids and texts are the fuzzer's in every
// format and reads it back.
func FuzzWrite(f *testing.F) {
	f.Add("KH", fixtureText)
	f.Add("a/b c\\\"", fixtureText2)
	f.Add("x", `\`)
	f.Add("_5F", "\r")
	f.Add("中国", "<![CDATA[ ]]> &amp; \\n \\\" \"\"")
	f.Fuzz(func(t *testing.T, id, text string) {
		if id == "" || !utf8.ValidString(id) || !utf8.ValidString(text) || strings.IndexFunc(id+text, func(r rune) bool { return !xmlChar(r) }) >= 0 {
			t.Skip()
		}
		g := &export.Graph{
			Nodes: []export.Node{
				{ID: "country:" + id, Kind: "Country", LabelZH: text, LabelEN: text},
				{ID: "measure:" + id + "/1", Kind: "Measure", LabelZH: text, Text: text, Section: "1", Commitment: "stated"},
			},
			Edges: []export.Edge{{Source: "measure:" + id + "/1", Target: "country:" + id, Predicate: "mentions",
				Evidence: "measure:" + id + "/1", EvidenceText: text}},
		}
		g.Sort()
		for _, name := range []string{"graphml", "gexf", "cyjs", "dot", "csv"} {
			// DOT cannot write a backslash before a quote, a line
			// break or the end of an id (see WriteDOT).
			if name == "dot" && (strings.HasSuffix(id, "\\") || strings.Contains(id, "\\\"") || strings.Contains(id, "\\\n")) {
				continue
			}
			checkParsed(t, name, g, write(t, name, g))
		}
	})
}

// TestXMLControlCharacters checks that a character XML cannot hold
// becomes U+FFFD instead of breaking the document.
func TestXMLControlCharacters(t *testing.T) {
	g := &export.Graph{Nodes: []export.Node{{ID: "country:KH", Kind: "Country", LabelZH: "a\x01b\x1Fc"}}}
	for _, name := range []string{"graphml", "gexf"} {
		out := write(t, name, g)
		d := xml.NewDecoder(bytes.NewReader(out))
		for {
			if _, err := d.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("%s: %v", name, err)
				}
				break
			}
		}
		if !bytes.Contains(out, []byte("a\uFFFDb\uFFFDc")) {
			t.Errorf("%s: control characters not replaced:\n%s", name, out)
		}
	}
}
