package caseinput

import (
	"fmt"

	"github.com/shopspring/decimal"

	"kvp/calc"
	"kvp/config"
	"kvp/rules"
)

// Flags are the case's values given on the command line, each nil when its
// flag was not given. A list flag given replaces the file's whole list.
type Flags struct {
	BirthDate, From, To, Date, ApplicationDate, Start *string

	Children *int

	ChildBirthDates, Interruptions, WorkHours, OtherBenefits, Absence *[]string
	Decisions, Leave, Benefits, Previous, OtherIncome                 *[]string

	ReducedCapacity, AssessmentDone, FollowUpNeeded, BenefitVeryLimited, FixedAbode, YouthProgramme *string

	Residence, BenefitScope, IncomeYear, WithholdingPercent *string
	Extended, Finnmark                                      *bool
}

// Override writes the flags given over the file's values: the one place
// where flags win over a case file. A bad value is a usage error naming its
// flag (a *config.FlagError). Flagged records, by the name of the fact in
// rules.ProgrammeFacts, which facts a flag gave.
func (c *Case) Override(f Flags) error {
	flagErr := func(flag string, err error) error { return &config.FlagError{Err: fmt.Errorf("--%s: %w", flag, err)} }
	mark := func(fact, flag string) {
		if c.Flagged == nil {
			c.Flagged = map[string]string{}
		}
		c.Flagged[fact] = flag
	}
	for _, x := range []struct {
		flag, fact string
		value      *string
		dst        **rules.Date
	}{
		{"birth-date", "birth_date", f.BirthDate, &c.BirthDate},
		{"from", "from", f.From, &c.From},
		{"to", "to", f.To, &c.To},
		{"date", "eval_date", f.Date, &c.Date},
		{"application-date", "application_date", f.ApplicationDate, &c.ApplicationDate},
		{"start", "start", f.Start, nil},
	} {
		if x.value == nil {
			continue
		}
		d, err := rules.ParseDate(*x.value)
		if err != nil {
			return flagErr(x.flag, err)
		}
		if x.dst == nil {
			c.programme().Start = &d
		} else {
			*x.dst = &d
		}
		mark(x.fact, x.flag)
	}
	if f.Children != nil {
		if n := *f.Children; n < 0 || n > calc.MaxChildren {
			return flagErr("children", rules.Errorf(codeChildrenRange, n, calc.MaxChildren))
		}
		n := *f.Children
		c.Children = &n
	}
	if f.ChildBirthDates != nil {
		c.ChildBirthDates = nil
		for _, s := range *f.ChildBirthDates {
			d, err := rules.ParseDate(s)
			if err != nil {
				return flagErr("child-birth-date", err)
			}
			c.ChildBirthDates = append(c.ChildBirthDates, d)
		}
	}
	if f.Interruptions != nil {
		p := c.programme()
		p.Interruptions = nil
		for _, s := range *f.Interruptions {
			in, err := rules.ParseInterruption(s)
			if err != nil {
				return flagErr("interruption", err)
			}
			p.Interruptions = append(p.Interruptions, Interruption(in))
		}
		mark("interruptions", "interruption")
	}
	for _, x := range []struct {
		flag, fact string
		values     *[]string
		dst        func(*Programme) *[]Period
	}{
		{"decision", "decisions", f.Decisions, func(p *Programme) *[]Period { return &p.Decisions }},
		{"leave", "leave", f.Leave, func(p *Programme) *[]Period { return &p.Leave }},
	} {
		if x.values == nil {
			continue
		}
		dst := x.dst(c.programme())
		*dst = nil
		for _, s := range *x.values {
			p, err := rules.ParsePeriod(s)
			if err != nil {
				return flagErr(x.flag, err)
			}
			*dst = append(*dst, Period(p))
		}
		mark(x.fact, x.flag)
	}
	if f.Extended != nil {
		y := YesNo(*f.Extended)
		c.programme().Extended = &y
	}
	if f.WorkHours != nil {
		c.WorkHours = nil
		for _, s := range *f.WorkHours {
			w, err := ParseWorkHours(s)
			if err != nil {
				return flagErr("work-hours", err)
			}
			c.WorkHours = append(c.WorkHours, w)
		}
	}
	if f.OtherBenefits != nil {
		c.OtherBenefits = nil
		for _, s := range *f.OtherBenefits {
			b, err := ParseOtherBenefit(s)
			if err != nil {
				return flagErr("other-benefit", err)
			}
			c.OtherBenefits = append(c.OtherBenefits, b)
		}
	}
	if f.Absence != nil {
		c.Absence = nil
		for _, s := range *f.Absence {
			a, err := ParseAbsence(s)
			if err != nil {
				return flagErr("absence", err)
			}
			c.Absence = append(c.Absence, a)
		}
	}
	for _, x := range []struct {
		flag, key string
		value     *string
		dst       *string
	}{
		{"benefit-scope", config.KeyBenefitScope, f.BenefitScope, &c.BenefitScope},
		{"income-year", config.KeyIncomeYear, f.IncomeYear, &c.IncomeYear},
	} {
		if x.value == nil {
			continue
		}
		if err := config.CheckChoice(x.key, *x.value); err != nil {
			return flagErr(x.flag, err)
		}
		*x.dst = *x.value
	}
	if f.OtherIncome != nil {
		c.OtherIncome = map[int]Number{}
		for _, s := range *f.OtherIncome {
			year, d, err := ParseOtherIncome(s)
			if err != nil {
				return flagErr("other-income", err)
			}
			c.OtherIncome[year] = Number{c.OtherIncome[year].Add(d)}
		}
	}
	if f.Finnmark != nil {
		y := YesNo(*f.Finnmark)
		c.Finnmark = &y
	}
	if f.WithholdingPercent != nil {
		d, err := ParseNumber(*f.WithholdingPercent)
		if err != nil || d.IsNegative() || d.GreaterThan(decimal.NewFromInt(100)) {
			return flagErr("withholding-percent", rules.Errorf(codePercentRange, rules.Quote(*f.WithholdingPercent)))
		}
		c.WithholdingPercent = &Number{d}
	}
	return c.overrideEligibility(f, flagErr)
}

