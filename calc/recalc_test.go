package calc

import (
	"errors"
	"testing"

	"kvp/rules"
)

// paidLine is a hand-made payment for the month starting on first (YYYY-MM-01),
// paid the month after, with net kroner net (stipend net, plus any lines).
func paidLine(t *testing.T, first string, net int64, lines ...func(*Amounts)) PaymentLine {
	d := date(t, first)
	p := PaymentLine{Slot: d, Earned: rules.Period{From: d, To: d.LastOfMonth()}, PaidIn: MonthOf(d).Next()}
	p.Stipend, p.Net = Kroner(net), Kroner(net)
	for _, f := range lines {
		f(&p.Amounts)
	}
	return p
}

// absence moves k kroner of the stipend to the absence line.
func absence(k int64) func(*Amounts) {
	return func(a *Amounts) { a.Stipend += Kroner(k); a.Absence = -Kroner(k) }
}

// benefits moves k kroner of the stipend to the § 38 line.
func benefits(k int64) func(*Amounts) {
	return func(a *Amounts) { a.Stipend += Kroner(k); a.OtherBenefits = -Kroner(k) }
}

func TestRecalculateHandComputed(t *testing.T) {
	pct := func(s string) *Recovery { return &Recovery{Percent: dec(s)} }
	amount := func(k int64) *Recovery { return &Recovery{Amount: Kroner(k)} }
	tests := []struct {
		name        string
		in          RecalcInput
		totals      RecalcTotals
		settled     Settled
		future      int
		plan        []PlannedPayment // owed, recovered, paid out, remaining (kroner × 100)
		remaining   Money
		full        bool
		completedIn string
	}{
		{
			// March: paid 5 × 1 022 = 5 110, owed 4 088 (absence 1 022): −1 022.
			// April: paid 22 484 − 2 044 sykepenger = 20 440, sykepenger
			// withdrawn, owed 22 484: +2 044. Totals: paid 25 550, owed 26 572,
			// difference +1 022, back pay 2 044, overpayment 1 022. Net: 1 022
			// back pay, nothing to recover.
			name: "mixed back pay and overpayment, net",
			in: RecalcInput{
				Paid: []PaymentLine{paidLine(t, "2026-03-01", 5110), paidLine(t, "2026-04-01", 20440, benefits(2044))},
				Owed: []PaymentLine{paidLine(t, "2026-03-01", 4088, absence(1022)), paidLine(t, "2026-04-01", 22484)},
			},
			totals:  RecalcTotals{Paid: Kroner(25550), Owed: Kroner(26572), Difference: Kroner(1022), BackPay: Kroner(2044), Overpayment: Kroner(1022)},
			settled: Settled{Convention: SettleNet, BackPay: Kroner(1022)},
		},
		{
			// The same under gross: 2 044 paid out, 1 022 recovered, 20 % of
			// May's 22 484 = 4 496.80 ≥ 1 022: recovered in full with the May
			// payment (paid in June).
			name: "mixed, gross, recovered with the first future payment",
			in: RecalcInput{Settle: SettleGross, Recover: pct("20"),
				Paid: []PaymentLine{paidLine(t, "2026-03-01", 5110), paidLine(t, "2026-04-01", 20440, benefits(2044))},
				Owed: []PaymentLine{paidLine(t, "2026-03-01", 4088, absence(1022)), paidLine(t, "2026-04-01", 22484), paidLine(t, "2026-05-01", 22512)},
			},
			totals:      RecalcTotals{Paid: Kroner(25550), Owed: Kroner(26572), Difference: Kroner(1022), BackPay: Kroner(2044), Overpayment: Kroner(1022)},
			settled:     Settled{Convention: SettleGross, BackPay: Kroner(2044), Overpayment: Kroner(1022)},
			future:      1,
			plan:        []PlannedPayment{{Owed: Kroner(22512), Recovered: Kroner(1022), PaidOut: Kroner(21490), Remaining: 0}},
			full:        true,
			completedIn: "2026-06",
		},
		{
			// March paid 5 110, owed 0 (interruption registered late):
			// overpayment 5 110. 50 % of 4 088 = 2 044 in April and May,
			// 1 022 left for June: 5 110 − 2 044 − 2 044 = 1 022.
			name: "recovery by per cent, in full",
			in: RecalcInput{Recover: pct("50"),
				Paid: []PaymentLine{paidLine(t, "2026-03-01", 5110)},
				Owed: []PaymentLine{paidLine(t, "2026-03-01", 0, func(a *Amounts) { a.Stipend = Kroner(5110); a.Interruption = -Kroner(5110) }),
					paidLine(t, "2026-04-01", 4088), paidLine(t, "2026-05-01", 4088), paidLine(t, "2026-06-01", 4088), paidLine(t, "2026-07-01", 4088)},
			},
			totals:  RecalcTotals{Paid: Kroner(5110), Difference: -Kroner(5110), Overpayment: Kroner(5110)},
			settled: Settled{Convention: SettleNet, Overpayment: Kroner(5110)},
			future:  4,
			plan: []PlannedPayment{
				{Owed: Kroner(4088), Recovered: Kroner(2044), PaidOut: Kroner(2044), Remaining: Kroner(3066)},
				{Owed: Kroner(4088), Recovered: Kroner(2044), PaidOut: Kroner(2044), Remaining: Kroner(1022)},
				{Owed: Kroner(4088), Recovered: Kroner(1022), PaidOut: Kroner(3066), Remaining: 0},
			},
			full: true, completedIn: "2026-07",
		},
		{
			// 12.5 % of 1 022 = 127.75, of 1 023 = 127.875 → 127.88 (half up).
			// 300 − 127.75 − 127.88 = 44.37 left at the case's end.
			name: "recovery by per cent with øre, not finished",
			in: RecalcInput{Recover: pct("12.5"),
				Paid: []PaymentLine{paidLine(t, "2026-03-01", 1322)},
				Owed: []PaymentLine{paidLine(t, "2026-03-01", 1022, absence(300)), paidLine(t, "2026-04-01", 1022), paidLine(t, "2026-05-01", 1023)},
			},
			totals:  RecalcTotals{Paid: Kroner(1322), Owed: Kroner(1022), Difference: -Kroner(300), Overpayment: Kroner(300)},
			settled: Settled{Convention: SettleNet, Overpayment: Kroner(300)},
			future:  2,
			plan: []PlannedPayment{
				{Owed: Kroner(1022), Recovered: 12775, PaidOut: 89425, Remaining: 17225},
				{Owed: Kroner(1023), Recovered: 12788, PaidOut: 89512, Remaining: 4437},
			},
			remaining: 4437,
		},
		{
			// 1 000 a payment, never below zero: 1 000 of 4 088, all of a 500
			// payment, 1 000 of 4 088: 2 500 of 5 110 recovered, 2 610 left.
			name: "recovery by amount, not finished at the case's end",
			in: RecalcInput{Recover: amount(1000),
				Paid: []PaymentLine{paidLine(t, "2026-03-01", 5110)},
				Owed: []PaymentLine{paidLine(t, "2026-03-01", 0, func(a *Amounts) { a.Stipend = Kroner(5110); a.Interruption = -Kroner(5110) }),
					paidLine(t, "2026-04-01", 4088), paidLine(t, "2026-05-01", 500), paidLine(t, "2026-06-01", 4088)},
			},
			totals:  RecalcTotals{Paid: Kroner(5110), Difference: -Kroner(5110), Overpayment: Kroner(5110)},
			settled: Settled{Convention: SettleNet, Overpayment: Kroner(5110)},
			future:  3,
			plan: []PlannedPayment{
				{Owed: Kroner(4088), Recovered: Kroner(1000), PaidOut: Kroner(3088), Remaining: Kroner(4110)},
				{Owed: Kroner(500), Recovered: Kroner(500), PaidOut: 0, Remaining: Kroner(3610)},
				{Owed: Kroner(4088), Recovered: Kroner(1000), PaidOut: Kroner(3088), Remaining: Kroner(2610)},
			},
			remaining: Kroner(2610),
		},
		{
			// The case now starts a month earlier: February was never paid
			// (paid 0, owed 20 440: back pay); March unchanged.
			name: "a past payment never made",
			in: RecalcInput{
				Paid: []PaymentLine{paidLine(t, "2026-03-01", 22484)},
				Owed: []PaymentLine{paidLine(t, "2026-02-01", 20440), paidLine(t, "2026-03-01", 22484)},
			},
			totals:  RecalcTotals{Paid: Kroner(22484), Owed: Kroner(42924), Difference: Kroner(20440), BackPay: Kroner(20440)},
			settled: Settled{Convention: SettleNet, BackPay: Kroner(20440)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Explain = true
			r, err := Recalculate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.Totals != tt.totals {
				t.Errorf("totals %+v, want %+v", r.Totals, tt.totals)
			}
			if r.Settled != tt.settled {
				t.Errorf("settled %+v, want %+v", r.Settled, tt.settled)
			}
			if r.Future != tt.future {
				t.Errorf("future payments %d, want %d", r.Future, tt.future)
			}
			var sum RecalcTotals
			for _, p := range r.Payments {
				if p.BackPay-p.Overpayment != p.Difference || p.Owed-p.Paid != p.Difference || (p.BackPay != 0 && p.Overpayment != 0) {
					t.Errorf("payment %+v does not add up", p)
				}
				var lines Money
				for _, l := range p.Lines {
					lines += l.Difference
				}
				if lines != p.Difference {
					t.Errorf("payment %s: lines add up to %s, difference %s", p.EarnedFrom, lines, p.Difference)
				}
				sum.BackPay += p.BackPay
			}
			if sum.BackPay != r.Totals.BackPay {
				t.Errorf("back pay of the payments %s, total %s", sum.BackPay, r.Totals.BackPay)
			}
			if tt.plan == nil {
				if r.Plan != nil && tt.in.Recover != nil {
					t.Errorf("a plan with nothing to recover: %+v", r.Plan)
				}
				return
			}
			if r.Plan == nil {
				t.Fatal("no plan")
			}
			if len(r.Plan.Payments) != len(tt.plan) {
				t.Fatalf("plan %+v, want %d payments", r.Plan.Payments, len(tt.plan))
			}
			for i, want := range tt.plan {
				got := r.Plan.Payments[i]
				got.EarnedFrom, got.EarnedTo, got.PaidIn = 0, 0, 0
				if got != want {
					t.Errorf("plan payment %d: %+v, want %+v", i, got, want)
				}
			}
			if r.Plan.Remaining != tt.remaining || r.Plan.RecoveredInFull != tt.full || r.Plan.Recovered+r.Plan.Remaining != r.Plan.Overpayment {
				t.Errorf("plan: remaining %s, in full %v, recovered %s of %s", r.Plan.Remaining, r.Plan.RecoveredInFull, r.Plan.Recovered, r.Plan.Overpayment)
			}
			if got := ""; r.Plan.CompletedIn != nil {
				got = r.Plan.CompletedIn.String()
				if got != tt.completedIn {
					t.Errorf("completed in %s, want %s", got, tt.completedIn)
				}
			} else if tt.completedIn != "" {
				t.Errorf("not completed, want %s", tt.completedIn)
			}
			for _, s := range r.Steps {
				if err := rules.VerifyStep(&s); err != nil {
					t.Errorf("step %s: %v", s.Key, err)
				}
			}
		})
	}
}

