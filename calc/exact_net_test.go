package calc

import (
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// Under the exact policy a month's payment is rounded once: the net is the
// month's unrounded net rounded to the øre, and the lines add up to it
// (review finding 1, December 2026).

// TestExactNetRoundedOnce checks the review's two hand computations. G
// 136 549 from 2026-05-01; May 2026 has 21 paid days.
//
// Born 1980, 12.5 h of work: day rate 2.041 × 136 549 / 260 = 1 071.909650;
// × 21 = 22 510.10265; × (1 − 12.5 / 37.5) = 15 006.7351, so 15 006.74 (the
// stipend line 22 510.10, work 15 006.74 − 22 510.10 = −7 503.36).
//
// Born 2003 (under 25), 15 h: day rate 2/3 × 1 071.909650 = 714.606433…;
// × 21 = 15 006.7351; × (1 − 15 / 37.5) = 9 004.0411, so 9 004.04 (work
// 9 004.04 − 15 006.74 = −6 002.70).
func TestExactNetRoundedOnce(t *testing.T) {
	for _, tc := range []struct {
		born, from, to string
		hours          string
		net, stipend   string
	}{
		{"1980-01-01", "2026-05-01", "2026-05-31", "12.5", "15006.74", "22510.10"},
		{"2003-06-01", "2026-05-01", "2026-05-31", "15", "9004.04", "15006.74"},
	} {
		c := Case{BirthDate: date(t, tc.born), Period: period(t, tc.from, tc.to), Rounding: RoundingExact, AgeSwitch: AgeSwitchBirthday,
			Work: []WorkHours{{Period: period(t, tc.from, tc.to), Hours: decimal.RequireFromString(tc.hours)}}}
		r, err := Stipend(params(t), c)
		if err != nil {
			t.Fatal(err)
		}
		m := r.Months[0]
		if m.Net.String() != tc.net || m.Stipend.String() != tc.stipend || m.Stipend+m.Work != m.Net {
			t.Errorf("born %s, %s h: stipend %s, work %s, net %s; want stipend %s, net %s", tc.born, tc.hours, m.Stipend, m.Work, m.Net, tc.stipend, tc.net)
		}
	}
}

// TestRegulateExactNetRoundedOnce: the review's regulate example, under 25
// with 15 h of work in May and June 2026, regulated on 1 July. Only May is
// paid before (12 June), at G 130 160: 2/3 × 2.041 × 130 160 / 260 =
// 681.170667; × 21 × 0.6 = 8 582.7504, so 8 582.75. Owed for May 9 004.04
// (above), so the back pay is 9 004.04 − 8 582.75 = 421.29.
func TestRegulateExactNetRoundedOnce(t *testing.T) {
	r, err := NewRegulator(params(t), date(t, "2026-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	c := Case{BirthDate: date(t, "2003-06-01"), Period: period(t, "2026-05-01", "2026-06-30"), Rounding: RoundingExact, AgeSwitch: AgeSwitchBirthday,
		Work: []WorkHours{{Period: period(t, "2026-05-01", "2026-06-30"), Hours: decimal.NewFromInt(15)}}}
	reg, err := r.Regulate(c)
	if err != nil {
		t.Fatal(err)
	}
	if reg.Owed.String() != "9004.04" || len(reg.Payments) != 1 || reg.Payments[0].Paid.Net.String() != "8582.75" || reg.BackPay.String() != "421.29" {
		t.Errorf("owed %s, paid %s, back pay %s; want owed 9004.04, paid 8582.75, back pay 421.29", reg.Owed, reg.Paid, reg.BackPay)
	}
}

// TestPropertyExactNetIsTheExactNetRounded: on a grid of 2 ages × 10 work
// hours × 4 months (the review's), and on the generated cases under the
// exact policy, every month's net is its unrounded net rounded once to the
// øre, and its lines add up to it.
func TestPropertyExactNetIsTheExactNetRounded(t *testing.T) {
	p := propParams(t)
	check := func(what string, c Case) {
		t.Helper()
		r, err := Stipend(p, c)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		exact := map[YearMonth]decimal.Decimal{}
		absent, _ := c.absentDays()
		for si := range r.Segments {
			seg := &r.Segments[si]
			for start := seg.From; start <= seg.To; {
				end := min(seg.To, start.LastOfMonth())
				x := exactSum(c.piece(seg, rules.Weekdays(start, end), absentIn(absent, start, end)))
				if x.IsNegative() {
					x = decimal.Zero
				}
				exact[MonthOf(start)] = exact[MonthOf(start)].Add(x)
				start = end + 1
			}
		}
		for _, m := range r.Months {
			if err := propCheckAmounts(what+" "+m.Month.String(), m.Amounts); err != nil {
				t.Fatal(err)
			}
			if want := M(exact[m.Month]); m.Net != want {
				t.Fatalf("%s, %s: net %s, want the exact net %s rounded once: %s", what, m.Month, m.Net, exact[m.Month], want)
			}
		}
	}
	months := 0
	for _, born := range []string{"1980-01-01", "2003-06-01"} {
		for h := 1; h <= 10; h++ {
			hours := decimal.New(int64(h)*25, -1) // 2.5 to 25 by 2.5
			for _, from := range []string{"2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"} {
				f := date(t, from)
				c := Case{BirthDate: date(t, born), Period: rules.Period{From: f, To: f.LastOfMonth()}, Rounding: RoundingExact, AgeSwitch: AgeSwitchBirthday,
					Work: []WorkHours{{Period: rules.Period{From: f, To: f.LastOfMonth()}, Hours: hours}}}
				check("born "+born+", "+hours.String()+" h, "+from, c)
				months++
			}
		}
	}
	g := newPropGen(11)
	for i := range propCases {
		c := g.next()
		c.Rounding = RoundingExact
		check(propDescribe(c), c)
		_ = i
	}
	t.Logf("%d grid months and %d generated cases", months, propCases)
}
