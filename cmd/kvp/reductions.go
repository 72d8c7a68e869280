package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"kvp/calc"
	"kvp/rules"
)

// number is an amount or a count as written in a case file: a YAML or JSON
// number, or a string holding one. It never passes through a float.
type number struct{ decimal.Decimal }

func (n *number) UnmarshalText(b []byte) error {
	d, err := parseNumber(string(b))
	n.Decimal = d
	return err
}

func (n *number) UnmarshalJSON(b []byte) error { return n.UnmarshalText(bytes.Trim(b, `"`)) }

func (n *number) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a number", node.Line)
	}
	if err := n.UnmarshalText([]byte(node.Value)); err != nil {
		return fmt.Errorf("line %d: %w", node.Line, err)
	}
	return nil
}

func (n number) MarshalText() ([]byte, error) { return []byte(n.String()), nil }

// parseNumber reads a plain decimal number of sane size: no exponent, at most
// 12 digits before and 10 after the point.
func parseNumber(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "eE") || len(s) > 24 {
		return decimal.Decimal{}, fmt.Errorf("%q is not a number such as 1500 or 37.5", s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.Abs().GreaterThanOrEqual(decimal.New(1, 12)) || d.Exponent() < -10 {
		return decimal.Decimal{}, fmt.Errorf("%q is not a number such as 1500 or 37.5", s)
	}
	return d, nil
}

// The reduction sections of a case file.
type workEntry struct {
	Hours number      `json:"hours" yaml:"hours"` // hours a week
	From  *rules.Date `json:"from,omitempty" yaml:"from"`
	To    *rules.Date `json:"to,omitempty" yaml:"to"`
}

type otherBenefitEntry struct {
	Kind   string      `json:"kind" yaml:"kind"`
	From   *rules.Date `json:"from,omitempty" yaml:"from"`
	To     *rules.Date `json:"to,omitempty" yaml:"to"`
	PerDay *number     `json:"per_day,omitempty" yaml:"per_day"`
	Total  *number     `json:"total,omitempty" yaml:"total"`
}

type absenceEntry struct {
	Date  *rules.Date `json:"date,omitempty" yaml:"date"`
	Hours *number     `json:"hours,omitempty" yaml:"hours"`
	Month string      `json:"month,omitempty" yaml:"month"` // YYYY-MM, with days
	Days  *int        `json:"days,omitempty" yaml:"days"`
}

type notDeductedEntry struct {
	Kind   string  `json:"kind" yaml:"kind"`
	Amount *number `json:"amount,omitempty" yaml:"amount"`
}

// reductionsFromFile converts the case file's reduction sections for period p.
func reductionsFromFile(cf *caseFile, p rules.Period, c *calc.Case) error {
	span := func(field string, from, to *rules.Date) (rules.Period, error) {
		r := p
		if from != nil {
			r.From = *from
		}
		if to != nil {
			r.To = *to
		}
		if r.To < r.From {
			return r, fmt.Errorf("%s: %s ends before it starts", field, r)
		}
		return r, nil
	}
	for i, w := range cf.WorkHours {
		r, err := span(fmt.Sprintf("work_hours[%d]", i), w.From, w.To)
		if err != nil {
			return err
		}
		c.Work = append(c.Work, calc.WorkHours{Period: r, Hours: w.Hours.Decimal})
	}
	for i, b := range cf.OtherBenefits {
		field := fmt.Sprintf("other_benefits[%d]", i)
		r, err := span(field, b.From, b.To)
		if err != nil {
			return err
		}
		ob := calc.OtherBenefit{Kind: b.Kind, Period: r}
		switch {
		case b.PerDay != nil && b.Total == nil:
			ob.PerDay = b.PerDay.Decimal
		case b.Total != nil && b.PerDay == nil:
			ob.Total = &b.Total.Decimal
		default:
			return fmt.Errorf("%s: give per_day or total (one of them)", field)
		}
		c.Benefits = append(c.Benefits, ob)
	}
	for i, a := range cf.Absence {
		field := fmt.Sprintf("absence[%d]", i)
		switch {
		case a.Date != nil && a.Month == "" && a.Days == nil:
			ab := calc.Absence{Date: *a.Date}
			if a.Hours != nil {
				ab.Hours = &a.Hours.Decimal
			}
			c.Absence = append(c.Absence, ab)
		case a.Date == nil && a.Month != "" && a.Days != nil && a.Hours == nil:
			m, err := rules.ParseDate(a.Month + "-01")
			if err != nil {
				return fmt.Errorf("%s.month: %q is not a month YYYY-MM", field, a.Month)
			}
			c.AbsenceDays = append(c.AbsenceDays, calc.AbsenceDays{Month: m, Days: *a.Days})
		default:
			return fmt.Errorf("%s: give date (and optionally hours), or month and days", field)
		}
	}
	for i, n := range cf.NotDeducted {
		nd := calc.NotDeducted{Kind: n.Kind}
		if n.Amount != nil {
			if n.Amount.IsNegative() {
				return fmt.Errorf("not_deducted[%d].amount: %s is negative", i, n.Amount)
			}
			nd.Amount = calc.M(n.Amount.Decimal)
		}
		c.NotDeducted = append(c.NotDeducted, nd)
	}
	return nil
}

// parseWorkHours reads --work-hours: HOURS for the whole period, or
// HOURS@FROM..TO.
func parseWorkHours(s string, p rules.Period) (calc.WorkHours, error) {
	hours, at, ranged := strings.Cut(s, "@")
	h, err := parseNumber(hours)
	if err != nil {
		return calc.WorkHours{}, fmt.Errorf("--work-hours: %w (expected HOURS or HOURS@FROM..TO)", err)
	}
	w := calc.WorkHours{Period: p, Hours: h}
	if ranged {
		if w.Period, err = rules.ParsePeriod(at); err != nil {
			return calc.WorkHours{}, fmt.Errorf("--work-hours: %w", err)
		}
	}
	return w, nil
}

// parseOtherBenefit reads --other-benefit KIND:PER_DAY@FROM..TO or
// KIND:total=AMOUNT@FROM..TO (the range defaults to the whole period).
func parseOtherBenefit(s string, p rules.Period) (calc.OtherBenefit, error) {
	const form = "expected KIND:PER_DAY[@FROM..TO] or KIND:total=AMOUNT[@FROM..TO], e.g. sykepenger:800@2026-06-01..2026-06-30"
	kind, rest, ok := strings.Cut(s, ":")
	if !ok {
		return calc.OtherBenefit{}, fmt.Errorf("--other-benefit: %q: %s", s, form)
	}
	amount, at, ranged := strings.Cut(rest, "@")
	b := calc.OtherBenefit{Kind: strings.TrimSpace(kind), Period: p}
	total, isTotal := strings.CutPrefix(amount, "total=")
	v, err := parseNumber(total)
	if err != nil {
		return b, fmt.Errorf("--other-benefit: %w; %s", err, form)
	}
	if isTotal {
		b.Total = &v
	} else {
		b.PerDay = v
	}
	if ranged {
		if b.Period, err = rules.ParsePeriod(at); err != nil {
			return b, fmt.Errorf("--other-benefit: %w", err)
		}
	}
	return b, nil
}

// parseAbsence reads --absence DATE or DATE=HOURS.
func parseAbsence(s string) (calc.Absence, error) {
	day, hours, partial := strings.Cut(s, "=")
	d, err := rules.ParseDate(strings.TrimSpace(day))
	if err != nil {
		return calc.Absence{}, fmt.Errorf("--absence: %w (expected DATE or DATE=HOURS)", err)
	}
	a := calc.Absence{Date: d}
	if partial {
		h, err := parseNumber(hours)
		if err != nil {
			return a, fmt.Errorf("--absence: %w (expected DATE or DATE=HOURS)", err)
		}
		a.Hours = &h
	}
	return a, nil
}

// jsonStrict decodes data into v rejecting unknown fields.
func jsonStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func decimalInt(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }
