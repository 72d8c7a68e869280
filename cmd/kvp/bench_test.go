package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkRatesCommand runs `kvp rates` in process: flag parsing, config
// layering and rendering, with the embedded data already parsed.
func BenchmarkRatesCommand(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"rates", "--date", "2026-05-01"}, &IOStreams{In: &bytes.Buffer{}, Out: io.Discard, ErrOut: io.Discard}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkProcessStartup is the whole-process cost a user feels: exec the
// built binary for `kvp rates`, including parsing the embedded data.
func BenchmarkProcessStartup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "kvp")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(bin, "rates", "--date", "2026-05-01")
		cmd.Env = append(os.Environ(), "HOME="+b.TempDir())
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}
