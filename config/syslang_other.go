//go:build !windows

package config

// systemLocale is "" off Windows: there LC_ALL and LANG say the language
// (macOS's Terminal sets LANG by default).
func systemLocale() string { return "" }
