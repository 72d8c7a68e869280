package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// compareRow is one line of a comparison: the baseline, the scenario, the
// difference in kroner and in per cent of the baseline.
type compareRow struct {
	Label      string     `json:"-"`
	From       rules.Date `json:"from,omitzero"`
	To         rules.Date `json:"to,omitzero"`
	Month      string     `json:"month,omitempty"`
	Year       int        `json:"year,omitempty"`
	Baseline   calc.Money `json:"baseline"`
	Scenario   calc.Money `json:"scenario"`
	Difference calc.Money `json:"difference"`
	Percent    *string    `json:"percent"` // null when the baseline is zero
}

type compareSide struct {
	Title      string `json:"title"`
	Path       string `json:"path,omitempty"`
	LegalBasis string `json:"legal_basis,omitempty"`
	ParamsHash string `json:"params_hash"`
	// Warnings are calc.Warnings of the case under this side's parameters,
	// the same as kvp calc gives.
	Warnings []rules.Warning `json:"warnings"`
}

type compareDoc struct {
	SchemaVersion int             `json:"schema_version"`
	Stamp         stamp           `json:"stamp"`
	Case          *caseinput.Case `json:"case"`
	Baseline      compareSide     `json:"baseline"`
	Scenario      compareSide     `json:"scenario"`
	Segments      []compareRow    `json:"segments"`
	Months        []compareRow    `json:"months"`
	Years         []compareRow    `json:"years"`
	Total         compareRow      `json:"total"`
	TaxYears      []compareTax    `json:"tax_years"`
}

// compareTax compares the tax-relevant amounts of one income year.
type compareTax struct {
	Year          int            `json:"year"`
	TaxBaseline   *calc.Money    `json:"tax_baseline"`
	TaxScenario   *calc.Money    `json:"tax_scenario"`
	NetBaseline   *calc.Money    `json:"net_after_tax_baseline"`
	NetScenario   *calc.Money    `json:"net_after_tax_scenario"`
	NetDifference *calc.Money    `json:"net_after_tax_difference"`
	Note          *rules.Message `json:"note,omitempty"`
}

// compareOptions are kvp compare's options: a case as kvp calc reads it,
// and the parameter sets to compare.
type compareOptions struct {
	calcOptions
	scenario, baseline string
	records            string // caseload: per-case JSON lines to this file
	chart              string // caseload: the chart's file
}

