package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kvp/calc"
	"kvp/config/caseinput"
	"kvp/rules"
)

// taxDoc is the JSON document of kvp tax.
type taxDoc struct {
	SchemaVersion int                `json:"schema_version"`
	Stamp         stamp              `json:"stamp"`
	Breakdown     *calc.TaxBreakdown `json:"tax"`
	Explain       []explainStep      `json:"explain,omitempty"` // with --explain
}

// taxOptions are kvp tax's options: Year, Income and BirthDate are nil
// when their flag is not given.
type taxOptions struct {
	env
	Year              *int
	Income, BirthDate *string
	finnmark, explain bool
}

func newTaxCmd(a *app) *cobra.Command {
	var year int
	var income, birthDate string
	var o taxOptions
	cmd := &cobra.Command{
		Use:   "tax",
		Short: "Show the tax on a personal income in one income year",
		Long: `Show the tax-relevant amounts of a personal income (personinntekt) taxed like
wages, as the stipend is: trygdeavgift with the lower limit and the 25 %
phase-in (ftrl. § 23-3), minimum deduction (sktl. § 6-32), ordinary income
(alminnelig inntekt), personal allowance, tax on ordinary income (22 %),
step tax (trinnskatt), the total, the average rate, the net per year and per
month (a twelfth), and the pension earning (18.1 % of income up to 7.1 × the
year's average G, ftrl. § 3-15). Every line carries its formula, its legal
reference and the parameters used.

Trygdeavgift is charged at the wage rate (mellomsats), or at the low rate
(lav sats, 5.1 %) for a person under 17 or over 69 (ftrl. § 23-3 (2) nr. 1 c).
Give --birth-date to choose: CONVENTION (age in the income year), the age
reached by 31 December of the income year decides, so the low rate applies
from the year of the 70th birthday and up to the year of the 16th. Without
--birth-date the wage rate is used. The output says which.

With --finnmark the tax on ordinary income is 18.5 % and the Finnmark
allowance (finnmarksfradrag, sktl. § 15-5) reduces its basis, shown on its
own line; ordinary income itself is not reduced (§ 15-5 third paragraph).

With --explain, the table is followed by the derivation of each line in
order: the formula with its values, the result, the rounding (to the øre,
half up, where the line is computed), the legal reference and the
parameters with their source. In JSON the same steps are the list
"explain". With --lang nb the labels, amounts (20 455,59 kr) and the
explanation are in Norwegian; JSON is the same in both languages.

Parameters are embedded for income years 2023–2026; add a year under tax:
in the config file (see README).` + exitStatusSection,
		Example: `  kvp tax --year 2025 --income 265657
  kvp tax --year 2025 --income 265657 --birth-date 1955-08-20
  kvp tax --year 2026 --income 300000 --finnmark
  kvp tax --year 2026 --income 120000 -o json
  kvp tax --year 2025 --income 265657 --explain --lang nb`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env = a.env(cmd)
			o.Year, o.Income, o.BirthDate = given(cmd, "year", &year), given(cmd, "income", &income), given(cmd, "birth-date", &birthDate)
			return runTax(&o)
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "the income `YEAR`")
	cmd.Flags().StringVar(&income, "income", "", "personal income in kroner (`AMOUNT`)")
	cmd.Flags().StringVar(&birthDate, "birth-date", "", "the person's birth `DATE`: the low trygdeavgift rate under 17 or over 69 (by the age reached by 31 December)")
	cmd.Flags().BoolVar(&o.finnmark, "finnmark", false, "resident in Finnmark or Nord-Troms (18.5 %, finnmarksfradrag)")
	cmd.Flags().BoolVar(&o.explain, "explain", false, "show how each figure is derived: formula, rounding, legal reference, source")
	return cmd
}

