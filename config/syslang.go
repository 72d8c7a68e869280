package config

import (
	"strings"

	"kvp/rules"
)

// LocaleLang is the output language a locale name asks for: "nb" for
// Norwegian bokmål (nb, nb-NO, nb_NO.UTF-8, and no, the older name for
// Norwegian), "nn" for nynorsk (nn, nn-NO), else "en". It reads POSIX
// locales (LANG=nb_NO.UTF-8) and the BCP 47 names Windows and macOS give
// (nb-NO) alike.
func LocaleLang(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	primary, _, _ := strings.Cut(name, ".") // nb_NO.UTF-8
	primary, _, _ = strings.Cut(primary, "@")
	primary, _, _ = strings.Cut(strings.ReplaceAll(primary, "_", "-"), "-")
	switch primary {
	case "nb", "no":
		return rules.LangNB
	case "nn":
		return rules.LangNN
	}
	return rules.LangEN
}

// environmentLang is the language when neither --lang, KVP_LANG nor the
// config file gives one: LC_ALL, else LANG, else the user's language as the
// system reports it (system: on Windows the first preferred UI language;
// "" elsewhere), else English; by NearestLang.
func environmentLang(getenv func(string) string, system func() string) string {
	name := ""
	for _, env := range []string{"LC_ALL", "LANG"} {
		if name = getenv(env); name != "" {
			break
		}
	}
	if name == "" {
		name = system()
	}
	return NearestLang(name)
}

// NearestLang is LocaleLang(name), or the nearest language kvp has texts
// for when it has none in that one: nynorsk is bokmål until the catalogue
// has nynorsk.
func NearestLang(name string) string {
	l := LocaleLang(name)
	if !rules.HasCatalog(l) {
		l = rules.LangNB // only nn can be missing
	}
	return l
}

// EnvironmentLang is environmentLang on this system, for a message written
// before the configuration is read.
func EnvironmentLang(getenv func(string) string) string {
	return environmentLang(getenv, systemLocale)
}
