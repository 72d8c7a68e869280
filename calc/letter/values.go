package letter

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"kvp/calc"
	"kvp/rules"
)

// The values of a letter's sentences and tables: each writes itself in the
// letter's language (rules.Localized) and keeps its plain value for JSON.

// norwegian reports whether lang writes numbers the Norwegian way (nb, and
// nn when the catalogue has it).
func norwegian(lang string) bool { return lang != rules.LangEN }

// Amount is money in a letter: "1 022 kr", "265 656,56 kr" in Norwegian,
// "NOK 1 022", "NOK 265 656.56" in English; øre only when there are some.
// In JSON the amount with two decimals, "1022.00".
type Amount calc.Money

// Text writes a in lang.
func (a Amount) Text(lang string) string {
	m := calc.Money(a)
	s := m.String()
	if m%100 == 0 {
		s = m.StringFixed(0)
	}
	if !norwegian(lang) {
		return "NOK " + rules.GroupDigits(s, ".")
	}
	return rules.GroupDigits(s, ",") + " kr"
}

// MarshalJSON writes a as calc.Money does.
func (a Amount) MarshalJSON() ([]byte, error) { return calc.Money(a).MarshalJSON() }

// Number is a plain number (a factor, hours, a percentage): "2,041", "2.041".
type Number decimal.Decimal

// Text writes n in lang.
func (n Number) Text(lang string) string {
	s := decimal.Decimal(n).String()
	if !norwegian(lang) {
		return rules.GroupDigits(s, ".")
	}
	return rules.GroupDigits(s, ",")
}

// MarshalJSON writes n as a string, as decimals are written in every JSON document.
func (n Number) MarshalJSON() ([]byte, error) { return json.Marshal(decimal.Decimal(n).String()) }

// Month is a calendar month: "april 2026", "April 2026". In JSON "2026-04".
type Month calc.YearMonth

var monthNames = [12]rules.Code{
	rules.NewCode("letter.month.01"), rules.NewCode("letter.month.02"), rules.NewCode("letter.month.03"),
	rules.NewCode("letter.month.04"), rules.NewCode("letter.month.05"), rules.NewCode("letter.month.06"),
	rules.NewCode("letter.month.07"), rules.NewCode("letter.month.08"), rules.NewCode("letter.month.09"),
	rules.NewCode("letter.month.10"), rules.NewCode("letter.month.11"), rules.NewCode("letter.month.12"),
}

// Text writes m in lang.
func (m Month) Text(lang string) string {
	ym := calc.YearMonth(m)
	return monthNames[ym.Month()-1].T(lang) + " " + strconv.Itoa(ym.Year())
}

// MarshalJSON writes m as "2026-04".
func (m Month) MarshalJSON() ([]byte, error) { return json.Marshal(calc.YearMonth(m).String()) }

// Span is the days a payment pays for: "02.03.2026–15.03.2026",
// "2026-03-02–2026-03-15". In JSON {"from": "2026-03-02", "to": "2026-03-15"}.
type Span struct {
	From rules.Date `json:"from"`
	To   rules.Date `json:"to"`
}

// Text writes s in lang.
func (s Span) Text(lang string) string {
	return rules.FormatValue(s.From, lang) + "–" + rules.FormatValue(s.To, lang)
}

// Paragraphs are the sections of a law a decision is made under, in order:
// "§§ 29, 35 og 39", "§§ 29, 35 and 39". In JSON ["29", "35", "39"].
type Paragraphs []string

var codeAnd = rules.NewCode("letter.and")

// Text writes p in lang.
func (p Paragraphs) Text(lang string) string {
	switch len(p) {
	case 0:
		return ""
	case 1:
		return "§ " + p[0]
	}
	return "§§ " + strings.Join(p[:len(p)-1], ", ") + codeAnd.T(lang) + p[len(p)-1]
}

// MarshalJSON writes p as a list of strings, [] when empty.
func (p Paragraphs) MarshalJSON() ([]byte, error) {
	if p == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]string(p))
}

// Words are catalogue words listed in a sentence: "fravær og andre
// ytelser", "absence and other benefits". In JSON a list of messages.
type Words []rules.Message

// Text writes w in lang.
func (w Words) Text(lang string) string {
	parts := make([]string, len(w))
	for i, m := range w {
		parts[i] = m.Text(lang)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + codeAnd.T(lang) + parts[len(parts)-1]
}

// MarshalJSON writes w as a list, [] when empty.
func (w Words) MarshalJSON() ([]byte, error) {
	if w == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]rules.Message(w))
}

// AbsentDay is a working day of absence without leave and the hours
// missed (7.5 is a whole day).
type AbsentDay struct {
	Date  rules.Date `json:"date"`
	Hours Number     `json:"hours"`
}

// AbsentDays are the days of absence a reduction counts: "20.04.2026",
// "13.05.2026 og 20.05.2026 (3 timer)": the hours only for a part of a day.
// In JSON a list of {"date", "hours"}.
type AbsentDays []AbsentDay

var codeAbsentPartDay = rules.NewCode("letter.reduction.absence_part_day", "date", "hours")

// Text writes d in lang.
func (d AbsentDays) Text(lang string) string {
	parts := make([]string, len(d))
	for i, a := range d {
		if decimal.Decimal(a.Hours).LessThan(calc.HoursPerDay) {
			parts[i] = codeAbsentPartDay.M(a.Date, a.Hours).Text(lang)
		} else {
			parts[i] = rules.FormatValue(a.Date, lang)
		}
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + codeAnd.T(lang) + parts[len(parts)-1]
}

// MarshalJSON writes d as a list, [] when empty.
func (d AbsentDays) MarshalJSON() ([]byte, error) {
	if d == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]AbsentDay(d))
}

// figure reports whether an argument value is a figure of the letter (an
// amount, a number, a count, a date or a month), listed as such in JSON.
func figure(v any) bool {
	switch v.(type) {
	case Amount, Number, Month, Span, AbsentDays, rules.Date, int:
		return true
	}
	return false
}

// Ref is a legal reference a sentence cites: "forvaltningsloven § 29",
// "sotjl. § 35 fjerde ledd, KVP-forskriften § 3". Rules and calc record
// references with the bokmål names of the laws; a letter writes those
// names in its own language (nynorsk: forvaltningslova, KVP-forskrifta),
// each name's texts in the catalogue. In JSON the reference as recorded.
type Ref string

// lawNames are the names of laws and regulations a letter cites in words;
// a name's bokmål text is how references record it.
var lawNames = []rules.Code{
	rules.NewCode("letter.law.forvaltningsloven"),
	rules.NewCode("letter.law.kvp_forskriften"),
	rules.NewCode("letter.law.skattebetalingsforskriften"),
}

// Text writes r in lang.
func (r Ref) Text(lang string) string {
	s := string(r)
	for _, c := range lawNames {
		s = strings.ReplaceAll(s, c.T(rules.LangNB), c.T(lang))
	}
	return s
}
