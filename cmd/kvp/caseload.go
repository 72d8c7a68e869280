package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"kvp/calc"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// isCaseload reports whether kvp compare's -f names a caseload (JSON lines
// or CSV, as kvp batch reads them) rather than one case.
func isCaseload(file string) bool {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".jsonl", ".ndjson", ".csv":
		return true
	}
	return false
}

// caseloadRecord is one case of a caseload compare (--records): the change
// in net and, over the income years with tax parameters under both sides,
// in net after tax.
type caseloadRecord struct {
	Line  int           `json:"line"`
	ID    *caseinput.ID `json:"id,omitempty"`
	Error string        `json:"error,omitempty"`

	// nil on an error record: kvp schema reads omitempty here as "its
	// fields come together or not at all".
	*caseloadFigures `json:",omitempty"`
	err              error
}

type caseloadFigures struct {
	Under25      bool       `json:"under_25"`
	WithChildren bool       `json:"with_children"`
	NetBaseline  calc.Money `json:"net_baseline"`
	NetScenario  calc.Money `json:"net_scenario"`
	NetChange    calc.Money `json:"net_change"`
	// TaxYears are the income years whose tax both sides know; the net
	// after tax is theirs, nil when there is none.
	TaxYears            []int       `json:"tax_years"`
	NetAfterTaxBaseline *calc.Money `json:"net_after_tax_baseline"`
	NetAfterTaxScenario *calc.Money `json:"net_after_tax_scenario"`
	NetAfterTaxChange   *calc.Money `json:"net_after_tax_change"`
	// TaxYearsLeftOut are the income years with payments (in the year the
	// case's basis counts them) whose tax not both sides know: the net
	// after tax leaves them out.
	TaxYearsLeftOut []int `json:"tax_years_left_out"`
}

// caseloadGroups are the summary of each group of cases.
type caseloadGroups struct {
	Under25         calc.Distribution `json:"under_25"`
	From25          calc.Distribution `json:"25_and_over"`
	WithChildren    calc.Distribution `json:"with_children"`
	WithoutChildren calc.Distribution `json:"without_children"`
}

// caseloadSummary is the distribution of one figure's change.
type caseloadSummary struct {
	calc.Distribution
	Groups caseloadGroups `json:"groups"`
}

// caseloadDoc is caseload kvp compare's JSON document.
type caseloadDoc struct {
	SchemaVersion int         `json:"schema_version"`
	Stamp         stamp       `json:"stamp"`
	Baseline      compareSide `json:"baseline"`
	Scenario      compareSide `json:"scenario"`
	Cases         int         `json:"cases"`
	Failed        int         `json:"failed"`
	// IncomeYearBasis is the income year the payments count in for the
	// tax, of the cases that give no income_year: earned unless
	// --income-year says paid (CONVENTION curve basis, as kvp curve).
	IncomeYearBasis calc.IncomeBasis `json:"income_year_basis"`
	// TaxYearsLeftOut are the income years the net after tax leaves out
	// of at least one case (no tax parameters under both sides).
	TaxYearsLeftOut []int `json:"tax_years_left_out"`
	// Summary is the change in net (the stipend and child supplement paid
	// over the period), SummaryAfterTax the change in net after tax over
	// the cases that have it.
	Summary         caseloadSummary `json:"summary"`
	SummaryAfterTax caseloadSummary `json:"summary_after_tax"`
	net, afterTax   caseloadChanges
}

// caseloadChanges are the changes of one figure, all and by group.
type caseloadChanges struct{ all, under25, from25, children, noChildren []calc.Money }

func (c *caseloadChanges) add(v calc.Money, under25, children bool) {
	c.all = append(c.all, v)
	if under25 {
		c.under25 = append(c.under25, v)
	} else {
		c.from25 = append(c.from25, v)
	}
	if children {
		c.children = append(c.children, v)
	} else {
		c.noChildren = append(c.noChildren, v)
	}
}

func (c *caseloadChanges) summary() caseloadSummary {
	return caseloadSummary{Distribution: calc.NewDistribution(c.all), Groups: caseloadGroups{
		Under25: calc.NewDistribution(c.under25), From25: calc.NewDistribution(c.from25),
		WithChildren: calc.NewDistribution(c.children), WithoutChildren: calc.NewDistribution(c.noChildren)}}
}