// The issue's example through the calculator: 2026-03-02..06 paid 5 × 1 022
// = 5 110.00; with absence on 2026-03-04 owed 4 × 1 022 = 4 088.00.
func TestRecalculateIssueExample(t *testing.T) {
	p := params(t)
	c := Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-03-02"), To: date(t, "2026-03-06")}, Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	paid, err := Stipend(p, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Absence = []Absence{{Date: date(t, "2026-03-04")}}
	owed, err := Stipend(p, c)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Recalculate(RecalcInput{Paid: PaymentLines(paid), Owed: PaymentLines(owed)})
	if err != nil {
		t.Fatal(err)
	}
	want := RecalcTotals{Paid: 511000, Owed: 408800, Difference: -102200, Overpayment: 102200}
	if r.Totals != want {
		t.Errorf("totals %+v, want %+v", r.Totals, want)
	}
	if len(r.Payments) != 1 || len(r.Payments[0].Lines) != 1 || r.Payments[0].Lines[0].Ref != RefAbsence {
		t.Errorf("payments %+v: want one, its absence line traced to § 36", r.Payments)
	}
	if got := r.Payments[0]; got.EarnedFrom != c.Period.From || got.EarnedTo != c.Period.To || got.PaidIn.String() != "2026-04" {
		t.Errorf("payment earned %s..%s paid %s", got.EarnedFrom, got.EarnedTo, got.PaidIn)
	}
}

