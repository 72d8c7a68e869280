package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/cmd/kvp/internal/letter"
	"kvp/config"
	"kvp/rules"
)

// errLetterChange: a change letter needs what changed (--regulated-on or
// --paid FILE, from kvp regulate and kvp recalc).
var errLetterChange = rules.NewCode("err.usage.letter_change_needs")

// letterOptions are kvp letter's options: a case as kvp calc takes it, and
// the kind of letter.
type letterOptions struct {
	calcOptions
	kind string
}

// letterDoc is the JSON document of kvp letter: unlike every other, its
// texts are in the language asked for.
type letterDoc struct {
	SchemaVersion int   `json:"schema_version"`
	Stamp         stamp `json:"stamp"`
	letter.DocumentJSON
}

func newLetterCmd(a *app) *cobra.Command {
	var o letterOptions
	cmd := &cobra.Command{
		Use:   "letter",
		Short: "Write the decision letter (vedtak) of a calculation",
		Long: `Write the decision letter (vedtak) for a case, from the same inputs as kvp
calc (flags, or a case file with -f; flags override the file). Every figure
is the calculation's own, as --explain shows it; nothing is worked out again.

The letter reads, in this order: the period decided; how the benefit is
calculated (G with its date in force, the factor, the yearly amount, 2/3
under 25 and when the full rate starts, the division by 260, the day rate,
the child supplement per child per day and each child counted with the last
day it counts); the parts of the period when the rate changes; the
payments (month earned, when paid, amount, and with --withholding-percent
the tax withheld and the amount paid out); the reductions with their reason
and paragraph (sotjl. §§ 34–38); tax and pension (personal income,
trygdeavgift, pension earning, no withholding in June, half in December);
the legal basis (sotjl. §§ 29, 35, 39, and 34, 36–38, 40 where used); the
duty to report changes; the right to appeal to the statsforvalter within
three weeks (sotjl. § 47, forvaltningsloven § 29).

Kinds (--kind): grant, a new decision (the default); change, a change of a
decision (back pay after a G regulation, or an overpayment with its § 40
recovery plan). A change letter needs what changed: --regulated-on DATE or
--paid FILE; without either it is a usage error.

Formats (-o): text (the default, to paste into the municipality's letter
system), markdown, html (one standalone printable file: the style inline,
no scripts, no fonts or style sheets from elsewhere) and json (the letter's
sections, each sentence with its message code, arguments, figures, steps,
legal references and its text in the language asked for). -o table is a
usage error.

Languages (--lang): nb (Norwegian bokmål), nn (Norwegian nynorsk: a
municipality whose written standard is nynorsk writes its decisions in it)
and en (English); the letter's every sentence is a catalogue text, and in
nynorsk the laws it cites are named in nynorsk (forvaltningslova).` + exitStatusSection,
		Example: `  kvp letter --birth-date 1990-01-01 --from 2026-01-01 --to 2026-06-30 --lang nb
  kvp letter -f examples/case-turns-25.yaml --lang nb -o html > vedtak.html
  kvp letter -f examples/case-turns-25.yaml --lang nn -o html > vedtak-nn.html
  kvp letter -f examples/case-reductions.yaml --withholding-percent 30 -o markdown
  kvp letter --birth-date 1990-01-01 --from 2026-01-01 --to 2026-03-31 --children 2 -o json --lang en`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Given = a.env(cmd), o.caseFlags(cmd)
			return runLetter(&o)
		},
	}
	addCaseFlags(cmd, &o.calcOptions)
	cmd.Flags().StringVar(&o.kind, "kind", string(letter.KindGrant), "the `KIND` of letter: grant (a new decision) or change (needs --regulated-on or --paid)")
	cmd.Flags().String("duration-regime", rules.DurationRegimeStart, "duration `REGIME` of the case file's programme, for its latest end (CONVENTION, see kvp period): start, or assessed on --to")
	return cmd
}

// letterFormat is the letter's output format: text unless -o (or the
// environment or config file) names one of letter.Formats. The global
// default, table, means text; -o table is a usage error.
func letterFormat(cfg *config.Config) (string, error) {
	if cfg.Get(config.KeyOutput) == "table" && !cfg.IsFlag(config.KeyOutput) {
		return "text", nil
	}
	return cfg.Choice(config.KeyOutput, letter.Formats)
}

// runLetter is kvp letter: the case computed with its steps, and the letter
// built from them, written in the format and language asked for.
func runLetter(o *letterOptions) error {
	cfg, err := o.Config()
	if err != nil {
		return err
	}
	format, err := letterFormat(cfg)
	if err != nil {
		return err
	}
	l, err := configLocale(cfg)
	if err != nil {
		return err
	}
	kind := letter.Kind(o.kind)
	switch {
	case !slices.Contains(letter.Kinds, o.kind):
		return flagUsageError("kind", rules.Errorf(rules.ErrNotOneOf, rules.Quote(o.kind), strings.Join(letter.Kinds, ", ")))
	case kind == letter.KindChange:
		return usageErrorf(errLetterChange) // what changed comes with kvp regulate's and kvp recalc's flags
	}
	cf, c, err := buildCase(&o.calcOptions)
	if err != nil {
		return err
	}
	topts, err := cf.Tax()
	if err != nil {
		return err
	}
	c.Explain, topts.Explain = true, true // the letter is written from the steps
	res, err := calc.Stipend(cfg.Params, c)
	if err != nil {
		return err
	}
	tax, err := calc.TaxFor(res, cfg.Params, topts)
	if err != nil {
		return err
	}
	cf.Rounding, cf.AgeSwitch, cf.LeapBirthday = string(c.Rounding), string(c.AgeSwitch), string(c.LeapBirthday)
	regime, err := caseRegime(cfg, cf)
	if err != nil {
		return err
	}
	if res.Warnings, err = caseWarnings(cf, c, res, regime); err != nil {
		return err
	}
	printWarnings(o.IO, l, res.Warnings)
	doc, err := letter.Build(letter.Input{Kind: kind, Result: res, Tax: tax})
	if err != nil {
		return err
	}
	if format == "json" {
		return writeJSON(o.IO.Out, letterDoc{SchemaVersion: schemaVersion, Stamp: newStamp(cfg, string(c.Rounding)), DocumentJSON: doc.JSON(l.lang())})
	}
	return letter.Write(o.IO.Out, doc, format, l.lang())
}
