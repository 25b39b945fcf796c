package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

func init() {
	Register(Format{Name: "cyjs", MIME: "application/json", Ext: ".json", Write: WriteCyJS})
}

// CyNodeData is the data of a node in Cytoscape.js JSON.
type CyNodeData struct {
	ID         string `json:"id"`
	Label      string `json:"label"`
	Kind       string `json:"kind"`
	LabelZH    string `json:"label_zh,omitempty"`
	LabelEN    string `json:"label_en,omitempty"`
	Section    string `json:"section,omitempty"`
	Text       string `json:"text,omitempty"`
	Commitment string `json:"commitment,omitempty"`
}

// CyEdgeData is the data of an edge in Cytoscape.js JSON.
type CyEdgeData struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Target string `json:"target"`
	// Label is the predicate's short name, as Predicate.
	Label        string `json:"label"`
	Predicate    string `json:"predicate"`
	Evidence     string `json:"evidence,omitempty"`
	EvidenceText string `json:"evidence_text,omitempty"`
}

// WriteCyJS writes g as Cytoscape.js JSON, which cytoscape({elements})
// and Cytoscape desktop (File › Import › Network from file, .cyjs or
// .json) read:
//
//	{"elements":{"nodes":[
//	{"data":{"id":"country:KH","label":"柬埔寨","kind":"Country","label_zh":"柬埔寨","label_en":"Cambodia"}},
//	…
//	],"edges":[
//	{"data":{"id":"e0","source":"…","target":"country:KH","label":"mentions","predicate":"mentions","evidence":"…","evidence_text":"…"}},
//	…
//	]}}
//
// one element a line (CyNodeData, CyEdgeData; empty values left out),
// nodes by id and edges e0, e1 … in Graph order. Edge ids cannot clash
// with node ids, which all have a "kind:" prefix. <, > and & are written
// as they are, not as \u003c escapes.
func WriteCyJS(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	type element struct {
		Data any `json:"data"`
	}
	write := func(sep string, v any) error {
		buf.Reset()
		if err := enc.Encode(element{v}); err != nil {
			return err
		}
		bw.WriteString(sep)
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	bw.WriteString(`{"elements":{"nodes":[`)
	for i, n := range g.Nodes {
		d := CyNodeData{ID: n.ID, Label: n.Label(), Kind: n.Kind, LabelZH: n.LabelZH, LabelEN: n.LabelEN,
			Section: n.Section, Text: n.Text, Commitment: n.Commitment}
		if err := write(separator(i), d); err != nil {
			return fmt.Errorf("export cyjs: %w", err)
		}
	}
	bw.WriteString("\n],\"edges\":[")
	for i, e := range g.Edges {
		d := CyEdgeData{ID: edgeID(i), Source: e.Source, Target: e.Target, Label: e.Predicate,
			Predicate: e.Predicate, Evidence: e.Evidence, EvidenceText: e.EvidenceText}
		if err := write(separator(i), d); err != nil {
			return fmt.Errorf("export cyjs: %w", err)
		}
	}
	bw.WriteString("\n]}}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export cyjs: %w", err)
	}
	return nil
}

// separator is what comes before the i-th element of a list, one a line.
func separator(i int) string {
	if i == 0 {
		return "\n"
	}
	return ",\n"
}
