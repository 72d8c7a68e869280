package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kvp/cmd/kvp/internal/docs"
	"kvp/config"
)

// TestManPageKeepsUnderscores: md2man reads _ and * as emphasis, so
// "$XDG_CONFIG_HOME … KVP_*" in kvp's help became "$XDG_CONFIG" and an
// italic "HOME … KVP" in kvp.1. The generated page has them as written, and
// no italics where the help has none.
func TestManPageKeepsUnderscores(t *testing.T) {
	dir := t.TempDir()
	if _, err := docs.Write(newRootCmd(&app{io: &IOStreams{}, out: &bytes.Buffer{}}), dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "man", "kvp.1"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	flat := strings.Join(strings.Fields(page), " ")
	for _, want := range []string{"$XDG_CONFIG_HOME/kvp/config.yaml when XDG_CONFIG_HOME is set", "KVP_* environment variables", "under25_share"} {
		if !strings.Contains(flat, want) {
			t.Errorf("kvp.1 does not contain %q", want)
		}
	}
	if strings.Contains(page, `\fI`) {
		i := strings.Index(page, `\fI`)
		t.Errorf("kvp.1 has italics: %q", page[max(0, i-40):min(len(page), i+40)])
	}
	// A code span and a code block keep their underscores unescaped.
	for name, want := range map[string]string{"kvp-calc.1": `KIND:PER_DAY`, "kvp-completion-bash.1": `/etc/bash_completion.d/kvp`} {
		b, err := os.ReadFile(filepath.Join(dir, "man", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("%s does not contain %q", name, want)
		}
	}
}

// TestHelpNamesEverySystem: kvp --help and kvp config show --help name the
// config file's locations on every system in one fixed text
// (config.LocationHelpAll), not the system that runs or built kvp.
func TestHelpNamesEverySystem(t *testing.T) {
	want := config.LocationHelpAll()
	for _, args := range [][]string{{"--help"}, {"config", "show", "--help"}} {
		var out bytes.Buffer
		root := newRootCmd(&app{io: &IOStreams{Out: &out, ErrOut: &out}, out: &out})
		root.SetOut(&out)
		root.SetArgs(args)
		if err := root.Execute(); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(strings.Fields(out.String()), " "); !strings.Contains(got, want) {
			t.Errorf("kvp %s does not contain %q:\n%s", strings.Join(args, " "), want, out.String())
		}
	}
}