// runTax is kvp tax: the tax on one personal income in one income year.
func runTax(o *taxOptions) error {
	cfg, format, l, err := o.start()
	if err != nil {
		return err
	}
	if o.Year == nil || o.Income == nil {
		return usageErrorf(errRequiredBoth, "--year", "--income")
	}
	year := *o.Year
	if year < rules.MinYear || year > rules.MaxYear {
		return flagUsageError("year", rules.Errorf(errYearRange, year, rules.MinYear, rules.MaxYear))
	}
	amount, err := caseinput.ParseNumber(*o.Income)
	if err != nil || amount.IsNegative() {
		return flagUsageError("income", rules.Errorf(errIncome, rules.Quote(*o.Income)))
	}
	birthYear := 0
	if o.BirthDate != nil {
		born, err := parseDateFlag("birth-date", *o.BirthDate)
		if err != nil {
			return err
		}
		if born.Year() > year {
			return flagUsageError("birth-date", rules.Errorf(errAfterIncomeYear, born.String(), year))
		}
		birthYear = born.Year()
	}
	params, err := cfg.Params.Tax.Year(year)
	if err != nil {
		return err
	}
	// The table shows each figure's formula: one computation, so it is
	// always explained.
	in := calc.TaxInput{Year: year, PersonalIncome: amount, Finnmark: o.finnmark, BirthYear: birthYear, Explain: true,
		Overrides: cfg.Params.TaxOverrides[year]}
	if err := in.Check(params); err != nil {
		return err
	}
	if avg, err := cfg.Params.AverageG(year); err == nil {
		in.AverageG = avg
	}
	b := calc.Tax(in, params)
	if format == "json" {
		doc := taxDoc{SchemaVersion: schemaVersion, Stamp: newStamp(cfg, ""), Breakdown: &b}
		if o.explain {
			doc.Explain = taxExplain(locale{}, b)
		}
		return writeJSON(o.IO.Out, doc)
	}
	printAsOf(printer{w: o.IO.Out, l: l}, cfg.Params)
	heading(o.IO.Out, l.M(taxHeading.M(year)))
	if err := printTaxLines(o.IO.Out, l, b); err != nil {
		return err
	}
	fmt.Fprintln(o.IO.Out, trygdeavgiftRateText(l, b, true))
	if o.explain {
		printExplain(o.IO.Out, l, taxExplain(l, b))
	}
	return nil
}

// taxExplain renders the steps calc.Tax recorded, and names the rule that
// chose the trygdeavgift rate beside its step.
func taxExplain(l locale, b calc.TaxBreakdown) []explainStep {
	steps := renderSteps(l, b.Steps)
	for i := range steps {
		if steps[i].Key == "tax.trygdeavgift" {
			if steps[i].Source != "" {
				steps[i].Source += "; "
			}
			steps[i].Source += trygdeavgiftConvention(l, b)
		}
	}
	return steps
}

// trygdeavgiftConvention names the rule that chose the trygdeavgift rate:
// the CONVENTION (age in the income year) when the birth date is known.
func trygdeavgiftConvention(l locale, b calc.TaxBreakdown) string {
	if b.AgeInIncomeYear == nil {
		return l.M(taxConventionNone.M(rules.TrygdeavgiftLowUnder, rules.TrygdeavgiftLowOver, rules.RefTrygdeavgiftLow))
	}
	return l.M(taxConvention.M(rules.TrygdeavgiftLowUnder, rules.TrygdeavgiftLowOver, rules.RefTrygdeavgiftLow))
}

// printTaxLines prints one row per recorded step of b: the figure, the
// amount, the formula with its values, the reference and the parameters.
func printTaxLines(w io.Writer, l locale, b calc.TaxBreakdown) error {
	steps := renderSteps(l, b.Steps)
	rows := make([][]string, 0, len(steps))
	for _, s := range steps {
		rows = append(rows, []string{s.Figure, s.Result, s.Formula, s.Ref, s.Source})
	}
	if err := table(w, []string{"", l.L(labelAmount), l.L(labelFormula), l.L(labelReference), l.L(labelParameters)}, rows, 1); err != nil {
		return err
	}
	rate := b.AverageRate.Shift(2).StringFixed(2)
	if l.norwegian() {
		rate = strings.Replace(rate, ".", ",", 1)
	}
	fmt.Fprintln(w, l.M(taxAverageRate.M(rate)))
	return nil
}

// trygdeavgiftRateText says which trygdeavgift rate b used and why:
// "Trygdeavgift at the low rate (lav sats): age 70 by 31 December 2025,
// over 69 (ftrl. § 23-3 (2) nr. 1 c)". flag says the birth date is a flag
// (kvp tax), so its absence can be named.
func trygdeavgiftRateText(l locale, b calc.TaxBreakdown, flag bool) string {
	switch {
	case b.AgeInIncomeYear == nil && flag:
		return l.M(taxWageNoFlag.M(rules.TrygdeavgiftLowUnder, rules.TrygdeavgiftLowOver, rules.RefTrygdeavgiftLow))
	case b.AgeInIncomeYear == nil:
		return l.L(taxWageNoBirthDate)
	case b.TrygdeavgiftRateKind == calc.TrygdeavgiftLowRate:
		bound := taxOver.M(rules.TrygdeavgiftLowOver)
		if *b.AgeInIncomeYear < rules.TrygdeavgiftLowUnder {
			bound = taxUnder.M(rules.TrygdeavgiftLowUnder)
		}
		return l.M(taxLowRate.M(*b.AgeInIncomeYear, b.Year, bound, rules.RefTrygdeavgiftLow))
	default:
		return l.M(taxWageRate.M(*b.AgeInIncomeYear, b.Year, rules.RefTrygdeavgift))
	}
}

