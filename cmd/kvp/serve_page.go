package main

import (
	"bytes"
	"embed"
	"encoding/json"
	"strings"

	"kvp/rules"
)

//go:embed web/index.html
var webFiles embed.FS

// pageLangs are the languages of the web page, bokmål first (the default).
var pageLangs = []string{rules.LangNB, rules.LangNN, rules.LangEN}

// pageTexts are the web page's own words, from the catalogue; the tables
// and explanation come from kvp calc itself.
var pageTexts = []rules.Code{
	rules.NewCode("page.title"), rules.NewCode("page.person"), rules.NewCode("page.birth_date"),
	rules.NewCode("page.children"), rules.NewCode("page.child_birth_dates"), rules.NewCode("page.child_birth_dates_hint"),
	rules.NewCode("page.period"), rules.NewCode("page.from"), rules.NewCode("page.to"),
	rules.NewCode("page.settings"), rules.NewCode("page.rounding"), rules.NewCode("page.age_switch"),
	rules.NewCode("page.leap_birthday"), rules.NewCode("page.language"), rules.NewCode("page.reductions"),
	rules.NewCode("page.work_hours"), rules.NewCode("page.work_hours_hint"), rules.NewCode("page.other_benefits"),
	rules.NewCode("page.other_benefits_hint"), rules.NewCode("page.absence"), rules.NewCode("page.absence_hint"),
	rules.NewCode("page.interruptions"), rules.NewCode("page.interruptions_hint"), rules.NewCode("page.submit"),
	rules.NewCode("page.download"), rules.NewCode("page.total"), rules.NewCode("page.tables"),
	rules.NewCode("page.explanation"), rules.NewCode("page.error"),
	rules.NewCode("page.lang_nb"), rules.NewCode("page.lang_nn"), rules.NewCode("page.lang_en"),
	rules.NewCode("page.letter"), rules.NewCode("page.letter_total"), rules.NewCode("page.copy_letter"),
	rules.NewCode("page.copied"), rules.NewCode("page.download_letter"),
	rules.NewCode("page.pay"), rules.NewCode("page.pay_cycle"), rules.NewCode("page.pay_day"),
	rules.NewCode("page.pay_day_hint"), rules.NewCode("page.cycle_start"), rules.NewCode("page.cycle_start_hint"),
}

// pageSettingWords are the words of the settings menus' choices that no
// heading uses (those of settingWords are shown too): an option's text is
// the catalogue's setting.KEY.VALUE, its value the setting's value.
var pageSettingWords = codesByKey("setting.", "rounding.nav", "rounding.exact", "pay_cycle.monthly", "pay_cycle.14-days")

// webPage is GET /: the embedded page with its texts in every language.
func webPage() ([]byte, error) {
	page, err := webFiles.ReadFile("web/index.html")
	if err != nil {
		return nil, err
	}
	texts := map[string]map[string]string{}
	for _, lang := range pageLangs {
		texts[lang] = map[string]string{}
		for _, c := range pageTexts {
			texts[lang][c.ID] = c.M().Text(lang)
		}
		for _, words := range []map[string]rules.Code{settingWords, pageSettingWords} {
			for _, c := range words {
				texts[lang][c.ID] = c.M().Text(lang)
			}
		}
	}
	b, err := json.Marshal(texts)
	if err != nil {
		return nil, err
	}
	// Inside <script>: "</" must not end the element.
	js := strings.ReplaceAll(string(b), "</", `<\/`)
	return bytes.Replace(page, []byte("/*TEXTS*/"), []byte(js), 1), nil
}
