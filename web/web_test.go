package web_test

import (
	"io/fs"
	"regexp"
	"testing"

	"plangraph/web"
)

// TestGraphiQL checks the embedded GraphiQL page: every file index.html
// loads is embedded, each vendored file has its license, and every file
// stays under 4 MB.
func TestGraphiQL(t *testing.T) {
	index, err := fs.ReadFile(web.GraphiQL, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`(?:src|href)="graphiql/([^"]+)"`).FindAllStringSubmatch(string(index), -1)
	if len(refs) != 5 {
		t.Errorf("index.html loads %d files, want 5 (3 scripts, the stylesheet, index.js)", len(refs))
	}
	for _, m := range refs {
		if _, err := fs.Stat(web.GraphiQL, m[1]); err != nil {
			t.Errorf("index.html loads %s: %v", m[1], err)
		}
	}
	for _, lic := range []string{"LICENSE.graphiql", "LICENSE.react", "LICENSE.react-dom"} {
		if _, err := fs.Stat(web.GraphiQL, lic); err != nil {
			t.Errorf("license: %v", err)
		}
	}
	var total int64
	err = fs.WalkDir(web.GraphiQL, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() >= 4_000_000 {
			t.Errorf("%s is %d bytes, over 4 MB", name, info.Size())
		}
		total += info.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > 2_000_000 {
		t.Errorf("GraphiQL is %d bytes in all, more than 2 MB", total)
	}
}
