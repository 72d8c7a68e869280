package config

import (
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestLocations: where each system looks for the config file, computed here
// for all three with the directories os.UserConfigDir and os.UserHomeDir
// give there.
func TestLocations(t *testing.T) {
	const (
		winAppData = `C:\Users\kari\AppData\Roaming`
		winHome    = `C:\Users\kari`
		macDir     = "/Users/kari/Library/Application Support"
		macHome    = "/Users/kari"
		linuxDir   = "/home/kari/.config"
		linuxHome  = "/home/kari"
	)
	tests := []struct {
		name                  string
		env                   map[string]string
		goos, configDir, home string
		want                  []string
	}{
		{"windows: %AppData%\\kvp", nil, "windows", winAppData, winHome,
			[]string{`C:\Users\kari\AppData\Roaming\kvp\config.yaml`}},
		{"windows: no ~/.config fallback", map[string]string{"HOME": winHome}, "windows", winAppData, winHome,
			[]string{`C:\Users\kari\AppData\Roaming\kvp\config.yaml`}},
		{"windows: XDG_CONFIG_HOME first, in Windows form", map[string]string{"XDG_CONFIG_HOME": "D:/cfg/"}, "windows", winAppData, winHome,
			[]string{`D:\cfg\kvp\config.yaml`}},
		{"windows: no %AppData%", nil, "windows", "", winHome, nil},
		{"darwin: Application Support, then ~/.config", nil, "darwin", macDir, macHome,
			[]string{"/Users/kari/Library/Application Support/kvp/config.yaml", "/Users/kari/.config/kvp/config.yaml"}},
		{"darwin: XDG_CONFIG_HOME alone", map[string]string{"XDG_CONFIG_HOME": "/Users/kari/xdg"}, "darwin", macDir, macHome,
			[]string{"/Users/kari/xdg/kvp/config.yaml"}},
		{"darwin: no HOME, no directory", nil, "darwin", "", "", nil},
		{"linux: ~/.config once", nil, "linux", linuxDir, linuxHome,
			[]string{"/home/kari/.config/kvp/config.yaml"}},
		{"linux: XDG_CONFIG_HOME", map[string]string{"XDG_CONFIG_HOME": "/srv/cfg"}, "linux", "/srv/cfg", linuxHome,
			[]string{"/srv/cfg/kvp/config.yaml"}},
		{"linux: no HOME", nil, "linux", "", "", nil},
		{"freebsd as linux", nil, "freebsd", "/home/kari/.config", linuxHome,
			[]string{"/home/kari/.config/kvp/config.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Locations(func(k string) string { return tt.env[k] }, tt.goos, tt.configDir, tt.home)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Locations = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestFirstPresent: the first location that is there wins (on macOS an old
// ~/.config file is found when Application Support has none); with none
// there, the first is where a new file goes.
func TestFirstPresent(t *testing.T) {
	paths := []string{"/a/kvp/config.yaml", "/b/kvp/config.yaml"}
	lstat := func(there ...string) func(string) (fs.FileInfo, error) {
		return func(p string) (fs.FileInfo, error) {
			if slices.Contains(there, p) {
				return nil, nil
			}
			return nil, &fs.PathError{Op: "lstat", Path: p, Err: fs.ErrNotExist}
		}
	}
	denied := func(p string) (fs.FileInfo, error) {
		return nil, &fs.PathError{Op: "lstat", Path: p, Err: fs.ErrPermission}
	}
	tests := []struct {
		name  string
		paths []string
		lstat func(string) (fs.FileInfo, error)
		want  string
	}{
		{"neither: the first", paths, lstat(), paths[0]},
		{"only the second", paths, lstat(paths[1]), paths[1]},
		{"both: the first", paths, lstat(paths...), paths[0]},
		{"unreadable counts as there (reading it says why)", paths, denied, paths[0]},
		{"no location", nil, lstat(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstPresent(tt.paths, tt.lstat); got != tt.want {
				t.Errorf("firstPresent = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLoadReadsLocation: Load reads the location on this system, through
// the same code.
func TestLoadReadsLocation(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("KVP_CONFIG", "")
	if err := os.MkdirAll(dir+"/kvp", 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/kvp/config.yaml", []byte("rounding: exact\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := joinFor(runtime.GOOS, dir, "kvp", "config.yaml"); cfg.File != want {
		t.Errorf("File = %q, want %q", cfg.File, want)
	}
	if got := cfg.Get(KeyRounding); got != "exact" {
		t.Errorf("rounding = %q, want exact from the file", got)
	}
}

func TestLocationHelp(t *testing.T) {
	// $XDG_CONFIG_HOME first on every system, as Locations checks it.
	for goos, want := range map[string]string{
		"windows": `%XDG_CONFIG_HOME%\kvp\config.yaml, else %AppData%\kvp\config.yaml`,
		"darwin":  "$XDG_CONFIG_HOME/kvp/config.yaml, else ~/Library/Application Support/kvp/config.yaml, then ~/.config/kvp/config.yaml",
		"linux":   "$XDG_CONFIG_HOME/kvp/config.yaml, else ~/.config/kvp/config.yaml",
	} {
		if got := LocationHelp(goos); got != want {
			t.Errorf("LocationHelp(%s) = %q, want %q", goos, got, want)
		}
	}
	// The order of LocationHelp is the order of Locations: XDG alone when
	// set, else the system's directories.
	xdg := func(k string) string { return map[string]string{"XDG_CONFIG_HOME": "/x"}[k] }
	for _, goos := range []string{"windows", "darwin", "linux"} {
		if got := Locations(xdg, goos, "/c", "/h"); len(got) != 1 || !strings.HasPrefix(got[0], joinFor(goos, "/x")) {
			t.Errorf("%s: Locations with XDG_CONFIG_HOME = %q, want only under /x", goos, got)
		}
	}
}

func TestLocationHelpAll(t *testing.T) {
	want := "$XDG_CONFIG_HOME/kvp/config.yaml when XDG_CONFIG_HOME is set; else on Windows %AppData%\\kvp\\config.yaml; " +
		"on macOS ~/Library/Application Support/kvp/config.yaml, then ~/.config/kvp/config.yaml; on Linux ~/.config/kvp/config.yaml"
	if got := LocationHelpAll(); got != want {
		t.Errorf("LocationHelpAll() = %q, want %q", got, want)
	}
}
