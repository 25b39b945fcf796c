package export

import (
	"archive/zip"
	"encoding/csv"
	"fmt"
	"io"
	"time"
)

func init() {
	Register(Format{Name: "csv", MIME: "application/zip", Ext: ".zip", Binary: true, Write: WriteCSV})
}

// CSV file names and headers in the zip WriteCSV writes.
const (
	NodesCSV = "nodes.csv"
	EdgesCSV = "edges.csv"
)

var (
	csvNodeHeader = []string{"Id", "Label", "Kind", "Label_en", "Section", "Commitment", "Text"}
	csvEdgeHeader = []string{"Source", "Target", "Type", "Label", "Weight", "Evidence", "Evidence_text"}
)

// zipTime is the modification time of the files in the zip, fixed so that
// the same Graph gives the same bytes.
var zipTime = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteCSV writes g for Gephi's spreadsheet import (File › Import
// spreadsheet, once for each file): a zip of nodes.csv
//
//	Id,Label,Kind,Label_en,Section,Commitment,Text
//
// and edges.csv
//
//	Source,Target,Type,Label,Weight,Evidence,Evidence_text
//
// one row per node and per edge in Graph order. Label is what Node.Label
// shows; an edge's Label is its predicate's short name, its Type
// "Directed" and its Weight 1: parallel edges (one predicate between two
// nodes stated by several measures) are separate rows, each with its
// evidence, and Gephi's import merges them into one edge whose weight is
// their number (its default "sum" strategy).
//
// The files are RFC 4180 CSV in UTF-8 without a byte order mark (Gephi
// reads UTF-8, and a mark would end up in the name of the first column),
// lines ending in LF, fields with commas, quotes or line breaks quoted.
// Both files are deflated and dated 2023-01-01 00:00 UTC.
func WriteCSV(w io.Writer, g *Graph) error {
	zw := zip.NewWriter(w)
	write := func(name string, header []string, rows func(cw *csv.Writer) error) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		cw := csv.NewWriter(f)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := rows(cw); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
	err := write(NodesCSV, csvNodeHeader, func(cw *csv.Writer) error {
		for _, n := range g.Nodes {
			if err := cw.Write([]string{n.ID, n.Label(), n.Kind, n.LabelEN, n.Section, n.Commitment, n.Text}); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = write(EdgesCSV, csvEdgeHeader, func(cw *csv.Writer) error {
			for _, e := range g.Edges {
				if err := cw.Write([]string{e.Source, e.Target, "Directed", e.Predicate, "1", e.Evidence, e.EvidenceText}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}
