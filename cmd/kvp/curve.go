package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// curveOptions are kvp curve's options: a case as kvp calc reads it, the
// input to vary and, for work hours, what an hour earns.
type curveOptions struct {
	calcOptions
	vary  []string // each --vary; one is allowed
	wage  string
	chart string
}

// curveDoc is kvp curve's JSON document.
type curveDoc struct {
	SchemaVersion int              `json:"schema_version"`
	Stamp         stamp            `json:"stamp"`
	Case          *caseinput.Case  `json:"case"`
	Vary          curveVaried      `json:"vary"`
	HourlyWage    *decimal.Decimal `json:"hourly_wage,omitempty"`
	// IncomeYearBasis is the income year the payments count in for the
	// tax: earned unless the case or --income-year says paid (CONVENTION).
	IncomeYearBasis calc.IncomeBasis  `json:"income_year_basis"`
	Points          []calc.CurvePoint `json:"points"`
	// StipendZero are the values where the stipend reaches zero, Cliffs
	// those where the net after tax falls as the gross income rises.
	StipendZero []decimal.Decimal `json:"stipend_zero_at"`
	Cliffs      []decimal.Decimal `json:"cliffs_at"`
	// TaxNotes say which income years have no tax figure (no tax
	// parameters): the tax and the net after tax leave them out.
	TaxNotes []rules.Message `json:"tax_notes"`
}

// curveVaried is the --vary of a curve.
type curveVaried struct {
	Key  string          `json:"key"`
	At   string          `json:"at,omitempty"`
	From decimal.Decimal `json:"from"`
	To   decimal.Decimal `json:"to"`
	Step decimal.Decimal `json:"step"`
}

var (
	errWageNeedsHours = rules.NewCode("err.curve.wage_needs_hours")
	errChartExt       = rules.NewCode("err.chart.extension", "path")
	curveTitle        = rules.NewCode("curve.title", "key")
	labelTax          = rules.NewCode("label.tax")
	labelNetAfterTax  = rules.NewCode("label.net_after_tax")
	labelGross        = rules.NewCode("label.gross")
	labelMarginalRate = rules.NewCode("label.marginal_rate")
	labelMark         = rules.NewCode("label.mark")
	wordStipendZero   = rules.NewCode("word.stipend_zero")
	wordCliff         = rules.NewCode("word.cliff")
)

func newCurveCmd(a *app) *cobra.Command {
	var o curveOptions
	cmd := &cobra.Command{
		Use:   "curve",
		Short: "Vary one input of a case and show the figures at each value",
		Long: `Compute one case (flags, or -f case.yaml) at each value of one input,
--vary KEY=FROM..TO/STEP (FROM, FROM+STEP, … up to TO; at most 10 000
points), with the same calculation as kvp calc: per point the stipend, the
child supplement, the reductions and the net over the period, and the tax
and the net after tax of the income years that have tax parameters.
CONVENTION (curve basis): a curve counts each month in the income year it
was earned (--income-year earned), so that December is taxed with its own
year and net − tax = net after tax on every point; --income-year paid (or
the case's income_year) counts it in the year paid, and the table then says
above its rows which years have no tax parameters and are left out.

KEY is one of
  work-hours      paid work, hours a week (0 to 37.5) for the whole period (§ 37)
  other-income    other personal income, kroner in each calendar year of the period
  other-benefit   dagpenger (a § 38 benefit), kroner a day for the whole period
  g               the G from the period's first 1 May (or the last before it), whole kroner
  g%              every G scaled by a percentage (-5 is 5 % lower), rounded to whole kroner
or a parameter --set takes, with its date or income year: factor@2026-01-01,
child_supplement@2026-01-01, personal_allowance@2026, step3_rate@2026, …
FROM is at least 0 for other-income and other-benefit, 1 for g, and above
-100 for g%. One --vary per run: a second is a usage error (exit 2).

The effective marginal rate between two points is 1 − Δ(net after tax) /
Δ(gross income): the share of one more krone lost to reductions and tax
(kept: 1 minus it), 4 decimals, rounded half away from zero. It is given
where the varied input is the participant's income: other-income,
other-benefit (the benefit is taxed as other income), and work-hours with
--hourly-wage (the wage, on each weekday of the period at hours/5 a day,
is taxed as other income). The first point where nothing is paid is marked
(stipend zero), and each cliff: the net after tax falls although the gross
income rises.

Output: a table, -o json (the points under "points", each with its
"value" and the figures by their names in kvp calc), or -o csv.
--chart FILE.svg or FILE.png draws the net, the net after tax and the
stipend against the varied input, with the zero point and the cliffs
marked; its title, axes and legend follow --lang.` + exitStatusSection,
		Example: `  kvp curve --birth-date 1990-01-01 --from 2026-01-01 --to 2026-12-31 --vary work-hours=0..37.5/2.5
  kvp curve --birth-date 1990-01-01 --from 2026-01-01 --to 2026-12-31 --vary work-hours=0..37.5/2.5 --hourly-wage 250 -o csv
  kvp curve --birth-date 1990-01-01 --from 2026-01-01 --to 2026-12-31 --vary other-income=0..400000/20000 --chart curve.svg
  kvp curve -f examples/case-basic.yaml --vary personal_allowance@2026=100000..140000/10000 -o json
  kvp curve --birth-date 1990-01-01 --from 2026-01-01 --to 2026-12-31 --vary g%=-5..5/1 --lang nb`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Given = a.env(cmd), o.caseFlags(cmd)
			return runCurve(&o)
		},
	}
	addCaseFlags(cmd, &o.calcOptions)
	f := cmd.Flags()
	f.StringArrayVar(&o.vary, "vary", nil, "the input to vary, `KEY=FROM..TO/STEP` (e.g. work-hours=0..37.5/2.5); once")
	f.StringVar(&o.wage, "hourly-wage", "", "with --vary work-hours: what an hour of work earns, `AMOUNT` kroner (taxed as other income)")
	f.StringVar(&o.chart, "chart", "", "write a chart to `FILE` (.svg or .png)")
	return cmd
}