// caseloadChunk is how many cases are computed at a time.
const caseloadChunk = 512

// runCaseload is kvp compare -f cases.jsonl|csv: every case under both
// sides by the batch processor, and the distribution of the change.
func runCaseload(o *compareOptions, cfg *config.Config, format string, l locale) error {
	sides, err := batchSides(cfg, batchOptions{scenario: o.scenario, baseline: o.baseline})
	if err != nil {
		return err
	}
	defaults, err := (&caseinput.Case{}).Settings(cfg)
	if err != nil {
		return err
	}
	regime, err := cfg.Setting(config.KeyDurationRegime, "")
	if err != nil {
		return err
	}
	src, header, name, closeInput, err := openBatchInput(o.file, "auto", o.IO.In)
	if err != nil {
		return err
	}
	defer closeInput()
	var records *bufio.Writer
	if o.records != "" {
		f, err := os.Create(o.records)
		if err != nil {
			return rules.Errorf(errWritingResult, err)
		}
		defer f.Close()
		records = bufio.NewWriter(f)
	}
	// CONVENTION (curve basis): a caseload's net after tax counts each
	// month in the income year it was earned, as kvp curve does, so that
	// December, paid in January, is taxed with its own year and the
	// change covers every payment of a period whose years have tax
	// parameters; --income-year, or a line's income_year, says otherwise.
	var given caseinput.Case
	if err := given.Override(caseinput.Flags{IncomeYear: o.Given.IncomeYear}); err != nil {
		return err
	}
	basis := calc.IncomeBasisEarned
	if given.IncomeYear != "" {
		basis = calc.IncomeBasis(given.IncomeYear)
	}
	proc := &batchProcessor{sides: sides, defaults: defaults, withTax: true, basis: basis, header: header,
		durationRegime: regime, regimeFlag: cfg.IsFlag(config.KeyDurationRegime)}
	doc, first, err := caseloadRun(proc, src, records)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	doc.IncomeYearBasis = basis
	if format != "table" && len(doc.TaxYearsLeftOut) > 0 { // the table says it above its rows
		fmt.Fprintf(o.IO.ErrOut, "kvp: %s: %s\n", l.L(labelWarning), l.M(caseloadLeftOutNote(doc)))
	}
	if records != nil {
		if err := records.Flush(); err != nil {
			return rules.Errorf(errWritingResult, err)
		}
	}
	doc.Stamp = newStamp(cfg, string(defaults.Rounding))
	doc.Stamp.ParamsHash = sides[0].hash
	doc.Baseline = compareSide{Title: sides[0].title, ParamsHash: sides[0].hash, Warnings: []rules.Warning{}}
	doc.Scenario = compareSide{Title: sides[1].title, ParamsHash: sides[1].hash, Warnings: []rules.Warning{}}
	if err := sidePaths(o.baseline, o.scenario, &doc.Baseline, &doc.Scenario); err != nil {
		return err
	}
	if o.chart != "" {
		if err := writeChart(o.chart, caseloadChart(l, doc)); err != nil {
			return err
		}
	}
	switch format {
	case "json":
		err = writeJSON(o.IO.Out, doc)
	case "csv":
		err = writeCaseloadCSV(o.IO.Out, doc)
	default:
		err = printCaseload(o.IO.Out, l, doc)
	}
	if err != nil {
		return err
	}
	if doc.Failed > 0 {
		return &codeError{code: exitError, err: rules.Errorf(errLinesFailed, doc.Failed, doc.Cases+doc.Failed, rules.ErrAtLine.M(first.Line, first.err))}
	}
	return nil
}

