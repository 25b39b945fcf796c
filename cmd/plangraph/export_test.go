package main

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"plangraph/graph/export"
)

// TestExportThreeWaysIn checks that the CLI, GET /export and the GraphQL
// export field give the same bytes for the same selection, in every format.
func TestExportThreeWaysIn(t *testing.T) {
	dir := t.TempDir()
	db := "bolt:" + filepath.Join(dir, "g.db")
	if code, _, errs := runCmd(t, "load", "--store", db); code != 0 {
		t.Fatal(errs)
	}
	selections := []struct {
		name string
		args []string
		gql  string
		qs   string
	}{
		{"mpac depth 1", []string{"--seed", "initiative:mpac-2025", "--depth", "1"}, `seeds: ["initiative:mpac-2025"], depth: 1`, "seed=initiative:mpac-2025&depth=1"},
		{"two seeds depth 0", []string{"--seed", "mechanism:fmm", "--seed", "mechanism:som", "--depth", "0"}, `seeds: ["mechanism:fmm", "mechanism:som"], depth: 0`, "seed=mechanism:fmm&seed=mechanism:som&depth=0"},
	}
	cli := map[string][]byte{}
	for _, sel := range selections {
		for _, f := range export.Names() {
			out := filepath.Join(dir, sel.name+"."+f)
			args := append([]string{"export", "--store", db, "--format", f, "-o", out}, sel.args...)
			if code, _, errs := runCmd(t, args...); code != 0 {
				t.Fatalf("export %s %s: exit %d: %s", sel.name, f, code, errs)
			}
			b, err := os.ReadFile(out)
			if err != nil || len(b) == 0 {
				t.Fatalf("export %s %s wrote nothing: %v", sel.name, f, err)
			}
			cli[sel.name+"/"+f] = b
		}
	}

	ts := testServer(t, func(c *serveConfig) { c.store = db })
	for _, sel := range selections {
		for _, f := range export.Names() {
			want := cli[sel.name+"/"+f]
			resp, err := http.Get(ts.URL + "/export?" + sel.qs + "&format=" + f)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Equal(got, want) {
				t.Errorf("%s %s: GET /export gave %d, %d bytes; the CLI %d bytes", sel.name, f, resp.StatusCode, len(got), len(want))
			}
			if !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
				t.Errorf("%s %s: Content-Disposition %q", sel.name, f, resp.Header.Get("Content-Disposition"))
			}
			_, out := post(t, ts, `{ export(`+sel.gql+`, format: `+strings.ToUpper(f)+`) { content encoding size tooLarge url fileName mimeType } }`, nil, "")
			if len(out.Errors) > 0 {
				t.Fatalf("%s %s: GraphQL errors %+v", sel.name, f, out.Errors)
			}
			res := out.Data["export"].(map[string]any)
			content := []byte(res["content"].(string))
			if res["encoding"] == "base64" {
				if content, err = base64.StdEncoding.DecodeString(string(content)); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(content, want) || int(res["size"].(float64)) != len(want) {
				t.Errorf("%s %s: GraphQL export gave %d bytes (size %v), the CLI %d", sel.name, f, len(content), res["size"], len(want))
			}
			// The url streams the same bytes.
			resp, err = http.Get(ts.URL + res["url"].(string))
			if err != nil {
				t.Fatal(err)
			}
			got, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			if !bytes.Equal(got, want) {
				t.Errorf("%s %s: the result's url gave other bytes", sel.name, f)
			}
		}
	}
}

func TestExportErrors(t *testing.T) {
	ts := testServer(t)
	for _, tt := range []struct {
		qs     string
		status int
		want   string
	}{
		{"seed=country:XX", 404, `"country:XX" not found`},
		{"format=pdf", 400, `unknown format "pdf"`},
		{"depth=x", 400, `depth "x" is not a number`},
		{"seed=country:KH&depth=9", 400, "depth"},
		{"predicate=NOPE", 400, `unknown predicate "NOPE"`},
	} {
		resp, err := http.Get(ts.URL + "/export?" + tt.qs)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.want) {
			t.Errorf("%s: %d %q, want %d with %q", tt.qs, resp.StatusCode, b, tt.status, tt.want)
		}
	}
	if code, _, errs := runCmd(t, "export", "--store", "memory", "--format", "pdf"); code != 2 || !strings.Contains(errs, "unknown format") {
		t.Errorf("CLI unknown format: exit %d %s", code, errs)
	}
}
