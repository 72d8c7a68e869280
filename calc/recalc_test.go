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

// TestPaymentLinesPayDays: the payment lines are Result.Payments, each
// named by its pay period's first day (not cut to the case), with its pay
// date. A 14-day cycle from Monday 2026-03-02, lag 2, the case from
// Wednesday 2026-03-04 to Sunday 2026-04-12 at 1 022 kr a day:
// 2026-03-04–15: 8 weekdays, 8 176.00, period ends Sunday 15th, paid two
// working days later, Tuesday 17th; 16–29 March: 10 days, 10 220.00, paid
// Tuesday 31st; 30 March – 12 April: 10 weekdays (Easter's holidays are
// paid days), 10 220.00, paid Tuesday 14 April.
func TestPaymentLinesPayDays(t *testing.T) {
	start := date(t, "2026-03-02")
	res, err := Stipend(params(t), Case{BirthDate: date(t, "1980-01-01"), Period: rules.Period{From: date(t, "2026-03-04"), To: date(t, "2026-04-12")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday, Pay: PaySchedule{Cycle: Pay14Days, CycleStart: &start, Lag: 2}})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ slot, from, to, pay, net string }{
		{"2026-03-02", "2026-03-04", "2026-03-15", "2026-03-17", "8176.00"},
		{"2026-03-16", "2026-03-16", "2026-03-29", "2026-03-31", "10220.00"},
		{"2026-03-30", "2026-03-30", "2026-04-12", "2026-04-14", "10220.00"},
	}
	got := PaymentLines(res)
	if len(got) != len(want) {
		t.Fatalf("%d payment lines, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Slot.String() != w.slot || g.Earned.From.String() != w.from || g.Earned.To.String() != w.to || g.PayDate.String() != w.pay ||
			g.Net.String() != w.net || g.PaidIn != MonthOf(g.PayDate) {
			t.Errorf("line %d: slot %s, earned %s, pay date %s, paid in %s, net %s; want %+v", i, g.Slot, g.Earned, g.PayDate, g.PaidIn, g.Net, w)
		}
	}
}

// TestRecalculateFourteenDays: the case above paid, then absence on
// 2026-03-18 registered: the second payment is owed 9 × 1 022 = 9 198.00,
// 1 022.00 over. The case now runs on to 2026-05-10: the payments of
// 13–26 April (10 × 1 022 = 10 220.00, paid Tuesday 28 April) and 27 April
// – 10 May (4 days at 1 022 + 6 at 1 072 from Friday 1 May = 10 520.00,
// paid Tuesday 12 May) are future. 4 % of 10 220.00 = 408.80, then 4 % of
// 10 520.00 = 420.80: 829.60 recovered, 192.40 left at the case's end.
func TestRecalculateFourteenDays(t *testing.T) {
	start := date(t, "2026-03-02")
	pay := PaySchedule{Cycle: Pay14Days, CycleStart: &start, Lag: 2}
	run := func(to string, absence ...string) *Result {
		c := Case{BirthDate: date(t, "1980-01-01"), Period: rules.Period{From: date(t, "2026-03-04"), To: date(t, to)}, Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday, Pay: pay}
		for _, a := range absence {
			c.Absence = append(c.Absence, Absence{Date: date(t, a)})
		}
		res, err := Stipend(params(t), c)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	paid, now := run("2026-04-12"), run("2026-05-10", "2026-03-18")
	rc, err := Recalculate(RecalcInput{Paid: PaymentLines(paid), Owed: PaymentLines(now), Recover: &Recovery{Percent: dec("4")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rc.Payments) != 3 || rc.Payments[1].PayDate.String() != "2026-03-31" || rc.Payments[1].Owed != Kroner(9198) || rc.Payments[1].Overpayment != Kroner(1022) {
		t.Fatalf("payments: %+v", rc.Payments)
	}
	if rc.Totals.Overpayment != Kroner(1022) || rc.Settled.Overpayment != Kroner(1022) || rc.Future != 2 {
		t.Fatalf("totals %+v, settled %+v, future %d", rc.Totals, rc.Settled, rc.Future)
	}
	p := rc.Plan
	if p == nil || len(p.Payments) != 2 {
		t.Fatalf("plan: %+v", p)
	}
	for i, w := range []struct{ pay, owed, recovered, remaining string }{
		{"2026-04-28", "10220.00", "408.80", "613.20"},
		{"2026-05-12", "10520.00", "420.80", "192.40"},
	} {
		g := p.Payments[i]
		if g.PayDate.String() != w.pay || g.Owed.String() != w.owed || g.Recovered.String() != w.recovered || g.Remaining.String() != w.remaining {
			t.Errorf("plan payment %d: %+v, want %+v", i, g, w)
		}
	}
	if p.RecoveredInFull || p.Remaining.String() != "192.40" || p.CompletedOn != nil {
		t.Errorf("plan end: %+v", p)
	}
}

// TestRecoveryPlanPayDateOrder: the future payments are taken in the order
// they are paid, not the order they were earned: a later pay period paid
// first (hand-made pay dates) is recovered from first. Overpayment 1 000;
// 800 a payment: 800 from the one paid 2026-05-05, 200 from the one paid
// 2026-05-20.
func TestRecoveryPlanPayDateOrder(t *testing.T) {
	paidM := paidLine(t, "2026-03-01", 2000)
	owedM := paidLine(t, "2026-03-01", 1000, absence(1000))
	a, b := paidLine(t, "2026-04-01", 1000), paidLine(t, "2026-05-01", 1000)
	a.PayDate, b.PayDate = date(t, "2026-05-20"), date(t, "2026-05-05")
	rc, err := Recalculate(RecalcInput{Paid: []PaymentLine{paidM}, Owed: []PaymentLine{owedM, a, b}, Recover: &Recovery{Amount: Kroner(800)}})
	if err != nil {
		t.Fatal(err)
	}
	got := rc.Plan.Payments
	if len(got) != 2 || got[0].PayDate.String() != "2026-05-05" || got[0].Recovered != Kroner(800) || got[1].PayDate.String() != "2026-05-20" || got[1].Recovered != Kroner(200) {
		t.Fatalf("plan: %+v", got)
	}
	if rc.Plan.CompletedOn == nil || rc.Plan.CompletedOn.String() != "2026-05-20" {
		t.Errorf("completed on %v, want 2026-05-20", rc.Plan.CompletedOn)
	}
}
