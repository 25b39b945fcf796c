package loader

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"plangraph/data"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// seedCatalog parses the embedded catalog.
func seedCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := ParseCatalog(bytes.NewReader(data.Catalog()), data.CatalogFile)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// seedPlan loads the embedded LMC plan.
func seedPlan(t testing.TB) (*Result, *Catalog) {
	t.Helper()
	c := seedCatalog(t)
	p := data.Plans()[0]
	r, err := Load(Plan{Slug: p.Slug, ZH: p.ZH, EN: p.EN, Source: p.File, Text: p.Text}, c)
	if err != nil {
		t.Fatal(err)
	}
	return r, c
}

// testCatalog parses a catalog written inline in a test.
func testCatalog(t testing.TB, yaml string) *Catalog {
	t.Helper()
	c, err := ParseCatalog(strings.NewReader(yaml), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./loader -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./loader -update rewrites it):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("line " + itoa(i+1) + ":\n- " + a + "\n+ " + c + "\n")
			if n++; n >= 10 {
				break
			}
		}
	}
	return b.String()
}

func itoa(i int) string {
	var buf [20]byte
	p := len(buf)
	for {
		p--
		buf[p] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(buf[p:])
		}
	}
}
