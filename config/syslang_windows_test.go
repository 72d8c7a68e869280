package config

import (
	"os"
	"testing"
)

// TestSystemLocaleWindows: Windows says a language (Wine says what the Unix
// locale was started with), and LocaleLang reads it.
func TestSystemLocaleWindows(t *testing.T) {
	name := systemLocale()
	if name == "" {
		t.Fatal("GetUserPreferredUILanguages gave no language")
	}
	t.Logf("system locale %q → %s (LC_ALL=%q, LANG=%q)", name, LocaleLang(name), os.Getenv("LC_ALL"), os.Getenv("LANG"))
	if want := os.Getenv("KVP_TEST_WANT_LANG"); want != "" && LocaleLang(name) != want {
		t.Errorf("LocaleLang(%q) = %s, want %s", name, LocaleLang(name), want)
	}
}
