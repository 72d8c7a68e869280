package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCRLFInput: a file saved with Windows line ends (CRLF) reads as the same
// file with LF ends, in every input format kvp reads: case files (YAML,
// JSON), config and scenario files, batch input (JSON lines, CSV). The
// output is byte-identical, and no CR reaches the JSON.
func TestCRLFInput(t *testing.T) {
	home := scratchDir(t)
	for k, v := range map[string]string{"KVP_CONFIG": "", "XDG_CONFIG_HOME": home, "HOME": home, "KVP_TODAY": "2026-11-23",
		"KVP_LANG": "", "LC_ALL": "", "LANG": "C", "KVP_OUTPUT": "", "KVP_ROUNDING": "", "KVP_SET": "", "KVP_ASCII": ""} {
		t.Setenv(k, v)
	}
	dir := scratchDir(t)
	tests := []struct {
		name  string
		files []string // from examples/, written to dir under the same name
		args  []string // {dir}/ stands for the folder the files are in
	}{
		{"case YAML with comments", []string{"case-reductions.yaml"}, []string{"calc", "-f", "{dir}/case-reductions.yaml", "-o", "json"}},
		{"case JSON", []string{"case.json"}, []string{"calc", "-f", "{dir}/case.json", "-o", "json"}},
		{"check facts", []string{"case-check.yaml"}, []string{"check", "-f", "{dir}/case-check.yaml", "-o", "json"}},
		{"period facts", []string{"case-period.yaml"}, []string{"period", "-f", "{dir}/case-period.yaml", "-o", "json"}},
		{"config file", []string{"config.yaml"}, []string{"config", "show", "--config", "{dir}/config.yaml", "-o", "json"}},
		{"scenario", []string{"case-basic.yaml", "scenario-g-2027.yaml"},
			[]string{"compare", "-f", "{dir}/case-basic.yaml", "--scenario", "{dir}/scenario-g-2027.yaml", "-o", "json"}},
		{"batch JSON lines", []string{"cases.jsonl"}, []string{"batch", "-f", "{dir}/cases.jsonl"}},
		{"batch CSV", []string{"cases.csv"}, []string{"batch", "-f", "{dir}/cases.csv"}},
	}
	run := func(t *testing.T, args []string) []byte {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := Main(args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}); code != exitOK {
			t.Fatalf("kvp %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
		}
		return out.Bytes()
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "{dir}/", dir+string(filepath.Separator))
			}
			write := func(crlf bool) {
				for _, name := range tt.files {
					data, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
					if err != nil {
						t.Fatal(err)
					}
					data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
					if crlf {
						data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
						if !bytes.Contains(data, []byte("\r\n")) {
							t.Fatalf("%s has no line to end with CRLF", name)
						}
					}
					if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
						t.Fatal(err)
					}
				}
			}
			write(false)
			lf := run(t, args)
			write(true)
			crlf := run(t, args)
			if bytes.ContainsRune(crlf, '\r') {
				t.Errorf("a CR in the output of the CRLF file:\n%q", crlf)
			}
			if !bytes.Equal(lf, crlf) {
				t.Errorf("CRLF and LF differ:\n%s", firstDifference(lf, crlf))
			}
		})
	}
}