func newCompareCmd(a *app) *cobra.Command {
	var o compareOptions
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "Compare a case, or a caseload (-f cases.jsonl|csv), under a scenario with the baseline",
		Long: `Compute one case (flags, or -f case.yaml) under the baseline parameters
(the effective configuration, or --baseline A.yaml) and under a scenario
(--scenario B.yaml: the baseline with the scenario's changes), and show them
side by side per segment, month and year, with the difference in kroner and
in per cent, and the tax-relevant amounts per income year.

Both runs are split at the change points of both parameter sets, so their
segments line up one to one.

A scenario file has a title, a description, a legal basis and parameter
overrides in the config file's format (see examples/scenario-*.yaml).

Caseload: with -f cases.jsonl or cases.csv (the input of kvp batch, by its
extension: .jsonl, .ndjson or .csv) every case is computed under both
sides with the tax, as kvp batch --scenario --tax does, and the output is
the distribution of the change per case: in net (stipend and child
supplement paid over the period) and in net after tax (over the income
years whose tax both sides know). Each has total_change, better_off,
worse_off, unchanged (to the øre), mean_change, median_change, deciles
(the 9 cut points) and groups: under 25 (on the period's first day) and
25 and over, with children (the baseline pays a child supplement) and
without, each with the same figures. CONVENTION (rounding): the mean is
rounded half away from zero to the øre; the median and the deciles
interpolate linearly between the sorted changes (type 7, as R and NumPy)
and are rounded the same way. -o table, json or csv; --records FILE
writes one JSON line per case (line, id, groups, the figures of both
sides and the changes; a failed line has its error), --chart FILE.svg or
FILE.png a histogram of the change and a bar per group (the mean change).
A line that fails is left out of the summary and the exit code is 1.
CONVENTION (curve basis): a caseload's net after tax counts each month in
the income year it was earned (as kvp curve), so that December, paid in
January, is taxed with its own year; --income-year paid (or a line's own
income_year, which wins) counts it in the year paid, and the table then
says which income years the net after tax leaves out (JSON:
income_year_basis, tax_years_left_out).` + exitStatusSection + `
  1  caseload: at least one line failed (--records has its error)`,
		Example: `  kvp compare --scenario examples/scenario-g-2027.yaml --birth-date 1990-01-01 --from 2027-01-01 --to 2027-12-31
  kvp compare --scenario examples/scenario-factor-2027.yaml -f examples/case-basic.yaml --to 2027-12-31 -o json
  kvp compare --baseline examples/scenario-g-2027.yaml --scenario examples/scenario-factor-2027.yaml -f examples/case-basic.yaml --from 2027-01-01 --to 2027-12-31
  kvp compare -f examples/cases.jsonl --scenario examples/scenario-allowance-2026.yaml
  kvp compare -f examples/cases.csv --scenario examples/scenario-allowance-2026.yaml -o json --records records.jsonl --chart change.svg
  kvp compare -f examples/cases.jsonl --scenario examples/scenario-allowance-2026.yaml --income-year paid`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Given = a.env(cmd), o.caseFlags(cmd)
			if isCaseload(o.file) {
				// A caseload with failed lines still gives the summary
				// of the others (exit 1), as kvp batch does: its stdout
				// goes straight out.
				streams := *o.IO
				streams.Out, o.IO = a.stdout, &streams
			}
			return runCompare(&o)
		},
	}
	addCaseFlags(cmd, &o.calcOptions)
	cmd.Flags().StringVar(&o.scenario, "scenario", "", "scenario `FILE` to compare")
	cmd.Flags().StringVar(&o.baseline, "baseline", "", "scenario `FILE` to use as the baseline (default: the effective configuration)")
	cmd.Flags().StringVar(&o.records, "records", "", "caseload: write one JSON line per case to `FILE`")
	cmd.Flags().StringVar(&o.chart, "chart", "", "caseload: write a chart of the change to `FILE` (.svg or .png)")
	return cmd
}

// runCompare is kvp compare: one case under two parameter sets.
func runCompare(o *compareOptions) error {
	caseload := isCaseload(o.file)
	formats := []string{"table", "json"}
	if caseload {
		formats = append(formats, "csv")
	}
	cfg, format, l, err := o.start(formats...)
	if err != nil {
		return err
	}
	if o.scenario == "" {
		return usageErrorf(errScenarioNeeded)
	}
	if caseload {
		if err := checkChartPath(o.chart); err != nil {
			return err
		}
		return runCaseload(o, cfg, format, l)
	}
	if o.records != "" || o.chart != "" {
		return usageErrorf(errCaseloadOnly)
	}
	cf, c, err := buildCase(&o.calcOptions)
	if err != nil {
		return err
	}
	sides, err := batchSides(cfg, batchOptions{scenario: o.scenario, baseline: o.baseline})
	if err != nil {
		return err
	}
	topts, err := cf.Tax()
	if err != nil {
		return err
	}
	regime, err := caseRegime(cfg, cf)
	if err != nil {
		return err
	}
	facts, err := caseFacts(cf, c, regime)
	if err != nil {
		return err
	}
	doc, err := compareCase(sides, c, facts, topts)
	if err != nil {
		return err
	}
	printCompareWarnings(o.IO, l, doc)
	doc.Stamp = newStamp(cfg, string(c.Rounding))
	doc.Stamp.ParamsHash = sides[0].hash
	cf.Rounding, cf.AgeSwitch, cf.LeapBirthday = string(c.Rounding), string(c.AgeSwitch), string(c.LeapBirthday)
	doc.Case = cf
	if err := sidePaths(o.baseline, o.scenario, &doc.Baseline, &doc.Scenario); err != nil {
		return err
	}
	if format == "json" {
		return writeJSON(o.IO.Out, doc)
	}
	printAsOf(printer{w: o.IO.Out, l: l}, cfg.Params)
	return printCompare(o.IO.Out, l, doc)
}

