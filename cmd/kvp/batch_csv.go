package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strconv"
	"strings"

	"kvp/calc"
	"kvp/config/caseinput"

	"kvp/rules"
)

func parseCSVHeader(line []byte) ([]string, error) {
	rec, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return nil, rules.Errorf(errCSVHeader, err)
	}
	for i, col := range rec {
		rec[i] = strings.TrimSpace(strings.TrimPrefix(col, "\ufeff"))
	}
	return rec, caseinput.CheckCSVHeader(rec)
}

// decodeCSVRow reads one CSV record, which starts on line first, into the
// case it gives, and its id (also when the rest of the record is wrong).
func decodeCSVRow(header []string, record []byte, first int) (*caseinput.Case, *caseinput.ID, error) {
	rec, err := csv.NewReader(bytes.NewReader(record)).Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, nil, rules.Errorf(errCSVAt, first+pe.Line-1, pe.Column, pe.Err)
		}
		return nil, nil, rules.Errorf(errCSV, err)
	}
	var id *caseinput.ID
	if i := slices.Index(header, "id"); i >= 0 && i < len(rec) {
		if v := strings.TrimSpace(rec[i]); v != "" {
			id = &caseinput.ID{Text: v}
		}
	}
	c, err := caseinput.DecodeCSV(header, rec)
	return c, id, err
}

// csvAmounts are the columns of a result's totals.
var csvAmounts = []string{"stipend", "child_supplement", "interruption", "absence", "work", "other_benefits", "net"}

// csvYearColumns are the columns of a result's years, each a list of
// YEAR:AMOUNT separated by ';' (the way CSV input gives lists), so that a
// record stays one row however many years it has; with --tax also the tax,
// the net after tax and the pension earning (a year whose tax is not known
// is left out of those).
func csvYearColumns(tax bool) []string {
	cols := []string{"earned_net_by_year", "paid_net_by_year"}
	if tax {
		cols = append(cols, "tax_by_year", "net_after_tax_by_year", "pension_earning_by_year")
	}
	return cols
}

// csvColumns is the header of CSV output.
func csvColumns(scenario, tax bool) []string {
	cols := []string{"line", "id", "error", "from", "to", "paid_days"}
	if !scenario {
		return append(append(cols, csvAmounts...), csvYearColumns(tax)...)
	}
	prefixes := []string{"baseline_", "scenario_", "difference_"}
	for _, prefix := range prefixes {
		for _, a := range csvAmounts {
			cols = append(cols, prefix+a)
		}
	}
	for _, prefix := range prefixes {
		for _, y := range csvYearColumns(tax) {
			cols = append(cols, prefix+y)
		}
	}
	return cols
}

func csvRow(r *batchRecord, tax bool) []string {
	row := []string{strconv.Itoa(r.Line), "", r.Error}
	if r.ID != nil {
		row[1] = r.ID.Text
	}
	base := r.Result
	if base == nil {
		base = r.Baseline
	}
	if base == nil {
		row = append(row, "", "", "")
	} else {
		row = append(row, base.From.String(), base.To.String(), strconv.Itoa(base.PaidDays))
	}
	amounts := func(res *batchResult) {
		if res == nil {
			row = append(row, make([]string, len(csvAmounts))...)
			return
		}
		t := res.Total
		for _, m := range []calc.Money{t.Stipend, t.ChildSupplement, t.Interruption, t.Absence, t.Work, t.OtherBenefits, t.Net} {
			row = append(row, m.String())
		}
	}
	years := func(res *batchResult) {
		if res == nil {
			row = append(row, make([]string, len(csvYearColumns(tax)))...)
			return
		}
		list := func(v func(y *batchYear) *calc.Money) string {
			var b []byte
			for i := range res.Years {
				m := v(&res.Years[i])
				if m == nil {
					continue
				}
				if len(b) > 0 {
					b = append(b, ';')
				}
				b = strconv.AppendInt(b, int64(res.Years[i].Year), 10)
				b = append(b, ':')
				b, _ = m.AppendText(b)
			}
			return string(b)
		}
		row = append(row, list(func(y *batchYear) *calc.Money { return &y.EarnedNet }), list(func(y *batchYear) *calc.Money { return &y.PaidNet }))
		if tax {
			row = append(row, list(func(y *batchYear) *calc.Money { return y.Tax }), list(func(y *batchYear) *calc.Money { return y.NetAfterTax }),
				list(func(y *batchYear) *calc.Money { return y.PensionEarning }))
		}
	}
	if r.Scenario == nil && r.Baseline == nil {
		amounts(r.Result)
		years(r.Result)
		return row
	}
	for _, res := range []*batchResult{r.Baseline, r.Scenario, r.Difference} {
		amounts(res)
	}
	for _, res := range []*batchResult{r.Baseline, r.Scenario, r.Difference} {
		years(res)
	}
	return row
}