// caseloadRun computes every record of src, caseloadChunk at a time over
// all cores, writes each record to records (when not nil) in input order,
// and sums up; first is the first failed record.
func caseloadRun(proc *batchProcessor, src recordSource, records *bufio.Writer) (*caseloadDoc, *caseloadRecord, error) {
	doc := &caseloadDoc{SchemaVersion: schemaVersion, TaxYearsLeftOut: []int{}}
	var first *caseloadRecord
	leftOut := map[int]bool{}
	workers := runtime.GOMAXPROCS(0)
	for eof := false; !eof; {
		var lines [][]byte
		var lineNos []int
		var readErrs []error
		for len(lines) < caseloadChunk {
			rec, line, err := src.next()
			if err == io.EOF {
				eof = true
				break
			}
			if err != nil && err != errLineTooLong {
				return nil, nil, err
			}
			lines, lineNos, readErrs = append(lines, rec), append(lineNos, line), append(readErrs, err)
		}
		out := make([]caseloadRecord, len(lines))
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(lines); i += workers {
					out[i] = caseloadOf(proc.recordOf(lines[i], lineNos[i], readErrs[i]))
				}
			}()
		}
		wg.Wait()
		for i := range out {
			r := &out[i]
			if records != nil {
				b, _ := json.Marshal(r)
				records.Write(append(b, '\n'))
			}
			if r.caseloadFigures == nil {
				doc.Failed++
				if first == nil {
					first = r
				}
				continue
			}
			doc.Cases++
			for _, y := range r.TaxYearsLeftOut {
				leftOut[y] = true
			}
			doc.net.add(r.NetChange, r.Under25, r.WithChildren)
			if r.NetAfterTaxChange != nil {
				doc.afterTax.add(*r.NetAfterTaxChange, r.Under25, r.WithChildren)
			}
		}
	}
	doc.Summary, doc.SummaryAfterTax = doc.net.summary(), doc.afterTax.summary()
	doc.TaxYearsLeftOut = append(doc.TaxYearsLeftOut, slices.Sorted(maps.Keys(leftOut))...)
	return doc, first, nil
}

// caseloadOf is a batch record as a caseload record. Under 25 means under
// 25 on the period's first day (the full rate starts later), with children
// that the baseline pays a child supplement.
func caseloadOf(r *batchRecord) caseloadRecord {
	out := caseloadRecord{Line: r.Line, ID: r.ID, Error: r.Error, err: r.err}
	if r.Error != "" {
		return out
	}
	b, s := r.Baseline, r.Scenario
	f := &caseloadFigures{Under25: r.kase.FullRateFrom() > r.kase.Period.From, WithChildren: b.Total.ChildSupplement > 0,
		NetBaseline: b.Total.Net, NetScenario: s.Total.Net, NetChange: s.Total.Net - b.Total.Net, TaxYears: []int{}, TaxYearsLeftOut: []int{}}
	var nb, ns calc.Money
	for _, by := range b.Years {
		for _, sy := range s.Years {
			if sy.Year == by.Year && by.NetAfterTax != nil && sy.NetAfterTax != nil {
				f.TaxYears = append(f.TaxYears, by.Year)
				nb += *by.NetAfterTax
				ns += *sy.NetAfterTax
			}
		}
	}
	// A year with a payment on either side (counted by the case's basis)
	// that is not among TaxYears is left out of the net after tax.
	counted := func(y batchYear) bool {
		if r.basis == calc.IncomeBasisEarned {
			return y.EarnedNet != 0
		}
		return y.PaidNet != 0
	}
	for _, ys := range [][]batchYear{b.Years, s.Years} {
		for _, y := range ys {
			if counted(y) && !slices.Contains(f.TaxYears, y.Year) && !slices.Contains(f.TaxYearsLeftOut, y.Year) {
				f.TaxYearsLeftOut = append(f.TaxYearsLeftOut, y.Year)
			}
		}
	}
	slices.Sort(f.TaxYearsLeftOut)
	if len(f.TaxYears) > 0 {
		d := ns - nb
		f.NetAfterTaxBaseline, f.NetAfterTaxScenario, f.NetAfterTaxChange = &nb, &ns, &d
	}
	out.caseloadFigures = f
	return out
}