// sidePaths names, on each side of a comparison, the scenario file it came
// from and the file's legal basis.
func sidePaths(baseline, scenario string, base, scen *compareSide) error {
	for _, s := range []string{baseline, scenario} {
		if s == "" {
			continue
		}
		sc, err := config.LoadScenario(s)
		if err != nil {
			return err
		}
		side := scen
		if s == baseline {
			side = base
		}
		side.Path, side.LegalBasis = sc.Path, sc.LegalBasis
	}
	return nil
}

// compareCase prices c under both sides, split at the union of their change points.
func compareCase(sides []batchSide, c calc.Case, facts calc.CaseFacts, topts calc.TaxOptions) (*compareDoc, error) {
	for _, s := range sides {
		c.ExtraCuts = append(c.ExtraCuts, s.params.ChangePoints(c.Period.From, c.Period.To)...)
	}
	var res [2]*calc.Result
	var tax [2]*calc.TaxSection
	var warnings [2][]rules.Warning
	for i, s := range sides {
		r, err := s.calc.Stipend(c)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		if warnings[i], err = calc.Warnings(c, r, facts); err != nil {
			return nil, err
		}
		t, err := calc.TaxFor(r, s.params, topts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		res[i], tax[i] = r, t
	}
	doc := &compareDoc{SchemaVersion: schemaVersion,
		Baseline: compareSide{Title: sides[0].title, ParamsHash: sides[0].hash, Warnings: warnings[0]},
		Scenario: compareSide{Title: sides[1].title, ParamsHash: sides[1].hash, Warnings: warnings[1]},
		Segments: []compareRow{}, Months: []compareRow{}, Years: []compareRow{}, TaxYears: []compareTax{}}
	if len(res[0].Segments) != len(res[1].Segments) {
		return nil, fmt.Errorf("internal error: the two runs have %d and %d segments", len(res[0].Segments), len(res[1].Segments))
	}
	for i, s := range res[0].Segments {
		doc.Segments = append(doc.Segments, newCompareRow(compareRow{From: s.From, To: s.To}, s.Net, res[1].Segments[i].Net))
	}
	for i, m := range res[0].Months {
		doc.Months = append(doc.Months, newCompareRow(compareRow{Month: m.Month.String()}, m.Net, res[1].Months[i].Net))
	}
	for i, y := range res[0].Years {
		doc.Years = append(doc.Years, newCompareRow(compareRow{Year: y.Year}, y.Paid.Net, res[1].Years[i].Paid.Net))
	}
	doc.Total = newCompareRow(compareRow{From: c.Period.From, To: c.Period.To}, res[0].Total.Net, res[1].Total.Net)
	years := map[int]*compareTax{}
	for side, t := range tax {
		for _, y := range t.Years {
			ct := years[y.Year]
			if ct == nil {
				ct = &compareTax{Year: y.Year}
				years[y.Year] = ct
			}
			if y.Tax == nil {
				ct.Note = y.Note
				continue
			}
			tx, net := calc.M(y.Tax.TotalTax), calc.M(y.Tax.Net)
			if side == 0 {
				ct.TaxBaseline, ct.NetBaseline = &tx, &net
			} else {
				ct.TaxScenario, ct.NetScenario = &tx, &net
			}
		}
	}
	for _, y := range slices.Sorted(mapsKeys(years)) {
		ct := years[y]
		ct.NetDifference = calc.CompareKnown(ct.NetBaseline, ct.NetScenario)
		doc.TaxYears = append(doc.TaxYears, *ct)
	}
	return doc, nil
}

// printCompareWarnings writes the baseline's warnings on stderr, then the
// scenario's that the baseline does not have, marked "scenario".
func printCompareWarnings(s *IOStreams, l locale, doc *compareDoc) {
	printWarnings(s, l, doc.Baseline.Warnings)
	for _, w := range doc.Scenario.Warnings {
		if !slices.ContainsFunc(doc.Baseline.Warnings, func(b rules.Warning) bool { return l.M(b.Message) == l.M(w.Message) }) {
			fmt.Fprintf(s.ErrOut, "kvp: %s (%s): %s\n", l.L(labelWarning), l.L(labelScenario), l.M(w.Message))
		}
	}
}

func mapsKeys[V any](m map[int]V) func(func(int) bool) {
	return func(yield func(int) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func newCompareRow(r compareRow, base, scen calc.Money) compareRow {
	c := calc.Compare(base, scen)
	r.Baseline, r.Scenario, r.Difference, r.Percent = c.Baseline, c.Scenario, c.Difference, c.Percent
	return r
}

func printCompare(w io.Writer, l locale, doc *compareDoc) error {
	fmt.Fprintln(w, l.M(compareBaseline.M(sideTitle(l, doc.Baseline), doc.Baseline.ParamsHash)))
	fmt.Fprintln(w, l.M(compareScenario.M(sideTitle(l, doc.Scenario), doc.Scenario.ParamsHash)))
	if doc.Scenario.LegalBasis != "" {
		fmt.Fprintln(w, l.M(compareLegalBasis.M(doc.Scenario.LegalBasis)))
	}
	pct := func(p *string) string {
		if p == nil {
			return "–"
		}
		if l.norwegian() {
			return groupNB(*p) + " %"
		}
		return *p + " %"
	}
	section := func(title, head rules.Code, rows []compareRow, label func(compareRow) string) error {
		heading(w, l.L(title))
		var out [][]string
		for _, r := range rows {
			out = append(out, []string{label(r), l.Money(r.Baseline), l.Money(r.Scenario), l.Money(r.Difference), pct(r.Percent)})
		}
		return table(w, []string{l.L(head), l.L(labelBaseline), l.L(labelScenario), l.L(labelDifference), l.L(labelPerCent)}, out, 1, 2, 3, 4)
	}
	if err := section(compareSegments, labelPeriod, doc.Segments, func(r compareRow) string { return l.Date(r.From) + " – " + l.Date(r.To) }); err != nil {
		return err
	}
	if err := section(compareMonths, labelMonth, doc.Months, func(r compareRow) string { return l.monthText(r.Month) }); err != nil {
		return err
	}
	years := append(slices.Clone(doc.Years), doc.Total)
	if err := section(compareYears, labelYear, years, func(r compareRow) string {
		if r.Year == 0 {
			return l.L(labelTotal)
		}
		return strconv.Itoa(r.Year)
	}); err != nil {
		return err
	}
	heading(w, l.L(compareTaxYears))
	var rows [][]string
	m := func(v *calc.Money) string {
		if v == nil {
			return l.L(wordNotAvailable)
		}
		return l.Money(*v)
	}
	for _, t := range doc.TaxYears {
		rows = append(rows, []string{strconv.Itoa(t.Year), m(t.TaxBaseline), m(t.TaxScenario), m(t.NetBaseline), m(t.NetScenario), m(t.NetDifference), optText(l, t.Note)})
	}
	var head []string
	for _, c := range []rules.Code{labelYear, compareTaxBaseline, compareTaxScenario, compareNetBaseline, compareNetScenario, compareNetDifference, labelNote} {
		head = append(head, l.L(c))
	}
	return table(w, head, rows, 1, 2, 3, 4, 5)
}

// sideTitle is the title of a side: the scenario file's title, or the
// effective configuration when the side is no file (the baseline without
// --baseline).
func sideTitle(l locale, s compareSide) string {
	if s.Path == "" {
		return l.L(compareEffective)
	}
	return s.Title
}
