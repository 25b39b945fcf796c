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

// TestExplore checks the embedded explorer page: every file index.html loads
// is embedded, each vendored library has its license, no file reaches 4 MB,
// and the page has no inline script, style or event handler (it must run
// under a Content-Security-Policy without 'unsafe-inline').
func TestExplore(t *testing.T) {
	index, err := fs.ReadFile(web.Explore, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`(?:src|href)="explore/([^"]+)"`).FindAllStringSubmatch(string(index), -1)
	if len(refs) != 6 {
		t.Errorf("index.html loads %d files, want 6 (4 vendored scripts, explore.js, explore.css)", len(refs))
	}
	for _, m := range refs {
		if _, err := fs.Stat(web.Explore, m[1]); err != nil {
			t.Errorf("index.html loads %s: %v", m[1], err)
		}
	}
	for _, tag := range regexp.MustCompile(`(?s)<script\b[^>]*>.*?</script>`).FindAllString(string(index), -1) {
		if !regexp.MustCompile(`^<script src="explore/[^"]+"></script>$`).MatchString(tag) {
			t.Errorf("index.html has %q: scripts must be files of the page's own, with no inline code", tag)
		}
	}
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<style\b`),
		regexp.MustCompile(`\sstyle="`),
		regexp.MustCompile(`\son[a-z]+="`),
		regexp.MustCompile(`(?:src|href)="(?:[a-z]+:)?//`),
	} {
		for _, m := range bad.FindAllString(string(index), -1) {
			t.Errorf("index.html has %q: the page must load code and styles from its own files only", m)
		}
	}
	for _, lib := range []string{"cytoscape", "cytoscape-fcose", "cose-base", "layout-base"} {
		if _, err := fs.Stat(web.Explore, "vendor/LICENSE."+lib); err != nil {
			t.Errorf("license: %v", err)
		}
	}
	var total int64
	err = fs.WalkDir(web.Explore, ".", func(name string, d fs.DirEntry, err error) error {
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
		t.Errorf("the explorer is %d bytes in all, more than 2 MB", total)
	}
}
