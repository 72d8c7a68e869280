package calc

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// payment is one expected payment: earned from..to, paid on pay, net.
type payment struct{ from, to, pay, net string }

// TestPayments checks the pay dates and amounts of a schedule against
// dates and sums worked out by hand. Day rates (nav): 1 022 kr from
// 2025-05-01 (2.041 × 130 160 / 260 = 1 021.74), 1 072 kr from 2026-05-01
// (2.041 × 136 549 / 260 = 1 071.90).
func TestPayments(t *testing.T) {
	start := date(t, "2026-03-02")
	for _, c := range []struct {
		name     string
		from, to string
		pay      PaySchedule
		want     []payment
	}{
		{"default: the 12th; 12 April 2026 is a Sunday, 12 July a Sunday", "2026-03-01", "2026-06-30", PaySchedule{},
			[]payment{{"2026-03-01", "2026-03-31", "2026-04-10", "22484.00"}, // 22 days × 1 022
				{"2026-04-01", "2026-04-30", "2026-05-12", "22484.00"},   // 22 × 1 022
				{"2026-05-01", "2026-05-31", "2026-06-12", "22512.00"},   // 21 × 1 072
				{"2026-06-01", "2026-06-30", "2026-07-10", "23584.00"}}}, // 22 × 1 072
		{"pay day 10: 10 May 2026 is a Sunday, 10 October a Saturday", "2026-04-01", "2026-09-30", PaySchedule{Day: 10},
			[]payment{{"2026-04-01", "2026-04-30", "2026-05-08", "22484.00"},
				{"2026-05-01", "2026-05-31", "2026-06-10", "22512.00"},
				{"2026-06-01", "2026-06-30", "2026-07-10", "23584.00"},
				{"2026-07-01", "2026-07-31", "2026-08-10", "24656.00"},   // 23 × 1 072
				{"2026-08-01", "2026-08-31", "2026-09-10", "22512.00"},   // 21 × 1 072
				{"2026-09-01", "2026-09-30", "2026-10-09", "23584.00"}}}, // 22 × 1 072
		{"pay day 1: 1 January 2027 is nyttårsdag: December is paid 31 December", "2026-12-01", "2026-12-31", PaySchedule{Day: 1},
			[]payment{{"2026-12-01", "2026-12-31", "2026-12-31", "24656.00"}}}, // 23 × 1 072
		{"14 days from Monday 2026-03-02, lag 2: Sunday's period end + Monday, Tuesday", "2026-03-02", "2026-04-12", PaySchedule{Cycle: Pay14Days, CycleStart: &start, Lag: 2},
			[]payment{{"2026-03-02", "2026-03-15", "2026-03-17", "10220.00"}, // 10 × 1 022
				{"2026-03-16", "2026-03-29", "2026-03-31", "10220.00"},
				{"2026-03-30", "2026-04-12", "2026-04-14", "10220.00"}}}, // Easter days are paid days
		{"14 days: a period split by the month and the G of 1 May", "2026-04-27", "2026-05-10", PaySchedule{Cycle: Pay14Days, CycleStart: &start, Lag: 2},
			[]payment{{"2026-04-27", "2026-05-10", "2026-05-12", "10520.00"}}}, // 4 × 1 022 + 6 × 1 072
		{"14 days: the case starts and ends inside periods; lag 0 on a Sunday moves to Friday", "2026-03-10", "2026-03-20", PaySchedule{Cycle: Pay14Days, CycleStart: &start},
			[]payment{{"2026-03-10", "2026-03-15", "2026-03-13", "4088.00"}, // 4 × 1 022
				{"2026-03-16", "2026-03-20", "2026-03-27", "5110.00"}}}, // 5 × 1 022; 29 March is a Sunday
		{"14 days: cycle start after the period", "2026-03-10", "2026-03-13", PaySchedule{Cycle: Pay14Days, CycleStart: ptr(date(t, "2026-06-01")), Lag: 1},
			[]payment{{"2026-03-10", "2026-03-13", "2026-03-23", "4088.00"}}}, // period 03-09..03-22 (06-01 − 84 days = 03-09), ends Sunday: Monday 23rd
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Stipend(params(t), Case{BirthDate: date(t, "1980-01-01"), Period: rules.Period{From: date(t, c.from), To: date(t, c.to)},
				Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday, Pay: c.pay})
			if err != nil {
				t.Fatal(err)
			}
			var got []payment
			var sum Money
			for _, p := range res.Payments {
				got = append(got, payment{p.From.String(), p.To.String(), p.PayDate.String(), p.Net.String()})
				sum += p.Net
			}
			if len(got) != len(c.want) {
				t.Fatalf("payments %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("payment %d = %v, want %v", i, got[i], c.want[i])
				}
			}
			if sum != res.Total.Net {
				t.Errorf("payments sum to %s, total %s", sum, res.Total.Net)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestPayDateIncomeYear: December 2026 paid on 31 December (pay day 1) counts
// in 2026, and its withholding is the December half; on the default 12th
// it counts in 2027 and is withheld in full.
func TestPayDateIncomeYear(t *testing.T) {
	pct := decimal.NewFromInt(30)
	for _, c := range []struct {
		day            int
		paidYear       int
		withheld, note string
	}{
		{1, 2026, "3698.40", "half"}, // 24 656 × 30 % / 2
		{0, 2027, "7396.80", ""},     // 24 656 × 30 %
	} {
		res, err := Stipend(params(t), Case{BirthDate: date(t, "1980-01-01"), Period: rules.Period{From: date(t, "2026-12-01"), To: date(t, "2026-12-31")},
			Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday, Pay: PaySchedule{Day: c.day}})
		if err != nil {
			t.Fatal(err)
		}
		for _, y := range res.Years {
			if paid := y.Paid.Net != 0; paid != (y.Year == c.paidYear) {
				t.Errorf("pay day %d: year %d paid %s", c.day, y.Year, y.Paid.Net)
			}
		}
		tax, err := TaxFor(res, params(t), TaxOptions{WithholdingPercent: &pct})
		if err != nil {
			t.Fatal(err)
		}
		w := tax.Withholding[0]
		if w.Withheld.String() != c.withheld || (w.Note != nil) != (c.note != "") {
			t.Errorf("pay day %d: withheld %s (note %v), want %s", c.day, w.Withheld, w.Note, c.withheld)
		}
	}
}

func TestPayScheduleValidate(t *testing.T) {
	start := date(t, "2026-03-02")
	for _, c := range []struct {
		s    PaySchedule
		want string // the field named; "" valid
	}{
		{PaySchedule{}, ""},
		{PaySchedule{Day: 28}, ""},
		{PaySchedule{Day: 29}, "pay_day"},
		{PaySchedule{Day: -1}, "pay_day"},
		{PaySchedule{Cycle: Pay14Days}, "cycle_start"},
		{PaySchedule{Cycle: Pay14Days, CycleStart: &start, Lag: 21}, "pay_lag"},
		{PaySchedule{Cycle: Pay14Days, CycleStart: &start, Lag: 0}, ""},
		{PaySchedule{Cycle: "weekly"}, "pay_cycle"},
	} {
		err := c.s.Validate()
		if (err == nil) != (c.want == "") || (err != nil && !strings.HasPrefix(err.Error(), c.want+":")) {
			t.Errorf("%+v: %v, want field %q", c.s, err, c.want)
		}
	}
}
