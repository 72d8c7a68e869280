package caseinput

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"kvp/calc"
	"kvp/config"
	"kvp/rules"
)

// The one conversion of a Case into calc's and rules' facts: kvp calc,
// compare, batch, check and period all read their facts through it.

// Settings are the conventions a calc.Case needs, resolved by the caller
// from the case, the flags and the configuration.
type Settings struct {
	Rounding     calc.Rounding
	AgeSwitch    calc.AgeSwitch
	LeapBirthday rules.LeapBirthday
	Pay          calc.PaySchedule
	// AsOf, when set, prices with the parameters as known on it.
	AsOf *rules.Date
}

// Params are the parameters the case is priced with: cfg's, or as known on
// the case's own as_of.
func (s Settings) Params(cfg *config.Config) *rules.Params {
	p := cfg.Params
	if s.AsOf == nil {
		if p.AsOf != nil {
			return cfg.AllParams
		}
		return p
	}
	if p.AsOf != nil && *p.AsOf == *s.AsOf {
		return p
	}
	return cfg.AllParams.KnownOn(*s.AsOf)
}

// Calc turns the case into a calc.Case. Errors name the case-file field;
// the caller validates the result (calc.Case.Validate).
func (c *Case) Calc(s Settings) (calc.Case, error) {
	switch {
	case c.BirthDate == nil:
		return calc.Case{}, fieldErr("birth_date", rules.ErrMissing.M())
	case c.From == nil:
		return calc.Case{}, fieldErr("from", rules.ErrMissing.M())
	case c.To == nil:
		return calc.Case{}, fieldErr("to", rules.ErrMissing.M())
	case c.Children != nil && len(c.ChildBirthDates) > 0:
		return calc.Case{}, fieldErr("children", codeChildrenBoth.M())
	}
	out := calc.Case{
		BirthDate: *c.BirthDate, Period: rules.Period{From: *c.From, To: *c.To},
		ChildBirthDates: c.ChildBirthDates, Rounding: s.Rounding, AgeSwitch: s.AgeSwitch, LeapBirthday: s.LeapBirthday, Pay: s.Pay,
		BenefitScope: calc.BenefitScope(c.BenefitScope),
	}
	if out.BenefitScope == "" {
		out.BenefitScope = calc.BenefitScopeStipend
	}
	if c.Children != nil {
		out.Children = *c.Children
	}
	if c.Programme != nil {
		// One still running (FROM..) runs to the end of the period: nothing is
		// paid from FROM on. One that starts after the period is kept as its
		// first day, outside the period, so that indexes stay the file's.
		out.Interruptions = make([]rules.Period, len(c.Programme.Interruptions))
		for i, in := range c.Programme.Interruptions {
			out.Interruptions[i] = rules.Interruption(in).Through(max(in.From, out.Period.To))
		}
	}
	return out, c.reductions(&out)
}

// reductions converts the reduction sections for out's period.
func (c *Case) reductions(out *calc.Case) error {
	p := out.Period
	span := func(field string, from, to *rules.Date) (rules.Period, error) {
		r := p
		if from != nil {
			r.From = *from
		}
		if to != nil {
			r.To = *to
		}
		if r.To < r.From {
			return r, fieldErr(field, rules.ErrPeriodReversed.M(r.String()))
		}
		return r, nil
	}
	for i, w := range c.WorkHours {
		r, err := span(fmt.Sprintf("work_hours[%d]", i), w.From, w.To)
		if err != nil {
			return err
		}
		out.Work = append(out.Work, calc.WorkHours{Period: r, Hours: w.Hours.Decimal})
	}
	for i, b := range c.OtherBenefits {
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
			return fieldErr(field, codePerDayOrTotal.M())
		}
		out.Benefits = append(out.Benefits, ob)
	}
	for i, a := range c.Absence {
		field := fmt.Sprintf("absence[%d]", i)
		switch {
		case a.Date != nil && a.Month == "" && a.Days == nil:
			ab := calc.Absence{Date: *a.Date}
			if a.Hours != nil {
				ab.Hours = &a.Hours.Decimal
			}
			out.Absence = append(out.Absence, ab)
		case a.Date == nil && a.Month != "" && a.Days != nil && a.Hours == nil:
			m, err := rules.ParseDate(a.Month + "-01")
			if err != nil {
				return fieldErr(field+".month", codeNotAMonth.M(rules.Quote(a.Month)))
			}
			out.AbsenceDays = append(out.AbsenceDays, calc.AbsenceDays{Month: m, Days: *a.Days})
		default:
			return fieldErr(field, codeAbsenceForm.M())
		}
	}
	for i, n := range c.NotDeducted {
		nd := calc.NotDeducted{Kind: n.Kind}
		if n.Amount != nil {
			if n.Amount.IsNegative() {
				return fieldErr(fmt.Sprintf("not_deducted[%d].amount", i), rules.ErrNegative.M(n.Amount.String()))
			}
			nd.Amount = calc.M(n.Amount.Decimal)
		}
		out.NotDeducted = append(out.NotDeducted, nd)
	}
	return nil
}

