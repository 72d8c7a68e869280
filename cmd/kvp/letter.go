package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/calc/letter"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// The words kvp letter adds to a change letter, and its usage errors.
var (
	errLetterChange      = rules.NewCode("err.usage.letter_change_needs")
	errLetterChangeBoth  = rules.NewCode("err.usage.letter_change_both")
	errLetterChangeFlags = rules.NewCode("err.usage.letter_change_flags", "flag")
	errLetterAsOfReg     = rules.NewCode("err.usage.letter_as_of_regulation")
	errLetterGOutside    = rules.NewCode("err.letter.regulated_g_outside", "regulated_on", "g", "g_from", "from", "to")
)

// letterOptions are kvp letter's options: a case as kvp calc takes it, the
// kind of letter, and for a change letter what changed: a G regulation
// (--regulated-on, as kvp regulate) or what was paid (--paid or
// --paid-case, with --recover and --settle, as kvp recalc).
type letterOptions struct {
	recalcOptions
	kind        string
	regulatedOn string
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
payments (the month or 14-day period earned, its pay date under the pay
settings as for kvp calc, the amount, and with --withholding-percent the
tax withheld, by the month of the pay date, and the amount paid out); the
reductions with their reason and paragraph (sotjl. §§ 34–38); tax and
pension (personal income, trygdeavgift, pension earning, no withholding in
June, half in December);
the legal basis (sotjl. §§ 29, 35, 39, and 34, 36–38, 40 where used); the
duty to report changes; the right to appeal to the statsforvalter within
three weeks (sotjl. § 47, forvaltningsloven § 29).

Kinds (--kind): grant, a new decision (the default); change, a change of a
decision, which needs what changed, and adds a section "What has changed"
after the period:

  --regulated-on DATE   a G regulation, as kvp regulate computes it: each
                        payment made before DATE at the old G, what was paid,
                        what is owed at the new G and the difference; the
                        back pay and the payment that carries it (the first
                        pay date on or after DATE). The letter's other
                        sections are the case priced at the new G. The case
                        file's regulated_on does as well. A DATE that
                        regulates no G in force in the case's period, or
                        --as-of with it, is a usage error.
  --paid FILE           what was paid, as kvp recalc reads it: an earlier
  --paid-case FILE      kvp calc -o json document, or the case file used
                        then; the case now is the flags or -f. Each payment
                        made against what is owed now, the facts that
                        changed, and the back pay, or the overpayment with
                        the § 40 recovery plan of --recover (20% or 1000 per
                        future payment; --settle net|gross as kvp recalc).

Without either, or with both, it is a usage error (exit status 2), as are
these flags in a grant letter. Every figure of the change is kvp regulate's
or kvp recalc's own.

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
  kvp letter --birth-date 1990-01-01 --from 2026-01-01 --to 2026-03-31 --children 2 -o json --lang en
  kvp letter --kind change --birth-date 1980-01-01 --from 2026-05-01 --to 2026-06-30 --regulated-on 2026-07-01 --lang nn
  kvp letter --kind change --paid-case examples/recalc-paid.yaml -f examples/recalc-now.yaml --recover 20% --lang nb
  kvp letter --kind change --paid paid.json -f case-now.yaml --recover 1000 -o html > endring.html`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Given = a.env(cmd), o.caseFlags(cmd)
			return runLetter(&o)
		},
	}
	addCaseFlags(cmd, &o.calcOptions)
	f := cmd.Flags()
	f.StringVar(&o.kind, "kind", string(letter.KindGrant), "the `KIND` of letter: grant (a new decision) or change (needs --regulated-on, --paid or --paid-case)")
	f.StringVar(&o.regulatedOn, "regulated-on", "", "change: the `DATE` the municipality began paying the new G (a back-pay letter, as kvp regulate)")
	f.StringVar(&o.paid, "paid", "", "change: what was paid, an earlier kvp calc -o json `FILE` (as kvp recalc)")
	f.StringVar(&o.paidCase, "paid-case", "", "change: what was paid, the case `FILE` used then (as kvp recalc)")
	f.StringVar(&o.recover, "recover", "", "change: recover an overpayment from each future payment (§ 40): `N%` of it, or N kroner (e.g. 20% or 1000)")
	f.StringVar(&o.settle, "settle", string(calc.SettleNet), "change: settlement of back pay and overpayment in different payments: net or gross (CONVENTION)")
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
	if !slices.Contains(letter.Kinds, o.kind) {
		return flagUsageError("kind", rules.Errorf(rules.ErrNotOneOf, rules.Quote(o.kind), strings.Join(letter.Kinds, ", ")))
	}
	byRecalc := o.paid != "" || o.paidCase != ""
	if kind == letter.KindGrant {
		for _, x := range []struct {
			flag  string
			given bool
		}{{"--regulated-on", o.regulatedOn != ""}, {"--paid", o.paid != ""}, {"--paid-case", o.paidCase != ""}, {"--recover", o.recover != ""}} {
			if x.given {
				return usageErrorf(errLetterChangeFlags, x.flag)
			}
		}
	}
	if kind == letter.KindChange && byRecalc && o.regulatedOn != "" {
		return usageErrorf(errLetterChangeBoth)
	}
	if kind == letter.KindChange && !byRecalc && o.regulatedOn == "" && o.file == "" {
		return usageErrorf(errLetterChange) // a case file may give regulated_on
	}
	var in letter.Input
	var st stamp
	var err2 error
	switch {
	case kind == letter.KindChange && byRecalc:
		in, st, err2 = recalcLetter(o, cfg, l)
	case kind == letter.KindChange:
		in, st, err2 = regulationLetter(o, cfg, l)
	default:
		in, st, err2 = grantLetter(o, cfg, l)
	}
	if err2 != nil {
		return err2
	}
	in.Kind = kind
	doc, err := letter.Build(in)
	if err != nil {
		return err
	}
	if format == "json" {
		return writeJSON(o.IO.Out, letterDoc{SchemaVersion: schemaVersion, Stamp: st, DocumentJSON: doc.JSON(l.lang())})
	}
	return letter.Write(o.IO.Out, doc, format, l.lang())
}

// grantLetter is the input of a grant letter: the case computed with its
// steps, and its tax.
func grantLetter(o *letterOptions, cfg *config.Config, l locale) (letter.Input, stamp, error) {
	cf, c, err := buildCase(&o.calcOptions)
	if err != nil {
		return letter.Input{}, stamp{}, err
	}
	c.Explain = true // the letter is written from the steps
	res, err := calc.Stipend(o.params, c)
	if err != nil {
		return letter.Input{}, stamp{}, err
	}
	tax, err := letterTax(o, cf, c, res, o.params, l, cfg)
	return letter.Input{Result: res, Tax: tax, AsOf: o.params.AsOf}, caseStamp(cfg, o.params, string(c.Rounding)), err
}

// letterTax is the tax section of res, computed with its steps, after the
// case's warnings are printed.
func letterTax(o *letterOptions, cf *caseinput.Case, c calc.Case, res *calc.Result, p *rules.Params, l locale, cfg *config.Config) (*calc.TaxSection, error) {
	topts, err := cf.Tax()
	if err != nil {
		return nil, err
	}
	topts.Explain = true
	tax, err := taxAndWarnings(cfg, cf, c, res, p, topts)
	if err != nil {
		return nil, err
	}
	printWarnings(o.IO, l, res.Warnings)
	return tax, nil
}

// regulationLetter is the input of a back-pay letter after a G regulation:
// kvp regulate's computation (calc.Regulator), the case priced at the new
// G with its steps, and the change from the regulation's payments.
func regulationLetter(o *letterOptions, cfg *config.Config, l locale) (letter.Input, stamp, error) {
	var on *rules.Date
	if o.regulatedOn != "" {
		d, err := parseDateFlag("regulated-on", o.regulatedOn)
		if err != nil {
			return letter.Input{}, stamp{}, err
		}
		on = &d
	}
	cf, c, err := buildCase(&o.calcOptions)
	if err != nil {
		return letter.Input{}, stamp{}, err
	}
	if on == nil {
		on = cf.RegulatedOn
	}
	if on == nil {
		return letter.Input{}, stamp{}, usageErrorf(errLetterChange)
	}
	if o.params.AsOf != nil { // as kvp regulate: the regulation date says what was known
		return letter.Input{}, stamp{}, usageErrorf(errLetterAsOfReg)
	}
	cf.RegulatedOn = on
	r, err := calc.NewRegulator(cfg.AllParams, *on)
	if err != nil {
		return letter.Input{}, stamp{}, err
	}
	if !r.Regulates(cfg.AllParams, c.Period) {
		field := "--regulated-on"
		if o.regulatedOn == "" {
			field = "regulated_on" // the case file's
		}
		err := rules.Errorf(errLetterGOutside, r.RegulatedOn, letter.Amount(calc.M(r.NewG.Value)), r.NewG.From, c.Period.From, c.Period.To)
		return letter.Input{}, stamp{}, usageError(rules.FieldErr(field, err))
	}
	c.Explain = true
	reg, err := r.Regulate(c)
	if err != nil {
		return letter.Input{}, stamp{}, err
	}
	res := reg.Result
	tax, err := letterTax(o, cf, c, res, cfg.AllParams, l, cfg)
	if err != nil {
		return letter.Input{}, stamp{}, err
	}
	st := newStamp(cfg, string(c.Rounding))
	st.AsOf, st.ParamsHash = nil, config.Hash(cfg.AllParams) // as kvp regulate: the regulation date says what was known
	return letter.Input{Result: res, Tax: tax, Change: letter.RegulationChange(reg)}, st, nil
}

// recalcLetter is the input of a change letter after a recalculation: kvp
// recalc's computation, the case now with its steps, and the change from
// the recalculation's payments, settlement and recovery plan.
func recalcLetter(o *letterOptions, cfg *config.Config, l locale) (letter.Input, stamp, error) {
	o.explain = true // the letter is written from the case now's steps
	run, err := computeRecalc(&o.recalcOptions, cfg)
	if err != nil {
		return letter.Input{}, stamp{}, err
	}
	printWarnings(o.IO, l, run.doc.Warnings)
	topts, err := run.cf.Tax()
	if err != nil {
		return letter.Input{}, stamp{}, err
	}
	topts.Explain = true
	tax, err := calc.TaxFor(run.res, o.recalcOptions.params, topts)
	if err != nil {
		return letter.Input{}, stamp{}, err
	}
	return letter.Input{Result: run.res, Tax: tax, Change: recalcChange(run), AsOf: run.doc.Stamp.AsOf}, run.doc.Stamp, nil
}

// recalcChange is the change section of a recalculation, from its own
// figures (letter.RecalcChange), with the rules the changed facts touched
// as its reason.
func recalcChange(run *recalcResult) *letter.Change {
	var topics letter.Words
	pc, nc := run.doc.Paid.Case, run.cf
	extended := *nc.From <= *pc.From && *pc.To <= *nc.To // the case now covers what was paid
	seen := map[string]bool{}
	for _, f := range run.doc.ChangedFacts {
		if (f.Topic == "period" && extended) || seen[f.Topic] {
			continue // a period run on is not why a payment made changes
		}
		seen[f.Topic] = true
		topics = append(topics, recalcTopics[f.Topic].M())
	}
	return letter.RecalcChange(run.doc.Recalc, run.res, run.recovery, topics)
}
