package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"kvp/cmd/kvp/internal/docs"
)

// TestDocsUpToDate: the checked-in man and Markdown pages
// (testdata/docs/man, testdata/docs/md) are what kvp docs writes now.
// Refresh them with: go test ./cmd/kvp -run TestDocsUpToDate -update
func TestDocsUpToDate(t *testing.T) {
	const fix = "run: go test ./cmd/kvp -run TestDocsUpToDate -update"
	fresh := t.TempDir()
	if _, err := docs.Write(newRootCmd(&app{io: &IOStreams{}, out: &bytes.Buffer{}}), fresh); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join("testdata", "docs")
	for _, kind := range []string{"man", "md"} {
		if *update {
			if err := os.RemoveAll(filepath.Join(want, kind)); err != nil {
				t.Fatal(err)
			}
			if err := os.CopyFS(filepath.Join(want, kind), os.DirFS(filepath.Join(fresh, kind))); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := readDir(filepath.Join(fresh, kind))
		if err != nil {
			t.Fatal(err)
		}
		old, err := readDir(filepath.Join(want, kind))
		if err != nil {
			t.Fatalf("%v: %s", err, fix)
		}
		for _, name := range slices.Sorted(maps.Keys(got)) {
			switch o, ok := old[name]; {
			case !ok:
				t.Errorf("%s/%s is new: %s", kind, name, fix)
			case !bytes.Equal(o, got[name]):
				t.Errorf("%s/%s is out of date: %s", kind, name, fix)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(old)) {
			if _, ok := got[name]; !ok {
				t.Errorf("%s/%s is no longer generated: %s", kind, name, fix)
			}
		}
	}
}

// TestDocsReproducible: two runs give the same bytes (no date, no machine).
func TestDocsReproducible(t *testing.T) {
	var runs [2]map[string][]byte
	for i := range runs {
		dir := t.TempDir()
		if _, err := docs.Write(newRootCmd(&app{io: &IOStreams{}, out: &bytes.Buffer{}}), dir); err != nil {
			t.Fatal(err)
		}
		man, err := readDir(filepath.Join(dir, "man"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(man["kvp.1"], []byte(`"Jan 2026"`)) {
			t.Errorf("kvp.1 does not carry the fixed date:\n%.200s", man["kvp.1"])
		}
		runs[i] = man
	}
	for name, b := range runs[0] {
		if !bytes.Equal(b, runs[1][name]) {
			t.Errorf("man/%s differs between two runs", name)
		}
	}
}

func readDir(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out[e.Name()] = b
	}
	return out, nil
}