// Tax returns the case's tax facts (other income by year, Finnmark, the
// withholding percent, the income-year basis: paid unless the case says).
func (c *Case) Tax() (calc.TaxOptions, error) {
	t := calc.TaxOptions{Basis: calc.IncomeBasis(c.IncomeYear), OtherIncome: map[int]decimal.Decimal{}}
	if t.Basis == "" {
		t.Basis = calc.IncomeBasisPaid
	}
	for y, v := range c.OtherIncome {
		if v.IsNegative() {
			return t, fieldErr(fmt.Sprintf("other_income.%d", y), rules.ErrNegative.M(v.String()))
		}
		t.OtherIncome[y] = v.Decimal
	}
	if c.Finnmark != nil {
		t.Finnmark = bool(*c.Finnmark)
	}
	if c.BirthDate != nil {
		t.BirthYear = c.BirthDate.Year() // the age in each income year (rules.AgeInIncomeYear)
	}
	if c.WithholdingPercent != nil {
		d := c.WithholdingPercent.Decimal
		t.WithholdingPercent = &d
	}
	return t, nil
}

// EligibilityFacts returns the facts of sotjl. § 29 in the case, judged on
// assessed, and every fact that cannot be right, each naming its field as
// the case file spells it (eligibility.benefits[0].kind, birth_date),
// joined. Without an eligibility section the facts hold only the dates.
func (c *Case) EligibilityFacts(assessed rules.Date) (rules.EligibilityFacts, error) {
	f := rules.EligibilityFacts{BirthDate: c.BirthDate, AssessmentDate: assessed, ApplicationDate: c.ApplicationDate}
	var errs []error
	if es := c.Eligibility; es != nil {
		f.ReducedCapacity = boolPtr(es.ReducedCapacity)
		f.AssessmentDone = boolPtr(es.AssessmentDone)
		f.FollowUpNeeded = boolPtr(es.FollowUpNeeded)
		f.BenefitVeryLimited = boolPtr(es.BenefitVeryLimited)
		f.FixedAbode = boolPtr(es.FixedAbode)
		f.YouthProgramme = boolPtr(es.YouthProgramme)
		f.Residence = es.Residence
		if es.Benefits != nil {
			f.BenefitsKnown = true
			f.Benefits = make([]rules.Benefit, 0, len(*es.Benefits))
			for i, e := range *es.Benefits {
				if !isOneOf(e.Kind, rules.BenefitKinds) {
					errs = append(errs, fieldErr(fmt.Sprintf("eligibility.%s[%d].kind", rules.FactBenefits, i),
						rules.ErrNotOneOf.M(rules.Quote(e.Kind), strings.Join(rules.BenefitKinds, ", "))))
				}
				b, err := e.Rules() // a bad amount stays unknown
				if err != nil {
					errs = append(errs, rules.FieldErr(fmt.Sprintf("eligibility.%s[%d].amount", rules.FactBenefits, i), err))
				}
				f.Benefits = append(f.Benefits, b)
			}
		}
		if es.Previous != nil {
			f.PreviousKnown = true
			f.Previous = periods(*es.Previous)
		}
	}
	check := f
	check.Benefits = nil // checked above, in file order, with the file's names
	if err := check.Validate(); err != nil {
		for _, e := range unjoin(err) {
			errs = append(errs, fileField(e))
		}
	}
	return f, errors.Join(errs...)
}

// unjoin splits an errors.Join error into its parts.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// fileField names the case-file field of a rules.EligibilityFacts
// validation error: "residence: …" is "eligibility.residence: …";
// birth_date and application_date are at the top level.
func fileField(err error) error {
	var fe *rules.FieldError
	if !errors.As(err, &fe) || strings.HasPrefix(fe.Field, rules.FactBirthDate) || strings.HasPrefix(fe.Field, rules.FactApplicationDate) {
		return err
	}
	return &rules.FieldError{Field: "eligibility." + fe.Field, Problem: fe.Problem, Err: fe.Err}
}