func (c *Case) overrideEligibility(f Flags, flagErr func(string, error) error) error {
	set := f.ReducedCapacity != nil || f.AssessmentDone != nil || f.FollowUpNeeded != nil || f.BenefitVeryLimited != nil ||
		f.FixedAbode != nil || f.YouthProgramme != nil || f.Benefits != nil || f.Residence != nil || f.Previous != nil
	if !set {
		return nil
	}
	if c.Eligibility == nil {
		c.Eligibility = &Eligibility{}
	}
	es := c.Eligibility
	for _, x := range []struct {
		flag  string
		value *string
		dst   **YesNo
	}{
		{"reduced-capacity", f.ReducedCapacity, &es.ReducedCapacity},
		{"assessment-done", f.AssessmentDone, &es.AssessmentDone},
		{"follow-up-needed", f.FollowUpNeeded, &es.FollowUpNeeded},
		{"benefit-very-limited", f.BenefitVeryLimited, &es.BenefitVeryLimited},
		{"fixed-abode", f.FixedAbode, &es.FixedAbode},
		{"youth-programme", f.YouthProgramme, &es.YouthProgramme},
	} {
		if x.value == nil {
			continue
		}
		v, err := ParseYesNo(*x.value)
		if err != nil {
			return flagErr(x.flag, err)
		}
		y := YesNo(v)
		*x.dst = &y
	}
	if f.Benefits != nil {
		list, err := ParseBenefitList(*f.Benefits)
		if err != nil {
			return flagErr("benefit", err)
		}
		es.Benefits = &list
	}
	if f.Residence != nil {
		r, err := ParseResidence(*f.Residence)
		if err != nil {
			return flagErr("residence", err)
		}
		es.Residence = r
	}
	if f.Previous != nil {
		list, err := ParsePreviousList(*f.Previous)
		if err != nil {
			return flagErr("previous", err)
		}
		es.Previous = &list
	}
	return nil
}

// programme returns the programme section, made when there is none.
func (c *Case) programme() *Programme {
	if c.Programme == nil {
		c.Programme = &Programme{}
	}
	return c.Programme
}