// runCurve is kvp curve.
func runCurve(o *curveOptions) error {
	cfg, format, l, err := o.start("table", "json", "csv")
	if err != nil {
		return err
	}
	switch {
	case len(o.vary) == 0:
		return usageErrorf(errRequired, "--vary")
	case len(o.vary) > 1: // a curve varies one input; a second --vary is not silently dropped
		return flagUsageError("vary", rules.Errorf(errVaryOnce, len(o.vary)))
	}
	v, err := parseVary(o.vary[0])
	if err != nil {
		return flagUsageError("vary", err)
	}
	var wage *decimal.Decimal
	if o.wage != "" {
		if v.Key != varyWorkHours {
			return flagUsageError("hourly-wage", rules.Errorf(errWageNeedsHours))
		}
		d, err := varyNumber(o.wage)
		if err != nil || d.IsNegative() {
			return flagUsageError("hourly-wage", rules.Errorf(errIncome, rules.Quote(o.wage)))
		}
		wage = &d
	}
	if err := checkChartPath(o.chart); err != nil {
		return err
	}
	cf, c, err := buildCase(&o.calcOptions)
	if err != nil {
		return err
	}
	topts, err := cf.Tax()
	if err != nil {
		return err
	}
	if cf.IncomeYear == "" {
		// CONVENTION (curve basis): a curve compares its points over the
		// period's own income years, so that December, paid in January,
		// is taxed with the year it belongs to and every column adds up.
		topts.Basis = calc.IncomeBasisEarned
	}
	doc, err := curvePoints(o.params, c, topts, v, wage)
	if err != nil {
		return err
	}
	doc.IncomeYearBasis = topts.Basis
	doc.Stamp = caseStamp(cfg, o.params, string(c.Rounding))
	cf.Rounding, cf.AgeSwitch, cf.LeapBirthday = string(c.Rounding), string(c.AgeSwitch), string(c.LeapBirthday)
	doc.Case = cf
	if format != "table" { // the table says it above its rows
		for _, n := range doc.TaxNotes {
			fmt.Fprintf(o.IO.ErrOut, "kvp: %s: %s\n", l.L(labelWarning), l.M(n))
		}
	}
	if o.chart != "" {
		if err := writeChart(o.chart, curveChart(l, doc)); err != nil {
			return err
		}
	}
	switch format {
	case "json":
		return writeJSON(o.IO.Out, doc)
	case "csv":
		return writeCurveCSV(o.IO.Out, doc)
	}
	printAsOf(printer{w: o.IO.Out, l: l}, o.params)
	return printCurve(o.IO.Out, l, doc)
}

// curvePoints prices c at each value of v: Stipend and TaxFor under p, or
// under p changed by the varied parameter.
func curvePoints(p *rules.Params, c calc.Case, topts calc.TaxOptions, v vary, wage *decimal.Decimal) (*curveDoc, error) {
	doc := &curveDoc{SchemaVersion: schemaVersion, HourlyWage: wage, Points: make([]calc.CurvePoint, 0, v.n),
		Vary:        curveVaried{Key: v.Key, At: v.At, From: v.From, To: v.To, Step: v.Step},
		StipendZero: []decimal.Decimal{}, Cliffs: []decimal.Decimal{}, TaxNotes: []rules.Message{}}
	k := calc.NewCalculator(p)
	for i, x := range v.values() {
		pc, pt, income, ok := calc.CurveCase(c, topts, v.Key, x, wage)
		pp := p
		if !ok { // a parameter
			q, err := variedParams(p, c.Period, v, x)
			if err != nil {
				return nil, flagUsageError("vary", err)
			}
			pp = q
		}
		calcK := k
		if pp != p {
			calcK = calc.NewCalculator(pp)
		}
		res, err := calcK.Stipend(pc)
		if err != nil {
			return nil, err
		}
		tax, err := calc.TaxFor(res, pp, pt)
		if err != nil {
			return nil, err
		}
		doc.Points = append(doc.Points, calc.NewCurvePoint(x, res, tax, income))
		if i == 0 {
			for _, y := range tax.Years {
				if y.Tax == nil && y.Note != nil {
					doc.TaxNotes = append(doc.TaxNotes, *y.Note)
				}
			}
		}
	}
	calc.MarkCurve(doc.Points)
	for _, pt := range doc.Points {
		if pt.StipendZero {
			doc.StipendZero = append(doc.StipendZero, pt.Value)
		}
		if pt.Cliff {
			doc.Cliffs = append(doc.Cliffs, pt.Value)
		}
	}
	return doc, nil
}