// fieldErr is the problem m with the case-file field field.
func fieldErr(field string, m rules.Message) error {
	return &rules.FieldError{Field: field, Problem: m}
}

// ProgrammeFacts returns the facts of the programme section, evaluated on
// evalDate under the duration regime; ok is false when the case has no
// programme start. The error is rules' validation, whose fields the caller
// names (a flag, or the case file's key).
func (c *Case) ProgrammeFacts(evalDate rules.Date, regime string) (rules.ProgrammeFacts, bool, error) {
	p := c.Programme
	if p == nil || p.Start == nil {
		return rules.ProgrammeFacts{}, false, nil
	}
	f := rules.ProgrammeFacts{
		Start:           *p.Start,
		ApplicationDate: c.ApplicationDate,
		Decisions:       periods(p.Decisions),
		Leave:           periods(p.Leave),
		Interruptions:   make([]rules.Interruption, len(p.Interruptions)),
		Extended:        p.Extended != nil && bool(*p.Extended),
		EvalDate:        evalDate,
		DurationRegime:  regime,
	}
	for i, in := range p.Interruptions {
		f.Interruptions[i] = rules.Interruption(in)
	}
	return f, true, f.Validate()
}

// Periods converts periods to the rules' form (the interactive answers of
// kvp check use it).
func Periods(ps []Period) []rules.Period { return periods(ps) }

// Settings resolves the case's conventions against cfg: a flag wins, then
// the case's own value, then the configuration, then the default.
func (c *Case) Settings(cfg *config.Config) (Settings, error) {
	var s Settings
	for _, x := range []struct {
		key, fromCase string
		dst           func(string)
	}{
		{config.KeyRounding, c.Rounding, func(v string) { s.Rounding = calc.Rounding(v) }},
		{config.KeyAgeSwitch, c.AgeSwitch, func(v string) { s.AgeSwitch = calc.AgeSwitch(v) }},
		{config.KeyLeapBirthday, c.LeapBirthday, func(v string) { s.LeapBirthday = rules.LeapBirthday(v) }},
		{config.KeyPayCycle, c.PayCycle, func(v string) { s.Pay.Cycle = calc.PayCycle(v) }},
		{config.KeyPayDay, intText(c.PayDay), func(v string) { s.Pay.Day, _ = strconv.Atoi(v) }},
		{config.KeyPayLag, intText(c.PayLag), func(v string) { s.Pay.Lag, _ = strconv.Atoi(v) }},
		{config.KeyCycleStart, dateText(c.CycleStart), func(v string) { s.Pay.CycleStart = parsedDate(v) }},
		{config.KeyAsOf, dateText(c.AsOf), func(v string) { s.AsOf = parsedDate(v) }},
	} {
		v, err := cfg.Setting(x.key, x.fromCase)
		if err != nil {
			return s, err
		}
		x.dst(v)
	}
	return s, nil
}

func intText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func dateText(d *rules.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// parsedDate is a date the settings checked, or nil for "".
func parsedDate(v string) *rules.Date {
	if v == "" {
		return nil
	}
	d, _ := rules.ParseDate(v)
	return &d
}

// Over returns s with the case's own conventions put over it: a batch line
// that names a rounding policy is computed under it.
func (s Settings) Over(c *Case) Settings {
	if c.Rounding != "" {
		s.Rounding = calc.Rounding(c.Rounding)
	}
	if c.AgeSwitch != "" {
		s.AgeSwitch = calc.AgeSwitch(c.AgeSwitch)
	}
	if c.LeapBirthday != "" {
		s.LeapBirthday = rules.LeapBirthday(c.LeapBirthday)
	}
	if c.PayCycle != "" {
		s.Pay.Cycle = calc.PayCycle(c.PayCycle)
	}
	if c.PayDay != nil {
		s.Pay.Day = *c.PayDay
	}
	if c.PayLag != nil {
		s.Pay.Lag = *c.PayLag
	}
	if c.CycleStart != nil {
		s.Pay.CycleStart = c.CycleStart
	}
	if c.AsOf != nil {
		s.AsOf = c.AsOf
	}
	return s
}
