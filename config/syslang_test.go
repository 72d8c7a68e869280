package config

import (
	"testing"

	"kvp/rules"
)

// TestLocaleLang: the locale names of Windows and macOS (BCP 47) and of
// POSIX (LANG) alike.
func TestLocaleLang(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"nb-NO", "nb"}, // Windows, Norwegian (Bokmål)
		{"nb", "nb"},
		{"no", "nb"}, // the older name for Norwegian
		{"no-NO", "nb"},
		{"nn-NO", "nn"}, // Windows, Norwegian (Nynorsk)
		{"nn", "nn"},
		{"NB-no", "nb"},
		{"nb_NO.UTF-8", "nb"}, // LANG
		{"nn_NO.UTF-8", "nn"},
		{"nn_NO", "nn"},
		{"NN_no.utf8", "nn"},
		{"de_DE", "en"},
		{"no_NO@euro", "nb"},
		{"en-US", "en"},
		{"en-GB", "en"},
		{"se-NO", "en"}, // Northern Sami: no texts, English
		{"sv-SE", "en"},
		{"C", "en"},
		{"C.UTF-8", "en"},
		{"POSIX", "en"},
		{"", "en"},
		{"nbx", "en"},       // not a language tag for bokmål
		{"norwegian", "en"}, // neither
	} {
		if got := LocaleLang(tt.name); got != tt.want {
			t.Errorf("LocaleLang(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestEnvironmentLang: LC_ALL, then LANG, then the system's language; a
// language with no catalogue yet (nynorsk, before its texts) is bokmål.
func TestEnvironmentLang(t *testing.T) {
	nn := "nb" // nynorsk falls back to bokmål until nn.json is there
	if _, ok := rules.Catalog()["nn"]; ok {
		nn = "nn"
	}
	for _, tt := range []struct {
		name   string
		env    map[string]string
		system string
		want   string
	}{
		{"nothing set: English", nil, "", "en"},
		{"Windows nb-NO", nil, "nb-NO", "nb"},
		{"Windows nn-NO", nil, "nn-NO", nn},
		{"Windows en-US", nil, "en-US", "en"},
		{"LANG before the system", map[string]string{"LANG": "en_US.UTF-8"}, "nb-NO", "en"},
		{"LC_ALL before LANG", map[string]string{"LC_ALL": "nb_NO.UTF-8", "LANG": "en_US.UTF-8"}, "", "nb"},
		{"LANG nn_NO as before", map[string]string{"LANG": "nn_NO.UTF-8"}, "", nn},
		{"LANG C: English, not the system", map[string]string{"LANG": "C"}, "nb-NO", "en"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := environmentLang(func(k string) string { return tt.env[k] }, func() string { return tt.system })
			if got != tt.want {
				t.Errorf("environmentLang = %q, want %q", got, tt.want)
			}
		})
	}
}
