package calc

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestWithholding14Days: on a 14-day cycle only the first two payments made
// in June have no tax withheld and only the first two made in December half
// (CONVENTION, RefWithholding14); monthly pays one payment a month as before.
// Born 1980, full rate 1 072 a day from 2026-05-01: a full 14-day period has
// 10 paid days, 10 720.00; 30 % is 3 216.00, half 1 608.00.
func TestWithholding14Days(t *testing.T) {
	pct := decimal.NewFromInt(30)
	start := date(t, "2026-05-18")
	for _, tc := range []struct {
		name     string
		from, to string
		pay      PaySchedule
		want     []string // pay date = withheld
	}{
		{"June: the review's example, the third June payment is withheld", "2026-05-18", "2026-07-05", PaySchedule{Cycle: Pay14Days, CycleStart: &start, Lag: 2},
			[]string{"2026-06-02=0.00", "2026-06-16=0.00", "2026-06-30=3216.00", "2026-07-14=1608.00"}}, // 14.07 pays 5 days: 5 360 × 30 %
		{"December: half on the first two, full on the third", "2026-11-16", "2026-12-27", PaySchedule{Cycle: Pay14Days, CycleStart: &start, Lag: 2},
			[]string{"2026-12-01=1608.00", "2026-12-15=1608.00", "2026-12-29=3216.00"}},
		{"a case starting with the cycle's second June payment counts the first", "2026-06-01", "2026-06-28", PaySchedule{Cycle: Pay14Days, CycleStart: &start, Lag: 2},
			[]string{"2026-06-16=0.00", "2026-06-30=3216.00"}},
		{"monthly: June none, December half", "2026-05-01", "2026-11-30", PaySchedule{},
			// weekdays: June 22, July 23, August 21, September 22, October 22, November 21;
			// 22 × 1 072 × 30 % = 7 075.20, 23 × … = 7 396.80, 21 × … = 6 753.60, November half 3 376.80
			[]string{"2026-06-12=0.00", "2026-07-10=7075.20", "2026-08-12=7396.80", "2026-09-11=6753.60", "2026-10-12=7075.20", "2026-11-12=7075.20", "2026-12-11=3376.80"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Case{BirthDate: date(t, "1980-01-01"), Period: period(t, tc.from, tc.to), Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday, Pay: tc.pay}
			r, err := Stipend(params(t), c)
			if err != nil {
				t.Fatal(err)
			}
			ts, err := TaxFor(r, params(t), TaxOptions{WithholdingPercent: &pct})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range ts.Withholding {
				got = append(got, w.PayDate.String()+"="+w.Withheld.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("payment %d: %s, want %s", i, got[i], tc.want[i])
				}
			}
		})
	}
}
