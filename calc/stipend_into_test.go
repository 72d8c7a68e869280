package calc

import (
	"reflect"
	"testing"

	"kvp/rules"
)

// TestStipendIntoReusedIsStipend: one Result used again for case after case
// (long and short periods, with and without children, work, benefits,
// absence, 14-day pay, so that every slice shrinks and grows) holds exactly
// what Stipend gives for each, field for field, for a Calculator and a
// totals Calculator; only Children may be empty instead of nil.
func TestStipendIntoReusedIsStipend(t *testing.T) {
	p := propParams(t)
	for _, k := range []*Calculator{NewCalculator(p), NewTotalsCalculator(p)} {
		g := newPropGen(19)
		var res Result
		for i := range propCases {
			c := g.next()
			if i%4 == 3 {
				start := c.Period.From.AddDays(-i % 14)
				c.Pay = PaySchedule{Cycle: Pay14Days, CycleStart: &start}
			}
			want, err := k.Stipend(c)
			if err != nil {
				t.Fatalf("case %d (%s): %v", i, propDescribe(c), err)
			}
			if err := k.StipendInto(c, &res); err != nil {
				t.Fatalf("case %d (%s): StipendInto: %v", i, propDescribe(c), err)
			}
			got := res
			if len(got.Children) == 0 && want.Children == nil {
				got.Children = nil
			}
			if !reflect.DeepEqual(&got, want) {
				t.Fatalf("case %d (%s): StipendInto into a used Result differs from Stipend:\n%+v\n%+v", i, propDescribe(c), got, *want)
			}
		}
	}
}

// TestMonthlyPayPeriodsByDate: the monthly payments, worked out month by
// month from each first day, are those of the calendar: for every pay day
// 1–28 and periods starting on every day of 1999–2001 (over leap and
// common Februaries, month ends and a century year 2000), each month runs
// from its first (or the period's first day) to its last (or the period's
// last), due on the pay day of the month after, paid on the working day on
// or before it. For example 2000-02-10..2000-03-09, pay day 12: February
// 2000-02-10..2000-02-29 due 2000-03-12 (a Sunday), paid Friday 2000-03-10.
func TestMonthlyPayPeriodsByDate(t *testing.T) {
	p := rules.Period{From: rules.NewDate(2000, 2, 10), To: rules.NewDate(2000, 3, 9)}
	got := PaySchedule{Day: 12}.appendPayPeriods(nil, p)
	if len(got) != 2 || got[0].To != rules.NewDate(2000, 2, 29) || got[0].Due != rules.NewDate(2000, 3, 12) || got[0].PayDate != rules.NewDate(2000, 3, 10) {
		t.Fatalf("2000-02-10..2000-03-09: %+v", got)
	}
	for day := 1; day <= MaxPayDay; day++ {
		for from := rules.NewDate(1999, 1, 1); from <= rules.NewDate(2001, 12, 31); from += 7 {
			p := rules.Period{From: from, To: from.AddDays(int(from) % 800)}
			got := PaySchedule{Day: day}.appendPayPeriods(nil, p)
			var want []Payment
			for ym := MonthOf(p.From); ym <= MonthOf(p.To); ym++ {
				first, next := rules.NewDate(ym.Year(), ym.Month(), 1), ym.Next()
				due := rules.NewDate(next.Year(), next.Month(), day)
				want = append(want, Payment{From: max(first, p.From), To: min(first.LastOfMonth(), p.To), Due: due, PayDate: rules.WorkingDayOnOrBefore(due)})
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, pay day %d:\n%+v\nwant %+v", p, day, got, want)
			}
		}
	}
}
