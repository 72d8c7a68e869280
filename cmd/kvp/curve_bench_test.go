package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCurve100: a 100-point curve, the whole command (the issue asks
// under 50 ms).
func BenchmarkCurve100(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	args := []string{"curve", "--birth-date", "1990-01-01", "--from", "2026-01-01", "--to", "2026-12-31",
		"--vary", "other-income=0..495000/5000", "-o", "json"}
	for b.Loop() {
		var out, errOut bytes.Buffer
		if code := Main(args, &IOStreams{Out: &out, ErrOut: &errOut}); code != 0 {
			b.Fatal(errOut.String())
		}
	}
}

// BenchmarkCaseload10000: kvp compare over 10 000 generated cases (the
// issue asks under a second).
func BenchmarkCaseload10000(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	dir := b.TempDir()
	var cases bytes.Buffer
	if err := generateCases(&cases, 10_000, 1, 0); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "cases.jsonl")
	scenario := filepath.Join(dir, "s.yaml")
	os.WriteFile(path, cases.Bytes(), 0o600)
	os.WriteFile(scenario, []byte("title: s\nparameters:\n  factor:\n    - {from: 2026-01-01, value: 2.1}\ntax:\n  2026:\n    personal_allowance: 120000\n"), 0o600)
	args := []string{"compare", "-f", path, "--scenario", scenario, "-o", "json"}
	for b.Loop() {
		var out, errOut bytes.Buffer
		if code := Main(args, &IOStreams{Out: &out, ErrOut: &errOut}); code != 0 {
			b.Fatal(errOut.String())
		}
	}
}