var (
	caseloadHeadingNet      = rules.NewCode("caseload.heading.net", "cases")
	caseloadHeadingAfterTax = rules.NewCode("caseload.heading.net_after_tax", "cases")
	caseloadFailed          = rules.NewCode("caseload.failed", "n")
	labelAllCases           = rules.NewCode("label.all_cases")
	labelWithChildren       = rules.NewCode("label.with_children")
	labelWithoutChildren    = rules.NewCode("label.without_children")
	labelFigure             = rules.NewCode("label.figure")
	labelTotalChange        = rules.NewCode("label.total_change")
	labelBetterOff          = rules.NewCode("label.better_off")
	labelWorseOff           = rules.NewCode("label.worse_off")
	labelUnchanged          = rules.NewCode("label.unchanged")
	labelMeanChange         = rules.NewCode("label.mean_change")
	labelMedianChange       = rules.NewCode("label.median_change")
	labelDecile             = rules.NewCode("label.decile", "n")
	errCaseloadOnly         = rules.NewCode("err.compare.caseload_only")
	caseloadIncomeYear      = rules.NewCode("caseload.income_year", "basis")
	caseloadTaxLeftOut      = rules.NewCode("caseload.tax_left_out", "years")
)

// caseloadLeftOutNote says which income years the net after tax leaves out.
func caseloadLeftOutNote(doc *caseloadDoc) rules.Message {
	years := make([]string, len(doc.TaxYearsLeftOut))
	for i, y := range doc.TaxYearsLeftOut {
		years[i] = strconv.Itoa(y)
	}
	return caseloadTaxLeftOut.M(strings.Join(years, ", "))
}

// groupsOf are a summary's columns: all cases, then each group.
func groupsOf(s caseloadSummary) []calc.Distribution {
	return []calc.Distribution{s.Distribution, s.Groups.Under25, s.Groups.From25, s.Groups.WithChildren, s.Groups.WithoutChildren}
}

// caseloadGroupNames are the groups' names in CSV, in groupsOf's order.
var caseloadGroupNames = []string{"all", "under_25", "25_and_over", "with_children", "without_children"}

func printCaseload(w io.Writer, l locale, doc *caseloadDoc) error {
	fmt.Fprintln(w, l.M(compareBaseline.M(sideTitle(l, doc.Baseline), doc.Baseline.ParamsHash)))
	fmt.Fprintln(w, l.M(compareScenario.M(sideTitle(l, doc.Scenario), doc.Scenario.ParamsHash)))
	if doc.Scenario.LegalBasis != "" {
		fmt.Fprintln(w, l.M(compareLegalBasis.M(doc.Scenario.LegalBasis)))
	}
	if doc.Failed > 0 {
		fmt.Fprintln(w, l.M(caseloadFailed.M(doc.Failed)))
	}
	fmt.Fprintln(w, l.M(caseloadIncomeYear.M(taxBasisWords[doc.IncomeYearBasis].M())))
	head := []string{l.L(labelFigure), l.L(labelAllCases), l.L(bandWords["under_25"]), l.L(bandWords["25_and_over"]), l.L(labelWithChildren), l.L(labelWithoutChildren)}
	for i, s := range []struct {
		title rules.Code
		sum   caseloadSummary
	}{{caseloadHeadingNet, doc.Summary}, {caseloadHeadingAfterTax, doc.SummaryAfterTax}} {
		groups := groupsOf(s.sum)
		heading(w, l.M(s.title.M(s.sum.BetterOff+s.sum.WorseOff+s.sum.Unchanged)))
		if i == 1 && len(doc.TaxYearsLeftOut) > 0 { // the years the net after tax leaves out
			fmt.Fprintln(w, l.M(caseloadLeftOutNote(doc)))
		}
		row := func(label string, f func(calc.Distribution) string) []string {
			r := []string{label}
			for _, g := range groups {
				r = append(r, f(g))
			}
			return r
		}
		opt := func(m *calc.Money) string {
			if m == nil {
				return "–"
			}
			return l.Money(*m)
		}
		rows := [][]string{
			row(l.L(labelTotalChange), func(d calc.Distribution) string { return l.Money(d.TotalChange) }),
			row(l.L(labelBetterOff), func(d calc.Distribution) string { return strconv.Itoa(d.BetterOff) }),
			row(l.L(labelWorseOff), func(d calc.Distribution) string { return strconv.Itoa(d.WorseOff) }),
			row(l.L(labelUnchanged), func(d calc.Distribution) string { return strconv.Itoa(d.Unchanged) }),
			row(l.L(labelMeanChange), func(d calc.Distribution) string { return opt(d.MeanChange) }),
			row(l.L(labelMedianChange), func(d calc.Distribution) string { return opt(d.MedianChange) }),
		}
		for k := range 9 {
			rows = append(rows, row(l.M(labelDecile.M(k+1)), func(d calc.Distribution) string {
				if len(d.Deciles) == 0 {
					return "–"
				}
				return l.Money(d.Deciles[k])
			}))
		}
		if err := table(w, head, rows, 1, 2, 3, 4, 5); err != nil {
			return err
		}
	}
	return nil
}

