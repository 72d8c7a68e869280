package letter

import (
	"kvp/calc"
	"kvp/rules"
)

// The reasons a change letter gives for the change.
var (
	codeReasonRegulation      = rules.NewCode("letter.change.reason_regulation", "old_g", "g", "g_from", "pay_date", "ref")
	codeReasonRegulationAfter = rules.NewCode("letter.change.reason_regulation_after", "old_g", "g", "g_from", "regulated_on", "ref")
	codeReasonRecalc          = rules.NewCode("letter.change.reason_recalc", "changes")
)

// RegulationChange is the change section of a G regulation, from the
// regulation's own figures (calc.Regulator). The new G is said to be taken
// into use with the payment that carries the back pay (the first on or
// after the regulation date), or, when the case has none, on the
// regulation date after its last payment.
func RegulationChange(reg *calc.Regulation) *Change {
	ch := &Change{Paid: reg.Paid, Owed: reg.Owed, Payments: []ChangedPayment{}, BackPayWith: reg.PaidWith, MadeBefore: reg.RegulatedOn}
	if reg.OldG != nil {
		m := codeReasonRegulationAfter.M(Amount(*reg.OldG), Amount(reg.G), reg.GFrom, reg.RegulatedOn, rules.RefG)
		if reg.PaidWith != nil {
			m = codeReasonRegulation.M(Amount(*reg.OldG), Amount(reg.G), reg.GFrom, *reg.PaidWith, rules.RefG)
		}
		ch.Reason = &m
	}
	if reg.BackPay > 0 {
		ch.BackPay = reg.BackPay
	} else {
		ch.Overpayment = -reg.BackPay
	}
	for _, p := range reg.Payments {
		ch.Payments = append(ch.Payments, ChangedPayment{From: p.From, Earned: EarnedValue(reg.Result.Pay, p.From, p.To), PayDate: p.PayDate,
			Paid: p.Paid.Net, Owed: p.Owed.Net, Difference: p.BackPay})
	}
	return ch
}

// RecalcChange is the change section of a recalculation (calc.Recalculate)
// of res, the case now: the payments made, the settlement and the § 40
// recovery plan under recovery (nil for none); topics name the rules the
// changed facts touched (the reason; none gives no reason sentence).
func RecalcChange(rc *calc.Recalc, res *calc.Result, recovery *calc.Recovery, topics Words) *Change {
	ch := &Change{Paid: rc.Totals.Paid, Owed: rc.Totals.Owed, BackPay: rc.Settled.BackPay, Overpayment: rc.Settled.Overpayment,
		Payments: []ChangedPayment{}, End: res.To}
	if len(topics) > 0 {
		m := codeReasonRecalc.M(topics)
		ch.Reason = &m
	}
	for _, p := range rc.Payments {
		ch.Payments = append(ch.Payments, ChangedPayment{From: p.EarnedFrom, Earned: EarnedValue(res.Pay, p.EarnedFrom, p.EarnedTo), PayDate: p.PayDate,
			Paid: p.Paid, Owed: p.Owed, Difference: p.Difference})
	}
	if plan := rc.Plan; plan != nil {
		ch.Recovery, ch.RecoveredOn, ch.Remaining = recovery, plan.CompletedOn, plan.Remaining
		for _, q := range plan.Payments {
			ch.Plan = append(ch.Plan, PlanRow{PayDate: q.PayDate, Owed: q.Owed, Deducted: q.Recovered, PaidOut: q.PaidOut, Remaining: q.Remaining})
		}
	}
	return ch
}
