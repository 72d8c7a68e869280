package main

import (
	"io"
	"slices"
	"sync"

	"github.com/shopspring/decimal"

	"kvp/calc"
	"kvp/config"
	"kvp/rules"
)

// locale formats what people read: English, or Norwegian (bokmål or
// nynorsk) with the terms a caseworker uses and amounts written
// "265 656,56 kr", dates "01.05.2026". JSON is the same in every language.
type locale struct {
	language string // rules.LangNB, LangNN or LangEN; "" is English
}

// configLocale returns the output language of cfg.
func configLocale(cfg *config.Config) (locale, error) {
	l, err := cfg.Lang()
	return locale{language: l}, err
}

// batchLocale is the language of kvp batch's words on stderr. A --lang the
// configuration rejects leaves them in English: batch has always run
// whatever --lang says, and its records do not depend on it.
func batchLocale(e env) locale {
	cfg, err := e.Config()
	if err != nil {
		return locale{}
	}
	l, _ := configLocale(cfg)
	return l
}

// lang is the catalogue language of l.
func (l locale) lang() string {
	if l.language == "" {
		return rules.LangEN
	}
	return l.language
}

// norwegian reports whether l writes numbers and dates the Norwegian way (bokmål
// and nynorsk alike).
func (l locale) norwegian() bool { return rules.Norwegian(l.language) }

// M renders a message in l. A code with no text in l's language is
// noted in missingTexts (the catalogue tests fail on it) and shown as the
// English text or the code.
func (l locale) M(m rules.Message) string {
	if _, ok := rules.CatalogText(l.lang(), m.Code); !ok {
		missingTexts.Store(l.lang()+": "+m.Code, true)
	}
	return l.withRefs(m).Text(l.lang())
}

// withRefs returns m with each legal reference among its arguments (a
// string argument named "ref", recorded by rules and calc in bokmål) in
// l's words: domainText.
func (l locale) withRefs(m rules.Message) rules.Message {
	cloned := false
	for i, a := range m.Args {
		s, ok := a.Value.(string)
		if a.Name != "ref" || !ok {
			continue
		}
		if t := l.domainText(s); t != s {
			if !cloned {
				m.Args, cloned = slices.Clone(m.Args), true
			}
			m.Args[i].Value = t
		}
	}
	return m
}

// L renders a code that takes no arguments (a label, a word) in l.
func (l locale) L(c rules.Code) string { return l.M(c.M()) }

// missingTexts are the codes rendered without a text in their language, as
// "nb: step.total"; a test renders every command and expects none.
var missingTexts sync.Map

// explainStep is one line of --explain: how a figure was derived, in order:
// the formula with its values, the rounding applied, the legal reference
// and the parameter's source. In JSON the steps are a list under "explain".
type explainStep struct {
	Key      string `json:"key,omitempty"`      // the step's stable key, "stipend.day_rate"
	Figure   string `json:"figure"`             // "dagsats", "day rate"
	Formula  string `json:"formula"`            // "2,041 × 130 160 / 260 = 1 021,76"
	Result   string `json:"result"`             // "1 022"
	Rounding string `json:"rounding,omitempty"` // "nav: half up to whole kroner"
	Ref      string `json:"legal_reference"`
	Source   string `json:"source,omitempty"` // "G from 01.05.2025, NAV"
	// Inputs are the values the formula names (JSON only, always English),
	// and Expression the formula over their names ("{factor} × {g} /
	// {day_divisor}"), so that a script can replay the step.
	Inputs       rules.Inputs  `json:"inputs"`
	Expression   string        `json:"expression,omitempty"`
	Exact        string        `json:"exact,omitempty"`         // the expression's value before rounding
	RoundingCode string        `json:"rounding_code,omitempty"` // kroner_half_up, ore_half_up, ore_per_month, ore_to_net, shown_ore, capped
	Value        string        `json:"value,omitempty"`         // the result as recorded, unformatted
	Period       *rules.Period `json:"period,omitempty"`        // the days the step is about
}

// printExplain writes the steps under a heading, one line each:
// figure = formula → result (rounding) · reference · source.
func printExplain(w io.Writer, l locale, steps []explainStep) {
	if len(steps) == 0 {
		return
	}
	heading(w, l.L(explainHeading))
	for _, s := range steps {
		line := s.Figure + " = " + s.Formula
		if s.Result != "" {
			line += " → " + s.Result
		}
		if s.Rounding != "" {
			line += " (" + l.M(explainRounding.M(s.Rounding)) + ")"
		}
		if s.Ref != "" {
			line += " · " + s.Ref
		}
		if s.Source != "" {
			line += " · " + s.Source
		}
		_, _ = io.WriteString(w, "  "+line+"\n")
	}
}

// Money formats an amount: "265656.56" in English, "265 656,56 kr" in Norwegian.
func (l locale) Money(m calc.Money) string {
	if !l.norwegian() {
		return m.String()
	}
	return groupNB(m.String()) + " kr"
}

// Kroner formats whole kroner: "265657", "265 657 kr".
func (l locale) Kroner(m calc.Money) string {
	if !l.norwegian() {
		return m.StringFixed(0)
	}
	return groupNB(m.StringFixed(0)) + " kr"
}

// Num formats a plain number (a factor, a rate): "2.041", "2,041".
func (l locale) Num(d decimal.Decimal) string {
	if !l.norwegian() {
		return d.String()
	}
	return groupNB(d.String())
}

// Date formats a date: "2026-05-01", "01.05.2026".
func (l locale) Date(d rules.Date) string {
	s := d.String()
	if !l.norwegian() || len(s) != 10 {
		return s
	}
	return s[8:10] + "." + s[5:7] + "." + s[0:4]
}

// groupNB writes a decimal number the Norwegian way: a space between groups
// of three digits and a decimal comma ("-1 234 567,50").
func groupNB(s string) string { return rules.GroupDigits(s, ",") }