// caseloadCSVColumns are caseload kvp compare -o csv's columns: one row per
// figure (net, net_after_tax) and group.
var caseloadCSVColumns = []string{"figure", "group", "total_change", "better_off", "worse_off", "unchanged", "mean_change", "median_change",
	"decile_1", "decile_2", "decile_3", "decile_4", "decile_5", "decile_6", "decile_7", "decile_8", "decile_9"}

func writeCaseloadCSV(w io.Writer, doc *caseloadDoc) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(caseloadCSVColumns)
	opt := func(m *calc.Money) string {
		if m == nil {
			return ""
		}
		return m.String()
	}
	for _, s := range []struct {
		name string
		sum  caseloadSummary
	}{{"net", doc.Summary}, {"net_after_tax", doc.SummaryAfterTax}} {
		for i, d := range groupsOf(s.sum) {
			row := []string{s.name, caseloadGroupNames[i], d.TotalChange.String(), strconv.Itoa(d.BetterOff), strconv.Itoa(d.WorseOff),
				strconv.Itoa(d.Unchanged), opt(d.MeanChange), opt(d.MedianChange)}
			for k := range 9 {
				v := ""
				if len(d.Deciles) > 0 {
					v = d.Deciles[k].String()
				}
				row = append(row, v)
			}
			_ = cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

// caseloadChart draws a histogram of the per-case change and a bar per
// group (its mean change): of the net after tax when every case has it,
// else of the net.
func caseloadChart(l locale, doc *caseloadDoc) []*plot.Plot {
	changes, sum, figure := doc.net, doc.Summary, l.L(chartFigureNet)
	if len(doc.afterTax.all) == doc.Cases && doc.Cases > 0 {
		changes, sum, figure = doc.afterTax, doc.SummaryAfterTax, l.L(chartFigureNetTax)
	}
	hist := plot.New()
	hist.Title.Text = l.M(chartHistTitle.M(figure))
	hist.X.Label.Text, hist.Y.Label.Text = l.L(chartHistX), l.L(chartHistY)
	values := make(plotter.Values, len(changes.all))
	for i, c := range changes.all {
		values[i] = kroner(c)
	}
	if len(values) > 0 {
		if h, err := plotter.NewHist(values, histogramBins(len(values))); err == nil {
			h.FillColor, h.LineStyle.Width = colourHistogram, vg.Points(0.5)
			hist.Add(h)
		}
	}
	bars := plot.New()
	bars.Title.Text = l.M(chartGroupsTitle.M(figure))
	bars.Y.Label.Text = l.L(chartGroupsY)
	groups := groupsOf(sum)[1:]
	means := make(plotter.Values, len(groups))
	for i, g := range groups {
		if g.MeanChange != nil {
			means[i] = kroner(*g.MeanChange)
		}
	}
	if b, err := plotter.NewBarChart(means, vg.Centimeter); err == nil {
		b.Color, b.LineStyle.Width = colourGroups, vg.Points(0.5)
		bars.Add(b)
		bars.NominalX(l.L(bandWords["under_25"]), l.L(bandWords["25_and_over"]), l.L(labelWithChildren), l.L(labelWithoutChildren))
	}
	return []*plot.Plot{hist, bars}
}

// histogramBins is the number of bars of a histogram of n values: Sturges'
// rule, 1 + ⌊log₂ n⌋, at most 30.
func histogramBins(n int) int {
	bins := 1
	for v := n; v > 1; v /= 2 {
		bins++
	}
	return min(bins, 30)
}
