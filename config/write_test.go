package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kvp/rules"
)

func gv(t *testing.T, from string, value int64) GValue {
	t.Helper()
	d, err := rules.ParseDate(from)
	if err != nil {
		t.Fatal(err)
	}
	return GValue{From: d, Value: value, Source: "NAV test"}
}

const withComments = `# my settings
rounding: exact # always exact

parameters:
  g:
    # a guess
    - from: 2027-05-01
      value: 143000
      source: "assumed"
  child_supplement:
    - {from: 2027-01-01, value: 39}
`

func loadG(t *testing.T, path string, from string) string {
	t.Helper()
	cfg, err := Load(Options{File: path})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := rules.ParseDate(from)
	g, err := cfg.Params.G.At(d)
	if err != nil {
		t.Fatal(err)
	}
	return g.Value.String() + " " + g.Source
}

func TestMergeGValuesKeepsCommentsAndKeys(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(withComments), 0o600); err != nil {
		t.Fatal(err)
	}
	backup, err := MergeGValues(path, []GValue{gv(t, "2027-05-01", 144000), gv(t, "2028-05-01", 150000), gv(t, "2026-05-01", 136549)})
	if err != nil {
		t.Fatal(err)
	}
	if backup != path+".bak" {
		t.Errorf("backup = %q, want %q", backup, path+".bak")
	}
	if b, _ := os.ReadFile(backup); string(b) != withComments {
		t.Errorf("backup is not the old file:\n%s", b)
	}
	got, _ := os.ReadFile(path)
	for _, want := range []string{"# my settings", "rounding: exact # always exact", "# a guess", "child_supplement:", "value: 39"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("merged file lost %q:\n%s", want, got)
		}
	}
	if strings.Contains(string(got), "143000") {
		t.Errorf("2027-05-01 was not replaced:\n%s", got)
	}
	// New entries go in date order.
	i26, i27, i28 := strings.Index(string(got), "2026-05-01"), strings.Index(string(got), "2027-05-01"), strings.Index(string(got), "2028-05-01")
	if !(i26 < i27 && i27 < i28) {
		t.Errorf("entries not in date order:\n%s", got)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the old file's 0600", st.Mode().Perm())
	}
	if g := loadG(t, path, "2027-06-01"); g != "144000 NAV test" {
		t.Errorf("G 2027 = %s", g)
	}
	if g := loadG(t, path, "2028-06-01"); g != "150000 NAV test" {
		t.Errorf("G 2028 = %s", g)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left files behind: %v", entries)
	}
}

func TestMergeGValuesCreatesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kvp", "config.yaml")
	backup, err := MergeGValues(path, []GValue{gv(t, "2027-05-01", 143000)})
	if err != nil {
		t.Fatal(err)
	}
	if backup != "" {
		t.Errorf("backup = %q for a new file", backup)
	}
	if g := loadG(t, path, "2027-05-01"); g != "143000 NAV test" {
		t.Errorf("G = %s", g)
	}
}

func TestMergeGValuesShapes(t *testing.T) {
	for _, tc := range []struct{ name, old, want, err string }{
		{name: "only comments", old: "# nothing yet\n", want: "# nothing yet\nparameters:\n  g:\n    - from: 2027-05-01\n"},
		{name: "null parameters", old: "parameters:\n", want: "parameters:\n  g:\n    - from: 2027-05-01\n"},
		{name: "null g", old: "parameters:\n  g:\n", want: "parameters:\n  g:\n    - from: 2027-05-01\n"},
		{name: "flow entries", old: "parameters:\n  g: [{from: 2028-05-01, value: 150000}]\n", want: "2027-05-01"},
		{name: "not a mapping", old: "- a\n- b\n", err: "expected a mapping of settings"},
		{name: "g not a list", old: "parameters:\n  g: 5\n", err: "parameters.g: expected a list"},
		{name: "broken yaml", old: "rounding: [\n", err: "config.yaml: "},
		{name: "unknown key", old: "colour: red\n", err: "unknown field colour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(path, []byte(tc.old), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := MergeGValues(path, []GValue{gv(t, "2027-05-01", 143000)})
			got, _ := os.ReadFile(path)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				if string(got) != tc.old {
					t.Errorf("file changed on error:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(got), tc.want) {
				t.Errorf("got\n%s\nwant it to contain\n%s", got, tc.want)
			}
			if g := loadG(t, path, "2027-05-01"); g != "143000 NAV test" {
				t.Errorf("G = %s", g)
			}
		})
	}
}

// TestMergeGValuesInterrupted: a write that fails halfway (a full disk, a
// crash) leaves the config file and its backup as they were, and no
// temporary file behind.
func TestMergeGValuesInterrupted(t *testing.T) {
	for _, failOn := range []int{1, 2} { // the new file, then the backup
		dir := t.TempDir()
		path := filepath.Join(dir, "config.yaml")
		if err := os.WriteFile(path, []byte(withComments), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+".bak", []byte("an older backup\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		calls := 0
		halfway := func(f *os.File, data []byte) error {
			calls++
			if calls < failOn {
				return writeAll(f, data)
			}
			if _, err := f.Write(data[:len(data)/2]); err != nil {
				return err
			}
			return errors.New("no space left on device")
		}
		_, err := mergeGValues(path, []GValue{gv(t, "2028-05-01", 150000)}, halfway)
		if err == nil || !strings.Contains(err.Error(), "no space left on device") {
			t.Fatalf("failOn %d: err = %v", failOn, err)
		}
		if got, _ := os.ReadFile(path); string(got) != withComments {
			t.Errorf("failOn %d: config changed:\n%s", failOn, got)
		}
		if got, _ := os.ReadFile(path + ".bak"); string(got) != "an older backup\n" {
			t.Errorf("failOn %d: backup changed:\n%s", failOn, got)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Errorf("failOn %d: left files behind: %v", failOn, entries)
		}
	}
}

func TestMergeGValuesReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write to a read-only directory")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(withComments), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	if _, err := MergeGValues(path, []GValue{gv(t, "2028-05-01", 150000)}); err == nil {
		t.Fatal("no error writing into a read-only directory")
	}
	if got, _ := os.ReadFile(path); string(got) != withComments {
		t.Errorf("config changed:\n%s", got)
	}
}

func TestMergeGValuesThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(real, []byte(withComments), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	if _, err := MergeGValues(link, []GValue{gv(t, "2028-05-01", 150000)}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if g := loadG(t, link, "2028-05-01"); g != "150000 NAV test" {
		t.Errorf("G = %s", g)
	}
}

func TestFilePath(t *testing.T) {
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", "/x")
	t.Setenv("HOME", "/h")
	if got := FilePath("c.yaml"); got != "c.yaml" {
		t.Errorf("flag: %s", got)
	}
	if got := FilePath(""); got != "/x/kvp/config.yaml" {
		t.Errorf("XDG: %s", got)
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	if got := FilePath(""); got != "/h/.config/kvp/config.yaml" {
		t.Errorf("HOME: %s", got)
	}
	t.Setenv("KVP_CONFIG", "k.yaml")
	if got := FilePath(""); got != "k.yaml" {
		t.Errorf("KVP_CONFIG: %s", got)
	}
}
