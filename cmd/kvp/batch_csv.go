package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"kvp/calc"
	"kvp/cmd/kvp/internal/caseinput"
)

func parseCSVHeader(line []byte) ([]string, error) {
	rec, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return nil, fmt.Errorf("CSV header: %w", err)
	}
	for i, col := range rec {
		rec[i] = strings.TrimSpace(strings.TrimPrefix(col, "\ufeff"))
	}
	return rec, caseinput.CheckCSVHeader(rec)
}

// decodeCSVRow reads one CSV row into the case it gives.
func decodeCSVRow(header []string, line []byte) (*caseinput.Case, error) {
	rec, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return nil, fmt.Errorf("CSV: %v", err)
	}
	return caseinput.DecodeCSV(header, rec)
}

// csvColumns is the header of CSV output.
func csvColumns(scenario bool) []string {
	cols := []string{"line", "error", "from", "to", "paid_days"}
	amounts := []string{"stipend", "child_supplement", "interruption", "absence", "work", "other_benefits", "net"}
	if !scenario {
		return append(cols, amounts...)
	}
	for _, prefix := range []string{"baseline_", "scenario_", "difference_"} {
		for _, a := range amounts {
			cols = append(cols, prefix+a)
		}
	}
	return cols
}

func csvRow(r *batchRecord) []string {
	row := []string{strconv.Itoa(r.Line), r.Error}
	base := r.Result
	if base == nil {
		base = r.Baseline
	}
	if base == nil {
		row = append(row, "", "", "")
	} else {
		row = append(row, base.From.String(), base.To.String(), strconv.Itoa(base.PaidDays))
	}
	add := func(res *batchResult) {
		if res == nil {
			row = append(row, "", "", "", "", "", "", "")
			return
		}
		t := res.Total
		for _, m := range []calc.Money{t.Stipend, t.ChildSupplement, t.Interruption, t.Absence, t.Work, t.OtherBenefits, t.Net} {
			row = append(row, m.String())
		}
	}
	if r.Scenario == nil && r.Baseline == nil {
		add(r.Result)
		return row
	}
	add(r.Baseline)
	add(r.Scenario)
	add(r.Difference)
	return row
}