// variedParams is p with the varied parameter at x: a G, every G scaled,
// or a parameter as --set sets it.
func variedParams(p *rules.Params, period rules.Period, v vary, x decimal.Decimal) (*rules.Params, error) {
	q := p.Clone()
	switch v.Key {
	case varyG:
		may := rules.NewDate(period.From.Year(), 5, 1) // the period's first 1 May
		if may < period.From {
			may = rules.NewDate(period.From.Year()+1, 5, 1)
		}
		if may > period.To { // none in the period: the last 1 May before it, whose G is in force
			may = rules.NewDate(period.From.Year()-1, 5, 1)
			if m := rules.NewDate(period.From.Year(), 5, 1); m <= period.From {
				may = m
			}
		}
		if err := q.Set(rules.KeyG, may, x.String(), "", "kvp curve --vary", rules.OriginFlag); err != nil {
			return nil, err
		}
	case varyGPercent:
		scale := decimal.NewFromInt(100).Add(x)
		for i := range q.G.Items {
			q.G.Items[i].Value = q.G.Items[i].Value.Mul(scale).DivRound(decimal.NewFromInt(100), 0)
			q.G.Items[i].Origin = rules.OriginFlag
		}
	default:
		if err := config.ApplySet(q, v.Key+"@"+v.At+"="+x.String(), rules.OriginFlag); err != nil {
			return nil, err
		}
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return q, nil
}

// curveMark is a point's marks in the table: stipend zero, cliff.
func curveMark(l locale, p calc.CurvePoint) string {
	var marks []string
	if p.StipendZero {
		marks = append(marks, l.L(wordStipendZero))
	}
	if p.Cliff {
		marks = append(marks, l.L(wordCliff))
	}
	return strings.Join(marks, ", ")
}

func printCurve(w io.Writer, l locale, doc *curveDoc) error {
	key := doc.Vary.Key
	if doc.Vary.At != "" {
		key += "@" + doc.Vary.At
	}
	heading(w, l.M(curveTitle.M(key)))
	for _, n := range doc.TaxNotes { // the years the tax columns leave out
		if _, err := io.WriteString(w, l.M(n)+"\n"); err != nil {
			return err
		}
	}
	money := func(m *calc.Money) string {
		if m == nil {
			return l.L(wordNotAvailable)
		}
		return l.Money(*m)
	}
	rate := func(d *decimal.Decimal) string {
		if d == nil {
			return ""
		}
		return l.Num(*d)
	}
	var rows [][]string
	for _, p := range doc.Points {
		red := p.Interruption + p.Absence + p.Work + p.OtherBenefits
		row := []string{l.Num(p.Value), l.Money(p.Stipend), l.Money(p.ChildSupplement), l.Money(red), l.Money(p.Net), money(p.Tax), money(p.NetAfterTax)}
		if p.Gross != nil || doc.Points[0].Gross != nil {
			row = append(row, money(p.Gross), rate(p.MarginalRate))
		}
		rows = append(rows, append(row, curveMark(l, p)))
	}
	head := []string{key, l.L(labelStipend), l.L(labelChildSuppl), l.L(labelReductions), l.L(labelNet), l.L(labelTax), l.L(labelNetAfterTax)}
	right := []int{0, 1, 2, 3, 4, 5, 6}
	if len(doc.Points) > 0 && doc.Points[0].Gross != nil {
		head = append(head, l.L(labelGross), l.L(labelMarginalRate))
		right = append(right, 7, 8)
	}
	return table(w, append(head, l.L(labelMark)), rows, right...)
}

// curveCSVColumns are kvp curve -o csv's columns: the JSON names.
var curveCSVColumns = []string{"value", "stipend", "child_supplement", "interruption", "absence", "work", "other_benefits", "net",
	"tax", "net_after_tax", "gross", "marginal_rate", "kept", "stipend_zero", "cliff"}

func writeCurveCSV(w io.Writer, doc *curveDoc) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(curveCSVColumns)
	opt := func(m *calc.Money) string {
		if m == nil {
			return ""
		}
		return m.String()
	}
	dec := func(d *decimal.Decimal) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	for _, p := range doc.Points {
		_ = cw.Write([]string{p.Value.String(), p.Stipend.String(), p.ChildSupplement.String(), p.Interruption.String(), p.Absence.String(),
			p.Work.String(), p.OtherBenefits.String(), p.Net.String(), opt(p.Tax), opt(p.NetAfterTax), opt(p.Gross),
			dec(p.MarginalRate), dec(p.Kept), strconv.FormatBool(p.StipendZero), strconv.FormatBool(p.Cliff)})
	}
	cw.Flush()
	return cw.Error()
}
