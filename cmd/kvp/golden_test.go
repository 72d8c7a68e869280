package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenCase is one line of testdata/golden/cases.txt.
type goldenCase struct {
	name string
	args []string
}

// goldenCases reads testdata/golden/cases.txt: NAME ARGS... a line, # a
// comment. .ci/golden reads the same file to run the built binaries.
func goldenCases(t *testing.T) []goldenCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "golden", "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldenCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		out = append(out, goldenCase{fields[0], fields[1:]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no golden cases")
	}
	return out
}

// TestGoldenJSON: the same case gives byte-identical JSON on every platform.
// The test binary runs it where it is built (Linux natively, linux/arm64
// under qemu-user and windows/amd64 under Wine in .ci/run), against the same
// files: no CR, no backslash path, no float formatting may differ.
// Refresh with: go test ./cmd/kvp -run TestGoldenJSON -update
func TestGoldenJSON(t *testing.T) {
	home := scratchDir(t)
	for k, v := range map[string]string{"KVP_CONFIG": "", "XDG_CONFIG_HOME": home, "HOME": home, "KVP_TODAY": "2026-11-23",
		"KVP_LANG": "", "LC_ALL": "", "LANG": "C", "KVP_OUTPUT": "", "KVP_ROUNDING": "", "KVP_SET": "", "KVP_ASCII": ""} {
		t.Setenv(k, v)
	}
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := Main(c.args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}); code != exitOK {
				t.Fatalf("kvp %s: exit %d: %s", strings.Join(c.args, " "), code, errOut.String())
			}
			if bytes.ContainsRune(out.Bytes(), '\r') {
				t.Errorf("a CR in the output")
			}
			path := filepath.Join("testdata", "golden", c.name+".json")
			if *update {
				if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run: go test ./cmd/kvp -run TestGoldenJSON -update)", err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("kvp %s differs from %s:\n%s", strings.Join(c.args, " "), path, firstDifference(want, out.Bytes()))
			}
		})
	}
}

// firstDifference shows the first line where got differs from want.
func firstDifference(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, wl, gl)
		}
	}
	return "(same lines, different bytes)"
}

// scratchDir is t.TempDir, except that failing to remove it afterwards is
// not a test failure: under Wine 8, Go 1.26 cannot delete files (unlinkat:
// "Invalid function"), which is Wine's gap, not Windows' nor kvp's.
func scratchDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "kvp-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}
