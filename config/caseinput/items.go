package caseinput

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// The items below are written the same way in a flag and in a CSV column
// (a list column holds them separated by ';'). Their errors say what is
// wrong; the caller names the flag or the column.

// ParseWorkHours reads HOURS for the whole period, or HOURS@FROM..TO.

// The errors of the benefit items; input is the value, quoted.
var (
	errNotBenefitKind     = rules.NewCode("err.flag.not_benefit_kind", "input", "kinds")
	errBenefitAmountEmpty = rules.NewCode("err.flag.benefit_amount_empty", "input")
)

func ParseWorkHours(s string) (WorkHours, error) {
	hours, at, ranged := strings.Cut(s, "@")
	h, err := ParseNumber(hours)
	if err != nil {
		return WorkHours{}, rules.Errorf(codeWorkHoursForm, err)
	}
	w := WorkHours{Hours: Number{h}}
	if ranged {
		p, err := rules.ParsePeriod(at)
		if err != nil {
			return WorkHours{}, err
		}
		w.From, w.To = &p.From, &p.To
	}
	return w, nil
}

// ParseOtherBenefit reads KIND:PER_DAY@FROM..TO or KIND:total=AMOUNT@FROM..TO
// (the range defaults to the whole period).
func ParseOtherBenefit(s string) (OtherBenefit, error) {
	kind, rest, ok := strings.Cut(s, ":")
	if !ok {
		return OtherBenefit{}, rules.Errorf(codeOtherBenefitForm, rules.Quote(s))
	}
	amount, at, ranged := strings.Cut(rest, "@")
	b := OtherBenefit{Kind: strings.TrimSpace(kind)}
	total, isTotal := strings.CutPrefix(amount, "total=")
	v, err := ParseNumber(total)
	if err != nil {
		return b, rules.Errorf(codeOtherBenefitAfter, err)
	}
	if isTotal {
		b.Total = &Number{v}
	} else {
		b.PerDay = &Number{v}
	}
	if ranged {
		p, err := rules.ParsePeriod(at)
		if err != nil {
			return b, err
		}
		b.From, b.To = &p.From, &p.To
	}
	return b, nil
}

// ParseAbsence reads DATE or DATE=HOURS.
func ParseAbsence(s string) (Absence, error) {
	day, hours, partial := strings.Cut(s, "=")
	d, err := rules.ParseDate(strings.TrimSpace(day))
	if err != nil {
		return Absence{}, rules.Errorf(codeAbsenceItemForm, err)
	}
	a := Absence{Date: &d}
	if partial {
		h, err := ParseNumber(hours)
		if err != nil {
			return a, rules.Errorf(codeAbsenceItemForm, err)
		}
		a.Hours = &Number{h}
	}
	return a, nil
}

// noneWord is the value of a list that says the list is known to be empty.
const noneWord = "none"

// ParseBenefit reads KIND, KIND=AMOUNT or KIND=full.
func ParseBenefit(s string) (Benefit, error) {
	kind, amount, hasAmount := strings.Cut(strings.TrimSpace(s), "=")
	kind = strings.ToLower(strings.TrimSpace(kind))
	if !isOneOf(kind, rules.BenefitKinds) {
		return Benefit{}, rules.Errorf(errNotBenefitKind, rules.Quote(kind), strings.Join(rules.BenefitKinds, ", "))
	}
	e := Benefit{Kind: kind, Amount: strings.TrimSpace(amount)}
	if hasAmount && e.Amount == "" {
		return Benefit{}, rules.Errorf(errBenefitAmountEmpty, rules.Quote(s))
	}
	if _, err := e.Rules(); err != nil {
		return Benefit{}, err
	}
	return e, nil
}

// ParseBenefitList reads benefits, or none alone.
func ParseBenefitList(items []string) ([]Benefit, error) {
	list := []Benefit{}
	if isNone(items) {
		return list, nil
	}
	for _, s := range items {
		if strings.EqualFold(strings.TrimSpace(s), noneWord) {
			return nil, rules.Errorf(codeNoneWithBenefits)
		}
		e, err := ParseBenefit(s)
		if err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, nil
}

// ParsePreviousList reads periods FROM..TO, or none alone.
func ParsePreviousList(items []string) ([]Period, error) {
	list := []Period{}
	if isNone(items) {
		return list, nil
	}
	for _, s := range items {
		if strings.EqualFold(strings.TrimSpace(s), noneWord) {
			return nil, rules.Errorf(codeNoneWithPeriods)
		}
		p, err := rules.ParsePeriod(strings.TrimSpace(s))
		if err != nil {
			return nil, err
		}
		list = append(list, Period(p))
	}
	return list, nil
}

// ParseResidence reads a residence status.
func ParseResidence(s string) (string, error) {
	r := strings.ToLower(strings.TrimSpace(s))
	if !isOneOf(r, rules.ResidenceStatuses) {
		return "", rules.Errorf(rules.ErrNotOneOf, rules.Quote(s), strings.Join(rules.ResidenceStatuses, ", "))
	}
	return r, nil
}

// ParseOtherIncome reads YEAR=AMOUNT.
func ParseOtherIncome(s string) (int, decimal.Decimal, error) {
	y, v, ok := strings.Cut(s, "=")
	year, err := strconv.Atoi(strings.TrimSpace(y))
	if !ok || err != nil || year < rules.MinYear || year > rules.MaxYear {
		return 0, decimal.Decimal{}, rules.Errorf(codeOtherIncomeForm, rules.Quote(s))
	}
	d, err := ParseNumber(v)
	if err != nil || d.IsNegative() {
		return 0, decimal.Decimal{}, rules.Errorf(codeOtherIncomeAmount, rules.Quote(s))
	}
	return year, d, nil
}

func isNone(items []string) bool {
	return len(items) == 1 && strings.EqualFold(strings.TrimSpace(items[0]), noneWord)
}

func isOneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

// Rules turns a benefit into the rules' form. An empty amount is an unknown
// amount (the criterion then needs assessment); "full" is the benefit in
// full; anything else is a yearly amount in kroner, 0 meaning not received.
// On a bad amount the benefit comes back with its amount unknown, and the
// error says why.
func (e Benefit) Rules() (rules.Benefit, error) {
	b := rules.Benefit{Kind: e.Kind}
	switch amount := strings.TrimSpace(e.Amount); {
	case amount == "":
	case strings.EqualFold(amount, "full"):
		b.Full = true
	default:
		d, err := decimal.NewFromString(amount)
		if err != nil {
			return b, rules.Errorf(codeNotYearly, rules.Quote(e.Amount))
		}
		if d.IsNegative() {
			return b, rules.Errorf(codeYearlyNegative, amount)
		}
		b.Yearly = &d
	}
	return b, nil
}
