package main

import (
	"io"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/config"
	"kvp/rules"
)

type ratesDoc struct {
	SchemaVersion int         `json:"schema_version"`
	AsOf          *rules.Date `json:"as_of,omitempty"` // --as-of: the parameters as known then
	*calc.Rates
	Explain []explainStep `json:"explain,omitempty"`
}

// ratesOptions are kvp rates' options.
type ratesOptions struct {
	dated
	explain bool
}

func newRatesCmd(a *app) *cobra.Command {
	var dateFlag string
	var o ratesOptions
	cmd := &cobra.Command{
		Use:   "rates",
		Short: "Show the stipend rates in force on a date",
		Long: `Show the rates in force on a date (default today): G, the stipend factor,
the yearly amount (factor × G; whole kroner as NAV publishes it), the average
monthly amount (yearly / 12) and the day rate (yearly / 260, rounded under the
rounding policy), for participants 25 and over and under 25 (2/3, sotjl. § 35),
and the child supplement per child per day and per year (KVP-forskriften § 3).

With --explain, each figure is followed by its derivation: the formula with
its values, the rounding applied, the legal reference and the parameter's
source (in JSON, the list "explain").` + exitStatusSection,
		Example: `  kvp rates
  kvp rates --date 2024-07-01
  kvp rates --date 2025-05-01 --explain --lang nb
  kvp rates --date 2026-05-01 --rounding exact -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Date = a.env(cmd), given(cmd, "date", &dateFlag)
			return runRates(&o)
		},
	}
	cmd.Flags().StringVar(&dateFlag, "date", "", "the `DATE` (YYYY-MM-DD; default today)")
	cmd.Flags().String("rounding", "nav", "rounding `POLICY` of the day rate: nav or exact")
	cmd.Flags().BoolVar(&o.explain, "explain", false, "show how each figure is derived: formula, rounding, legal reference, source")
	return cmd
}

// runRates is kvp rates: the rates in force on a date.
func runRates(o *ratesOptions) error {
	cfg, format, l, d, err := o.startOn()
	if err != nil {
		return err
	}
	rounding, err := cfg.Choice(config.KeyRounding, nil)
	if err != nil {
		return err
	}
	var trace *rules.Trace
	if o.explain {
		trace = &rules.Trace{}
	}
	r, err := calc.NewCalculator(cfg.Params).Rates(d, calc.Rounding(rounding), trace)
	if err != nil {
		return err
	}
	printWarnings(o.IO, l, notKnownWarnings(cfg.Params, d))
	if format == "json" {
		doc := ratesDoc{SchemaVersion: schemaVersion, AsOf: cfg.Params.AsOf, Rates: r}
		if o.explain {
			// JSON is the same in every language: the steps in English.
			doc.Explain = renderSteps(locale{}, trace.Steps)
		}
		return writeJSON(o.IO.Out, doc)
	}
	printAsOf(printer{w: o.IO.Out, l: l}, cfg.Params)
	if err := printRates(o.IO.Out, l, r); err != nil {
		return err
	}
	if o.explain {
		printExplain(o.IO.Out, l, renderSteps(l, trace.Steps))
	}
	return nil
}

// printRates prints the rates table in the language of l.
func printRates(w io.Writer, l locale, r *calc.Rates) error {
	exact := func(s string) string { // an unrounded figure given as a decimal string
		if d, err := decimal.NewFromString(s); err == nil {
			return l.Num(d)
		}
		return s
	}
	rows := [][]string{
		{"G", l.Kroner(r.G), "", "ftrl. § 1-4 · " + l.M(labelFromDate.M(r.GFrom))},
		{l.L(labelFactor), exact(r.Factor), "", rules.RefStipend + " · " + l.M(labelFromDate.M(r.FactorFrom))},
	}
	for _, b := range r.Bands {
		label := l.L(bandWords[b.Band])
		if b.Band == "under_25" {
			label += " (" + b.Share + ")"
		}
		rows = append(rows,
			[]string{l.M(ratesYearly.M(label)), l.Kroner(b.Yearly), l.Money(b.YearlyExact), l.domainText(b.Ref)},
			[]string{l.M(ratesMonthly.M(label)), l.Money(b.Monthly), "", l.L(ratesMonthlyNote)},
			[]string{l.M(ratesDaily.M(label)), l.Money(b.Daily), exact(b.DailyExact), l.M(ratesDailyNote.M(r.DayDivisor, string(r.Rounding)))},
		)
	}
	rows = append(rows,
		[]string{l.L(ratesChildPerDay), l.Money(r.ChildSupplementDay), "", l.domainText(r.ChildSupplementRef) + " · " + l.M(labelFromDate.M(r.ChildSupplementFrom))},
		[]string{l.L(ratesChildPerYear), l.Money(r.ChildSupplementYear), "", l.M(ratesChildPerYearNote.M(r.DayDivisor))},
	)
	heading(w, l.M(ratesHeading.M(r.Date)))
	return table(w, []string{"", l.L(labelAmount), l.L(labelUnrounded), l.L(labelReference)}, rows, 1, 2)
}
