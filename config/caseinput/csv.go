package caseinput

import (
	"slices"
	"strconv"
	"strings"

	"kvp/config"
	"kvp/rules"
)

// CSVColumns are the case-file keys a CSV batch may have as columns.
var CSVColumns = []string{"id", "birth_date", "from", "to", "children", "child_birth_dates", "rounding", "age_switch", "leap_birthday",
	"pay_cycle", "pay_day", "cycle_start", "pay_lag", "as_of", "regulated_on",
	"work_hours", "other_benefits", "absence", "interruptions", "benefit_scope", "finnmark", "income_year", "withholding_percent"}

// CheckCSVHeader checks a CSV header row: known columns, each once.
func CheckCSVHeader(header []string) error {
	seen := map[string]bool{}
	for _, col := range header {
		if !slices.Contains(CSVColumns, col) {
			return rules.Errorf(codeCSVUnknownColumn, rules.Quote(col), strings.Join(CSVColumns, ", "))
		}
		if seen[col] {
			return rules.Errorf(codeCSVColumnTwice, rules.Quote(col))
		}
		seen[col] = true
	}
	return nil
}

// DecodeCSV turns one CSV record under header into a Case, the same Case a
// case file gives. A list column holds items separated by ';' in the forms
// the matching flags take (HOURS@FROM..TO, KIND:PER_DAY@FROM..TO, …). The
// first bad column is the error, named by the column.
func DecodeCSV(header, rec []string) (*Case, error) {
	if len(rec) != len(header) {
		return nil, rules.Errorf(codeCSVFields, len(rec), len(header))
	}
	c := &Case{}
	for i, col := range header {
		v := strings.TrimSpace(rec[i])
		if v == "" {
			continue
		}
		if err := c.csvColumn(col, v); err != nil {
			return nil, rules.FieldErr(col, err)
		}
	}
	return c, nil
}

func (c *Case) csvColumn(col, v string) error {
	items := strings.Split(v, ";")
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
	}
	date := func(dst **rules.Date) error {
		d, err := rules.ParseDate(v)
		*dst = &d
		return err
	}
	choice := func(key string, dst *string) error {
		*dst = v
		return config.CheckChoice(key, v)
	}
	switch col {
	case "id":
		c.ID = &ID{Text: v}
	case "birth_date":
		return date(&c.BirthDate)
	case "from":
		return date(&c.From)
	case "to":
		return date(&c.To)
	case "children":
		n, err := strconv.Atoi(v)
		if err != nil {
			return rules.Errorf(rules.ErrNotWhole, rules.Quote(v))
		}
		c.Children = &n
	case "child_birth_dates":
		for _, it := range items {
			d, err := rules.ParseDate(it)
			if err != nil {
				return err
			}
			c.ChildBirthDates = append(c.ChildBirthDates, d)
		}
	case "rounding":
		return choice(config.KeyRounding, &c.Rounding)
	case "age_switch":
		return choice(config.KeyAgeSwitch, &c.AgeSwitch)
	case "leap_birthday":
		return choice(config.KeyLeapBirthday, &c.LeapBirthday)
	case "pay_cycle":
		return choice(config.KeyPayCycle, &c.PayCycle)
	case "pay_day", "pay_lag":
		if err := config.CheckChoice(col, v); err != nil {
			return err
		}
		n, _ := strconv.Atoi(v)
		if col == "pay_day" {
			c.PayDay = &n
		} else {
			c.PayLag = &n
		}
	case "cycle_start":
		return date(&c.CycleStart)
	case "as_of":
		return date(&c.AsOf)
	case "regulated_on":
		return date(&c.RegulatedOn)
	case "benefit_scope":
		return choice(config.KeyBenefitScope, &c.BenefitScope)
	case "income_year":
		return choice(config.KeyIncomeYear, &c.IncomeYear)
	case "finnmark":
		b, err := ParseYesNo(v)
		y := YesNo(b)
		c.Finnmark = &y
		return err
	case "withholding_percent":
		d, err := ParseNumber(v)
		c.WithholdingPercent = &Number{d}
		return err
	case "interruptions":
		p := c.programme()
		for _, it := range items {
			in, err := rules.ParseInterruption(it)
			if err != nil {
				return err
			}
			p.Interruptions = append(p.Interruptions, Interruption(in))
		}
	case "work_hours":
		for _, it := range items {
			w, err := ParseWorkHours(it)
			if err != nil {
				return err
			}
			c.WorkHours = append(c.WorkHours, w)
		}
	case "other_benefits":
		for _, it := range items {
			b, err := ParseOtherBenefit(it)
			if err != nil {
				return err
			}
			c.OtherBenefits = append(c.OtherBenefits, b)
		}
	case "absence":
		for _, it := range items {
			a, err := ParseAbsence(it)
			if err != nil {
				return err
			}
			c.Absence = append(c.Absence, a)
		}
	}
	return nil
}
