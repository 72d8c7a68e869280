package config

import "golang.org/x/sys/windows"

// systemLocale is the user's first preferred UI language on Windows
// (nb-NO, nn-NO, en-US), or "" when Windows does not say.
func systemLocale() string {
	langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil || len(langs) == 0 {
		return ""
	}
	return langs[0]
}
