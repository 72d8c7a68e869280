package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"kvp/calc"
	"kvp/rules"
)

// csvInputColumns are the case-file keys a CSV batch may have as columns.
var csvInputColumns = []string{"birth_date", "from", "to", "children", "child_birth_dates", "rounding", "age_switch", "leap_birthday",
	"work_hours", "other_benefits", "absence", "interruptions", "benefit_scope", "finnmark", "income_year", "withholding_percent"}

func parseCSVHeader(line []byte) ([]string, error) {
	rec, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return nil, fmt.Errorf("CSV header: %w", err)
	}
	seen := map[string]bool{}
	for i, col := range rec {
		col = strings.TrimSpace(strings.TrimPrefix(col, "\ufeff"))
		rec[i] = col
		if !slices.Contains(csvInputColumns, col) {
			return nil, fmt.Errorf("CSV header: unknown column %q: expected some of %s", col, strings.Join(csvInputColumns, ", "))
		}
		if seen[col] {
			return nil, fmt.Errorf("CSV header: column %q twice", col)
		}
		seen[col] = true
	}
	return rec, nil
}

// decodeCSVCase turns one CSV row into a case file. List columns hold items
// separated by ';' in the forms the matching flags take.
func decodeCSVCase(header []string, line []byte) (*caseFile, error) {
	rec, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return nil, fmt.Errorf("CSV: %v", err)
	}
	if len(rec) != len(header) {
		return nil, fmt.Errorf("CSV: %d fields, the header has %d", len(rec), len(header))
	}
	cf := &caseFile{}
	var workHours, benefits, absence []string
	for i, col := range header {
		v := strings.TrimSpace(rec[i])
		if v == "" {
			continue
		}
		date := func() (*rules.Date, error) {
			d, err := rules.ParseDate(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", col, err)
			}
			return &d, nil
		}
		items := strings.Split(v, ";")
		switch col {
		case "birth_date":
			cf.BirthDate, err = date()
		case "from":
			cf.From, err = date()
		case "to":
			cf.To, err = date()
		case "children":
			n, e := strconv.Atoi(v)
			if e != nil {
				err = fmt.Errorf("children: %q is not a whole number", v)
			}
			cf.Children = &n
		case "child_birth_dates":
			for _, it := range items {
				d, e := rules.ParseDate(strings.TrimSpace(it))
				if e != nil {
					err = fmt.Errorf("child_birth_dates: %w", e)
					break
				}
				cf.ChildBirthDates = append(cf.ChildBirthDates, d)
			}
		case "rounding":
			cf.Rounding = v
		case "age_switch":
			cf.AgeSwitch = v
		case "leap_birthday":
			cf.LeapBirthday = v
		case "benefit_scope":
			cf.BenefitScope = v
		case "income_year":
			cf.IncomeYear = v
		case "finnmark":
			b, e := parseYesNo(v)
			if e != nil {
				err = fmt.Errorf("finnmark: %w", e)
			}
			y := yesNo(b)
			cf.Finnmark = &y
		case "withholding_percent":
			var n number
			if e := n.UnmarshalText([]byte(v)); e != nil {
				err = fmt.Errorf("withholding_percent: %w", e)
			}
			cf.WithholdingPercent = &n
		case "interruptions":
			cf.Programme = &programmeSection{}
			for _, it := range items {
				p, e := rules.ParseInterruption(strings.TrimSpace(it))
				if e != nil {
					err = fmt.Errorf("interruptions: %w", e)
					break
				}
				cf.Programme.Interruptions = append(cf.Programme.Interruptions, interruptionText(p))
			}
		case "work_hours":
			workHours = items
		case "other_benefits":
			benefits = items
		case "absence":
			absence = items
		}
		if err != nil {
			return nil, err
		}
	}
	if cf.From == nil || cf.To == nil {
		return cf, nil // caseFromFile names the missing field
	}
	p := rules.Period{From: *cf.From, To: *cf.To}
	for _, it := range workHours {
		w, err := parseWorkHours(strings.TrimSpace(it), p)
		if err != nil {
			return nil, fmt.Errorf("work_hours: %s", strings.TrimPrefix(err.Error(), "--work-hours: "))
		}
		from, to := w.Period.From, w.Period.To
		cf.WorkHours = append(cf.WorkHours, workEntry{Hours: number{w.Hours}, From: &from, To: &to})
	}
	for _, it := range benefits {
		b, err := parseOtherBenefit(strings.TrimSpace(it), p)
		if err != nil {
			return nil, fmt.Errorf("other_benefits: %s", strings.TrimPrefix(err.Error(), "--other-benefit: "))
		}
		from, to := b.Period.From, b.Period.To
		e := otherBenefitEntry{Kind: b.Kind, From: &from, To: &to}
		if b.Total != nil {
			e.Total = &number{*b.Total}
		} else {
			e.PerDay = &number{b.PerDay}
		}
		cf.OtherBenefits = append(cf.OtherBenefits, e)
	}
	for _, it := range absence {
		ab, err := parseAbsence(strings.TrimSpace(it))
		if err != nil {
			return nil, fmt.Errorf("absence: %s", strings.TrimPrefix(err.Error(), "--absence: "))
		}
		d := ab.Date
		e := absenceEntry{Date: &d}
		if ab.Hours != nil {
			e.Hours = &number{*ab.Hours}
		}
		cf.Absence = append(cf.Absence, e)
	}
	return cf, nil
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

// noTaxFlags is a flag set with the tax flags and none given, for reading a
// case's tax facts without a command line. Only read, so safe to share.
var noTaxFlags = sync.OnceValue(func() *pflag.FlagSet {
	fs := pflag.NewFlagSet("batch", pflag.ContinueOnError)
	var o taxFlags
	addTaxFlags(fs, &o)
	return fs
})
