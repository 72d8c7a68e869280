package config

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"
)

// Locations are the config files kvp looks for when neither --config nor
// $KVP_CONFIG names one, in order: $XDG_CONFIG_HOME/kvp/config.yaml when
// XDG_CONFIG_HOME is set (on every system, as before); else the system's
// user config directory (os.UserConfigDir: %AppData% on Windows,
// ~/Library/Application Support on macOS, ~/.config on Linux), and on macOS
// then ~/.config/kvp/config.yaml, where kvp looked before. Paths are in goos's
// form. None is given when neither the variable nor a directory is known.
//
// It is a pure function of its inputs, so that each system's choice can be
// tested on any other: configDir and home are what os.UserConfigDir and
// os.UserHomeDir return there ("" when they fail).
func Locations(getenv func(string) string, goos, configDir, home string) []string {
	join := func(dir string) string { return joinFor(goos, dir, "kvp", "config.yaml") }
	if x := getenv("XDG_CONFIG_HOME"); x != "" {
		return []string{join(x)}
	}
	var out []string
	if configDir != "" {
		out = append(out, join(configDir))
	}
	if goos == "darwin" && home != "" {
		if legacy := join(joinFor(goos, home, ".config")); len(out) == 0 || out[0] != legacy {
			out = append(out, legacy)
		}
	}
	return out
}

// LocationHelp is where the config file is looked for on goos, in the
// order Locations gives: $XDG_CONFIG_HOME first on every system, then the
// system's own directories, written with the variables and ~ a user knows
// rather than a machine's directories.
func LocationHelp(goos string) string {
	switch goos {
	case "windows":
		return `%XDG_CONFIG_HOME%\kvp\config.yaml, else ` + systemLocationHelp(goos)
	default:
		return "$XDG_CONFIG_HOME/kvp/config.yaml, else " + systemLocationHelp(goos)
	}
}

// LocationHelpAll is every system's LocationHelp in one fixed text, for
// --help and the man pages: they must not depend on the system that built
// them (a Windows archive built on Linux would otherwise name Linux's
// paths). kvp config show prints the running system's directories.
func LocationHelpAll() string {
	return "$XDG_CONFIG_HOME/kvp/config.yaml when XDG_CONFIG_HOME is set; else on Windows " +
		systemLocationHelp("windows") + "; on macOS " + systemLocationHelp("darwin") +
		"; on Linux " + systemLocationHelp("linux")
}

// systemLocationHelp is the part of LocationHelp after $XDG_CONFIG_HOME:
// os.UserConfigDir's directory on goos, and on macOS the older place.
func systemLocationHelp(goos string) string {
	switch goos {
	case "windows":
		return `%AppData%\kvp\config.yaml`
	case "darwin":
		return "~/Library/Application Support/kvp/config.yaml, then ~/.config/kvp/config.yaml"
	default:
		return "~/.config/kvp/config.yaml"
	}
}

// SystemLocations are Locations on the running system.
func SystemLocations() []string { return systemLocations(os.Getenv) }

func systemLocations(getenv func(string) string) []string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = ""
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = ""
	}
	return Locations(getenv, runtime.GOOS, dir, home)
}

// defaultPath is the config file read when none is named: the first of the
// system's locations that is there, else the first, where g import --write
// creates one.
func defaultPath(getenv func(string) string) string {
	return firstPresent(systemLocations(getenv), os.Lstat)
}

// firstPresent is the first of paths that is there (a file or anything else:
// reading or writing it says what is wrong with it), else the first of
// paths, where a new file goes; "" when paths is empty.
func firstPresent(paths []string, lstat func(string) (fs.FileInfo, error)) string {
	for _, p := range paths {
		if _, err := lstat(p); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return p
		}
	}
	if len(paths) == 0 {
		return ""
	}
	return paths[0]
}

// joinFor joins path elements with goos's separator: a backslash on
// Windows, a slash elsewhere.
func joinFor(goos string, elem ...string) string {
	if goos != "windows" {
		return path.Join(elem...)
	}
	parts := make([]string, 0, len(elem))
	for i, e := range elem {
		e = strings.ReplaceAll(e, "/", `\`)
		if i > 0 {
			e = strings.TrimLeft(e, `\`)
		}
		if i < len(elem)-1 {
			e = strings.TrimRight(e, `\`)
		}
		if e != "" {
			parts = append(parts, e)
		}
	}
	return strings.Join(parts, `\`)
}
