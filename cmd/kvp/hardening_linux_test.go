package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The attack: a device named as the config file. --write refuses
// it in one line, exit 1, and the device stays a device (issue 16 #1).
func TestWriteRefusesDevice(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mknod needs root")
	}
	dir := t.TempDir()
	dev := filepath.Join(dir, "mynull")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skip(err)
	}
	in := filepath.Join(dir, "a.json")
	if err := os.WriteFile(in, []byte(`{"dato": "2027-05-01", "grunnbeløp": 143000}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KVP_TODAY", "2026-11-23")
	var out, errOut bytes.Buffer
	code := Main([]string{"g", "import", in, "--write", "--config", dev}, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	if code != exitError || out.Len() != 0 {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out.String())
	}
	if want := "kvp: error: " + dev + " is a device, not a regular file: --write replaces only a config file; name one with --config\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
	if st, err := os.Lstat(dev); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("the device was replaced: %v", st.Mode())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left behind: %v", entries)
	}
}