// taxFlags are the tax facts of kvp calc.
type taxFlags struct {
	otherIncome []string
	finnmark    bool
	withholding string
	basis       string
}

func addTaxFlags(f *pflag.FlagSet, o *taxFlags) {
	f.StringArrayVar(&o.otherIncome, "other-income", nil, "other personal income in an income year, `YEAR=AMOUNT` (repeatable)")
	f.BoolVar(&o.finnmark, "finnmark", false, "resident in Finnmark or Nord-Troms (18.5 %, finnmarksfradrag)")
	f.StringVar(&o.withholding, "withholding-percent", "", "the tax card's withholding `PERCENT`; shows the withholding per payment (none in June, half in December; on 14-days the first two payments of the month)")
	f.StringVar(&o.basis, "income-year", "paid", "which income year a month counts in: paid (the month after it is earned) or earned")
}

// printTaxSectionLang prints the tax section of kvp calc: one column per
// income year, fitted like calc's other tables.
func printTaxSectionLang(p printer, t *calc.TaxSection) error {
	if len(t.Years) == 0 {
		return nil
	}
	w, l := p.w, p.l
	title := taxSection
	if t.Finnmark {
		title = taxSectionFinnmark
	}
	heading(w, l.M(title.M(taxBasisWords[t.Basis].M())))
	head := []string{""}
	right := []int{}
	for i, y := range t.Years {
		head = append(head, strconv.Itoa(y.Year))
		right = append(right, i+1)
	}
	head = append(head, l.L(labelReference))
	var keys []string
	labels := map[string]string{}
	refs := map[string]string{}
	cells := make([]map[string]string, len(t.Years)) // per year: key → amount
	for i, y := range t.Years {
		if y.Tax == nil {
			continue
		}
		cells[i] = map[string]string{}
		for _, s := range renderSteps(l, y.Tax.Steps) {
			if _, ok := labels[s.Key]; !ok {
				keys = append(keys, s.Key)
				labels[s.Key], refs[s.Key] = s.Figure, s.Ref
			}
			cells[i][s.Key] = s.Result
		}
	}
	rows := [][]string{}
	row := []string{l.L(taxSectionStipend)}
	for _, y := range t.Years {
		row = append(row, l.Money(y.Stipend))
	}
	rows = append(rows, append(row, calc.RefStipend))
	row = []string{l.L(taxSectionOther)}
	for _, y := range t.Years {
		row = append(row, l.Money(y.OtherIncome))
	}
	rows = append(rows, append(row, ""))
	for _, k := range keys {
		row := []string{labels[k]}
		for i := range t.Years {
			cell, ok := cells[i][k]
			if !ok {
				cell = l.L(wordNotAvailable)
			}
			row = append(row, cell)
		}
		rows = append(rows, append(row, refs[k]))
	}
	if err := p.table(head, rows, right...); err != nil {
		return err
	}
	for _, y := range t.Years {
		if y.Note != nil {
			fmt.Fprintf(w, "%d: %s\n", y.Year, l.M(*y.Note))
		}
		if y.Tax != nil && y.Tax.TrygdeavgiftRateKind == calc.TrygdeavgiftLowRate {
			fmt.Fprintf(w, "%d: %s\n", y.Year, trygdeavgiftRateText(l, *y.Tax, false))
		}
	}
	if len(t.Withholding) > 0 {
		pct := *t.WithholdingPercent
		if l.norwegian() {
			pct = strings.Replace(pct, ".", ",", 1)
		}
		heading(w, l.M(taxWithholding.M(pct)))
		rows = nil
		for _, m := range t.Withholding {
			rows = append(rows, []string{taxMonth(l, m.PaidIn), l.Money(m.Paid), l.Money(m.Withheld), l.Money(m.PaidOut), optText(l, m.Note)})
		}
		var head []string
		for _, c := range []rules.Code{taxWithholdingPaidIn, taxWithholdingPaid, taxWithheld, taxWithholdingPaidOut, labelNote} {
			head = append(head, l.L(c))
		}
		return p.table(head, rows, 1, 2, 3)
	}
	return nil
}

// taxMonth writes the month of a payment: "2026-07", "07.2026".
func taxMonth(l locale, ym calc.YearMonth) string {
	s := ym.String()
	if !l.norwegian() || len(s) != 7 {
		return s
	}
	return s[5:7] + "." + s[0:4]
}

// optText is an optional message (a note) in l, or "".
func optText(l locale, m *rules.Message) string {
	if m == nil {
		return ""
	}
	return l.M(*m)
}
