package calc

import (
	"kvp/rules"
)

// PayCycle names how often the stipend is paid: the municipality decides
// "hvordan og til hvilke tidspunkter utbetaling skal skje" (sotjl. § 39).
type PayCycle string

const (
	// PayMonthly pays each calendar month on day PaySchedule.Day of the next. The default.
	PayMonthly PayCycle = "monthly"
	// Pay14Days pays each 14-day period from PaySchedule.CycleStart,
	// PaySchedule.Lag working days after it ends.
	Pay14Days PayCycle = "14-days"
)

// PayCycles lists the cycles, default first.
var PayCycles = []string{string(PayMonthly), string(Pay14Days)}

// The defaults and bounds of a pay schedule.
const (
	DefaultPayDay = 12 // day of the month after: never moved back into the month earned
	DefaultPayLag = 2  // working days after a 14-day period ends
	MaxPayDay     = 28 // a day every month has
	MaxPayLag     = 20
	cycleDays     = 14
)

// RefPayDay names the rule that moves a pay day off a weekend or public holiday.
const RefPayDay = "sotjl. § 39; kvp-rules.md § 7.2 (CONVENTION pay day)"

// PaySchedule says when each payment is made (sotjl. § 39). The zero value
// is the default: monthly, on the 12th of the month after.
type PaySchedule struct {
	Cycle      PayCycle    `json:"pay_cycle"`
	Day        int         `json:"pay_day,omitempty"`     // monthly: 1–28; 0 means DefaultPayDay
	CycleStart *rules.Date `json:"cycle_start,omitempty"` // 14-days: the first day of any period
	Lag        int         `json:"pay_lag"`               // 14-days: working days after the period's end
}

// Normal returns s with its defaults filled in.
func (s PaySchedule) Normal() PaySchedule {
	if s.Cycle == "" {
		s.Cycle = PayMonthly
	}
	if s.Cycle == PayMonthly {
		if s.Day == 0 {
			s.Day = DefaultPayDay
		}
		s.Lag, s.CycleStart = 0, nil
	} else {
		s.Day = 0
	}
	return s
}

// IsDefault reports whether s pays monthly on the default day.
func (s PaySchedule) IsDefault() bool {
	n := s.Normal()
	return n.Cycle == PayMonthly && n.Day == DefaultPayDay
}

var (
	errPayDayRange   = rules.NewCode("err.calc.pay_day_range", "day", "max")
	errPayLagRange   = rules.NewCode("err.calc.pay_lag_range", "lag", "max")
	errCycleStartReq = rules.NewCode("err.calc.cycle_start_required")
)

// Validate checks the schedule; errors name the case-file field.
func (s PaySchedule) Validate() error {
	switch s.Cycle {
	case "", PayMonthly:
		if s.Day < 0 || s.Day > MaxPayDay {
			return fieldErr("pay_day", errPayDayRange.M(s.Day, MaxPayDay))
		}
	case Pay14Days:
		if s.CycleStart == nil {
			return fieldErr("cycle_start", errCycleStartReq.M())
		}
		if s.Lag < 0 || s.Lag > MaxPayLag {
			return fieldErr("pay_lag", errPayLagRange.M(s.Lag, MaxPayLag))
		}
	default:
		return fieldErr("pay_cycle", notOneOf(string(s.Cycle), "monthly, 14-days"))
	}
	return nil
}

// Payment is one payment of the stipend: the days it pays for (the pay
// period within the case's period), the day it is paid and its amounts.
type Payment struct {
	From rules.Date `json:"from"` // first earned day paid
	To   rules.Date `json:"to"`   // last earned day paid
	// Due is the pay day the schedule names; PayDate is Due, or the working
	// day before when Due is a Saturday, Sunday or public holiday (CONVENTION).
	Due      rules.Date `json:"due"`
	PayDate  rules.Date `json:"pay_date"`
	PaidDays int        `json:"paid_days"`
	Amounts
}

// PeriodStart is the first day of the pay period d is earned in: the first
// of d's month, or the first day of d's 14-day period. It names a payment
// the same way whatever part of the period a case covers, so that kvp
// recalc finds the payment again in another run.
func (s PaySchedule) PeriodStart(d rules.Date) rules.Date {
	s = s.Normal()
	if s.Cycle == Pay14Days {
		start := *s.CycleStart
		k := int(d - start)
		k = (k - ((k%cycleDays)+cycleDays)%cycleDays) / cycleDays // floor(k / 14)
		return start + rules.Date(k*cycleDays)
	}
	return d.FirstOfMonth()
}

// dueOfPeriod is the pay day a 14-day schedule names for the period that
// starts on from: Lag working days after it ends.
func (s PaySchedule) dueOfPeriod(from rules.Date) rules.Date {
	end := from + cycleDays - 1
	if s.Lag > 0 {
		return rules.WorkingDaysAfter(end, s.Lag)
	}
	return end
}

// ordinalInPayMonth is 1 for the first payment of the schedule (not only
// of a case) made in the month of p's pay date, 2 for the second, and so
// on; always 1 for the monthly cycle.
func (s PaySchedule) ordinalInPayMonth(p Payment) int {
	s = s.Normal()
	if s.Cycle != Pay14Days {
		return 1
	}
	n := 1
	for from := s.PeriodStart(p.From) - cycleDays; ; from -= cycleDays {
		if MonthOf(rules.WorkingDayOnOrBefore(s.dueOfPeriod(from))) != MonthOf(p.PayDate) {
			return n
		}
		n++
	}
}

// appendPayPeriods returns the payments of period p under s, amounts
// empty, in out's storage (emptied first) when it has room.
func (s PaySchedule) appendPayPeriods(out []Payment, p rules.Period) []Payment {
	s = s.Normal()
	if s.Cycle == Pay14Days {
		first := s.PeriodStart(p.From)
		out = reuse(out, int(p.To-first)/cycleDays+1)
		for from := first; from <= p.To; from += cycleDays {
			end := from + cycleDays - 1
			due := s.dueOfPeriod(from)
			out = append(out, Payment{From: max(from, p.From), To: min(end, p.To), Due: due, PayDate: rules.WorkingDayOnOrBefore(due)})
		}
		return out
	}
	// Month by month from the first of each: the next month starts
	// DaysInMonth days later, and its pay day s.Day is s.Day-1 days after
	// its first (rules.NewDate is linear in the day, so this is
	// NewDate(next year, next month, s.Day) for any s.Day).
	ym, last := MonthOf(p.From), MonthOf(p.To)
	out = reuse(out, int(last-ym)+1)
	first := p.From.FirstOfMonth()
	for ; ym <= last; ym = ym.Next() {
		next := first + rules.Date(rules.DaysInMonth(ym.Year(), ym.Month()))
		due := next + rules.Date(s.Day-1)
		out = append(out, Payment{From: max(first, p.From), To: min(next-1, p.To), Due: due, PayDate: rules.WorkingDayOnOrBefore(due)})
		first = next
	}
	return out
}
