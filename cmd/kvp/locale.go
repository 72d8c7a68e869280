package main

import (
	"io"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/rules"
)

// locale formats what people read: English, or Norwegian bokmål with the
// terms a caseworker uses and amounts written "265 656,56 kr", dates
// "01.05.2026". JSON is the same in both.
type locale struct{ nb bool }

// locale returns the output language of cmd.
func (a *app) locale(cmd *cobra.Command) (locale, error) {
	cfg, err := a.load(cmd)
	if err != nil {
		return locale{}, err
	}
	l, err := cfg.Lang()
	return locale{nb: l == "nb"}, err
}

// lang is the catalogue language of l.
func (l locale) lang() string {
	if l.nb {
		return rules.LangNB
	}
	return rules.LangEN
}

// M renders a message in l.
func (l locale) M(m rules.Message) string { return m.Text(l.lang()) }

// T translates a fixed English text; a text with no translation is shown as it is.
func (l locale) T(en string) string {
	if !l.nb {
		return en
	}
	for _, catalog := range []map[string]string{nbText, nbCalc, nbRules} {
		if nb, ok := catalog[en]; ok {
			return nb
		}
	}
	return en
}

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
	RoundingCode string        `json:"rounding_code,omitempty"` // kroner_half_up, ore_half_up, ore_per_month, shown_ore, capped
	Value        string        `json:"value,omitempty"`         // the result as recorded, unformatted
	Period       *rules.Period `json:"period,omitempty"`        // the days the step is about
}

// printExplain writes the steps under a heading, one line each:
// figure = formula → result (rounding) · reference · source.
func printExplain(w io.Writer, l locale, steps []explainStep) {
	if len(steps) == 0 {
		return
	}
	heading(w, l.T("Explanation"))
	for _, s := range steps {
		line := s.Figure + " = " + s.Formula
		if s.Result != "" {
			line += " → " + s.Result
		}
		if s.Rounding != "" {
			line += " (" + l.T("rounding") + ": " + s.Rounding + ")"
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
	if !l.nb {
		return m.String()
	}
	return groupNB(m.String()) + " kr"
}

// Kroner formats whole kroner: "265657", "265 657 kr".
func (l locale) Kroner(m calc.Money) string {
	if !l.nb {
		return m.StringFixed(0)
	}
	return groupNB(m.StringFixed(0)) + " kr"
}

// Num formats a plain number (a factor, a rate): "2.041", "2,041".
func (l locale) Num(d decimal.Decimal) string {
	if !l.nb {
		return d.String()
	}
	return groupNB(d.String())
}

// Date formats a date: "2026-05-01", "01.05.2026".
func (l locale) Date(d rules.Date) string {
	s := d.String()
	if !l.nb || len(s) != 10 {
		return s
	}
	return s[8:10] + "." + s[5:7] + "." + s[0:4]
}

// groupNB writes a decimal number the Norwegian way: a space between groups
// of three digits and a decimal comma ("-1 234 567,50").
func groupNB(s string) string { return rules.GroupDigits(s, ",") }

// nbText is the Norwegian bokmål text for fixed English texts.
var nbText = map[string]string{
	"from": "fra", "to": "til", "G": "G", "factor": "faktor", "age": "alder", "day rate": "dagsats",
	"children": "barn", "child/day": "barn/dag", "days": "dager", "stipend": "stønad",
	"child suppl.": "barnetillegg", "net": "netto", "reference": "hjemmel",
	"interruption": "avbrudd", "absence": "fravær", "work": "arbeid", "other benefits": "andre ytelser",
	"earned": "opptjent", "paid": "utbetalt", "year": "år", "total": "sum", "net paid": "netto utbetalt",
	"Segments": "Perioder", "Years (by the year earned; net paid counts the year of payment)": "År (etter opptjeningsår; netto utbetalt etter utbetalingsår)",
	"Reductions": "Reduksjoner", "reduction": "reduksjon", "Not deducted": "Trekkes ikke", "benefit": "ytelse", "amount": "beløp",
	"Parameters used": "Parametre brukt", "parameter": "parameter", "value": "verdi", "source": "kilde", "origin": "opphav",
	"date": "dato", "G per month": "G per måned", "month": "måned", "paid in": "utbetalt i",
	"withheld": "forskuddstrekk", "paid out": "utbetalt", "note": "merknad", "baseline": "grunnlag", "scenario": "scenario",
	"difference": "differanse", "per cent": "prosent", "period": "periode",
	"met": "oppfylt", "not_met": "ikke oppfylt", "unknown": "ukjent",
	"eligible": "har rett", "not_eligible": "har ikke rett", "undetermined": "uavklart",
	"id": "id", "criterion": "vilkår", "result": "resultat", "reason": "begrunnelse", "legal reference": "hjemmel",
	"kind": "type", "counted days": "tellende dager", "running total": "løpende sum",
	"programme": "program", "leave": "permisjon", "decision": "vedtak",
	"setting": "innstilling", "unrounded": "uavrundet",
	"25 and over": "25 år og over", "under 25": "under 25 år",
	"Explanation": "Forklaring", "rounding": "avrunding",
}