func TestRecalculateErrors(t *testing.T) {
	outside := RecalcInput{Paid: []PaymentLine{paidLine(t, "2026-02-01", 100)}, Owed: []PaymentLine{paidLine(t, "2026-03-01", 100)}}
	var re *rules.Error
	if _, err := Recalculate(outside); !errors.As(err, &re) || re.Code != ErrRecalcOutsideCase.ID {
		t.Errorf("a payment outside the case now: %v", err)
	}
	dup := RecalcInput{Paid: []PaymentLine{paidLine(t, "2026-03-01", 100), paidLine(t, "2026-03-01", 100)}, Owed: []PaymentLine{paidLine(t, "2026-03-01", 100)}}
	if _, err := Recalculate(dup); err == nil {
		t.Error("a payment given twice: no error")
	}
	if _, err := Recalculate(RecalcInput{Settle: "half"}); err == nil {
		t.Error("settlement half: no error")
	}
}

func TestParseRecovery(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"20%", "20%", true}, {" 12.5 % ", "12.5%", true}, {"100%", "100%", true}, {"1000", "1000.00", true}, {"999.50", "999.50", true},
		{"0%", "", false}, {"101%", "", false}, {"-5%", "", false}, {"0", "", false}, {"-1000", "", false}, {"abc", "", false},
		{"10.001", "", false}, {"%", "", false}, {"", "", false}, {"1e3", "", false},
	} {
		r, err := ParseRecovery(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("%q: error %v, want ok %v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && r.String() != tt.want {
			t.Errorf("%q: %s, want %s", tt.in, r, tt.want)
		}
	}
}
