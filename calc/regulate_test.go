package calc

import (
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// TestRegulate checks back pay against sums by hand. Day rates (nav): full
// 1 022 at G 130 160, 1 072 at G 136 549 (from 2026-05-01); under 25 (2/3):
// 681 (2/3 × 2.041 × 130 160 / 260 = 681.16) and 715 (714.61). May 2026 has
// 21 paid days.
func TestRegulate(t *testing.T) {
	half := decimal.RequireFromString("18.75")
	for _, c := range []struct {
		name        string
		c           Case
		regulatedOn string
		payments    []string // pay date = back pay
		backPay     string
		paidWith    string
	}{
		{"the issue's example: May paid 10 June at the old G", Case{BirthDate: date(t, "1980-01-01"), Period: period(t, "2026-05-01", "2026-05-31"), Pay: PaySchedule{Day: 10}},
			"2026-07-01", []string{"2026-06-10=1050.00"}, "1050.00", ""}, // 21 × (1 072 − 1 022); no payment after
		{"April is earned before the new G; June is paid after the regulation and carries the back pay", Case{BirthDate: date(t, "1980-01-01"), Period: period(t, "2026-04-01", "2026-07-31")},
			"2026-06-15", []string{"2026-06-12=1050.00"}, "1050.00", "2026-07-10"},
		{"regulated on the pay day itself: paid at the new G, nothing owed", Case{BirthDate: date(t, "1980-01-01"), Period: period(t, "2026-05-01", "2026-06-30")},
			"2026-06-12", nil, "0.00", "2026-06-12"},
		{"under 25: the share applies; the child supplement is not changed by G", Case{BirthDate: date(t, "2005-01-01"), Period: period(t, "2026-05-01", "2026-05-31"), Children: 1},
			"2026-07-01", []string{"2026-06-12=714.00"}, "714.00", ""}, // 21 × (715 − 681)
		{"work 18.75 h a week: half of stipend and child supplement is deducted", Case{BirthDate: date(t, "1980-01-01"), Period: period(t, "2026-05-01", "2026-05-31"), Children: 1,
			Work: []WorkHours{{Period: period(t, "2026-05-01", "2026-05-31"), Hours: half}}},
			"2026-07-01", []string{"2026-06-12=525.00"}, "525.00", ""}, // 1 050 × (1 − 18.75 / 37.5)
		{"two months paid before the regulation", Case{BirthDate: date(t, "1980-01-01"), Period: period(t, "2026-05-01", "2026-08-31")},
			"2026-07-20", []string{"2026-06-12=1050.00", "2026-07-10=1100.00"}, "2150.00", "2026-08-12"}, // June: 22 × 50
	} {
		t.Run(c.name, func(t *testing.T) {
			c.c.Rounding, c.c.AgeSwitch = RoundingNAV, AgeSwitchBirthday
			r, err := NewRegulator(params(t), date(t, c.regulatedOn))
			if err != nil {
				t.Fatal(err)
			}
			reg, err := r.Regulate(c.c)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range reg.Payments {
				got = append(got, p.PayDate.String()+"="+p.BackPay.String())
			}
			if len(got) != len(c.payments) {
				t.Fatalf("payments %v, want %v", got, c.payments)
			}
			for i := range got {
				if got[i] != c.payments[i] {
					t.Errorf("payment %d: %s, want %s", i, got[i], c.payments[i])
				}
			}
			if reg.BackPay.String() != c.backPay || reg.BackPay != reg.Owed-reg.Paid {
				t.Errorf("back pay %s (owed %s − paid %s), want %s", reg.BackPay, reg.Owed, reg.Paid, c.backPay)
			}
			with := ""
			if reg.PaidWith != nil {
				with = reg.PaidWith.String()
			}
			if with != c.paidWith {
				t.Errorf("paid with %q, want %q", with, c.paidWith)
			}
			if reg.G.String() != "136549.00" || reg.OldG == nil || reg.OldG.String() != "130160.00" {
				t.Errorf("G %s, old %v", reg.G, reg.OldG)
			}
		})
	}
	if _, err := NewRegulator(params(t), date(t, "1960-01-01")); err == nil {
		t.Error("a regulation before the first G: no error")
	}
}

func period(t testing.TB, from, to string) rules.Period {
	return rules.Period{From: date(t, from), To: date(t, to)}
}

// TestRegulateKeepsOwedSteps: asked for its steps (a change letter is
// written from them), the owed result records them, and the back pay is the
// same as without: May 2026 paid 10 June at 1 022, owed 1 072, 21 days:
// 21 × 50 = 1 050.00.
func TestRegulateKeepsOwedSteps(t *testing.T) {
	r, err := NewRegulator(params(t), date(t, "2026-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	c := Case{BirthDate: date(t, "1980-01-01"), Period: rules.Period{From: date(t, "2026-05-01"), To: date(t, "2026-05-31")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday, Pay: PaySchedule{Day: 10}}
	plain, err := r.Regulate(c)
	if err != nil {
		t.Fatal(err)
	}
	c.Explain = true
	traced, err := r.Regulate(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.Result.Steps) != 0 || len(traced.Result.Steps) == 0 {
		t.Errorf("steps: %d without Explain, %d with", len(plain.Result.Steps), len(traced.Result.Steps))
	}
	if plain.BackPay != Kroner(1050) || traced.BackPay != plain.BackPay {
		t.Errorf("back pay %s without steps, %s with; want 1050.00", plain.BackPay, traced.BackPay)
	}
}
