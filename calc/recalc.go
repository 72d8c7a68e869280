package calc

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// Recalculation (kvp recalc): what was paid against what is owed now that
// the facts have changed, the back pay (etterbetaling) or overpayment of
// each payment, and a plan that recovers an overpayment from future stipend
// (sotjl. § 40: "kan det overskytende trekkes i framtidig stønad").

// RefRecovery is where recovery from future stipend stands.
const RefRecovery = "sotjl. § 40"

// The sources of the settlement steps: the convention used.
const (
	SourceSettleNet   = "CONVENTION (settlement net): back pay and overpayment of different payments set off against each other"
	SourceSettleGross = "CONVENTION (settlement gross): each back pay paid out and each overpayment recovered in full"
)

// The errors of a recalculation.
var (
	ErrRecalcOutsideCase = rules.NewCode("err.calc.recalc_outside_case", "earned", "period")
	errRecalcDuplicate   = rules.NewCode("err.calc.recalc_duplicate", "earned")
	errRecoverPercent    = rules.NewCode("err.calc.recover_percent", "value")
	errRecoverAmount     = rules.NewCode("err.calc.recover_amount", "value")
	errSettlement        = rules.NewCode("err.calc.settlement", "value")
)

// PaymentLine is one payment of stipend as a recalculation sees it: the pay
// period it is for (Slot, the period's first day: PaySchedule.PeriodStart,
// so that the payment is found again in another run), the days of the case
// it pays for, its pay date (PaidIn is that date's month) and its money
// lines.
type PaymentLine struct {
	Slot    rules.Date
	Earned  rules.Period
	PayDate rules.Date
	PaidIn  YearMonth
	Amounts
}

// PaymentLines are the payments of res (Result.Payments: one per calendar
// month or 14-day period, on its pay date, § 39). This is the one place
// that says what a payment is.
func PaymentLines(res *Result) []PaymentLine {
	out := make([]PaymentLine, 0, len(res.Payments))
	for _, p := range res.Payments {
		out = append(out, PaymentLine{Slot: res.Pay.PeriodStart(p.From), Earned: rules.Period{From: p.From, To: p.To},
			PayDate: p.PayDate, PaidIn: MonthOf(p.PayDate), Amounts: p.Amounts})
	}
	return out
}

// Settlement says how back pay in one payment and overpayment in another
// are settled (CONVENTION: the law does not say).
type Settlement string

const (
	// SettleNet sets them off against each other (motregning): only the net
	// difference is paid out, or recovered under § 40. The default: both are
	// stipend for the same programme, and § 40 lets an overpayment be taken
	// from stipend still to be paid, which a back pay is.
	SettleNet Settlement = "net"
	// SettleGross pays every back pay out in full and recovers every
	// overpayment in full.
	SettleGross Settlement = "gross"
)

// Settlements lists the conventions, default first.
var Settlements = []string{string(SettleNet), string(SettleGross)}

// Recovery is the municipality's decision on how much of each future
// payment goes to recover an overpayment (§ 40): a per cent of each
// payment, or an amount per payment. Never more than the payment.
type Recovery struct {
	Percent decimal.Decimal // 0 < Percent ≤ 100; zero when Amount is used
	Amount  Money           // kroner per payment, when Percent is zero
}

// ParseRecovery reads "20%" (of each future payment) or "1000" (kroner per
// future payment).
func ParseRecovery(s string) (Recovery, error) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "eE") {
		return Recovery{}, rules.Errorf(errRecoverAmount, rules.Quote(s))
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		d, err := decimal.NewFromString(strings.TrimSpace(p))
		if err != nil || !d.IsPositive() || d.GreaterThan(decimal.NewFromInt(100)) || d.Exponent() < -4 {
			return Recovery{}, rules.Errorf(errRecoverPercent, rules.Quote(s))
		}
		return Recovery{Percent: d}, nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil || !d.IsPositive() || d.GreaterThanOrEqual(decimal.New(1, 10)) || d.Exponent() < -2 {
		return Recovery{}, rules.Errorf(errRecoverAmount, rules.Quote(s))
	}
	return Recovery{Amount: M(d)}, nil
}

// String writes r as it is given: "20%", "1000.00".
func (r Recovery) String() string {
	if r.Percent.IsPositive() {
		return r.Percent.String() + "%"
	}
	return r.Amount.String()
}

// take is what r recovers from a payment of owed, at most left: a per cent
// of the payment rounded half up to the øre, or the amount; never more than
// the payment, so no payment goes below zero.
func (r Recovery) take(owed, left Money) Money {
	t := r.Amount
	if r.Percent.IsPositive() {
		t = M(owed.Decimal().Mul(r.Percent).Div(decimal.NewFromInt(100)))
	}
	return max(0, min(t, owed, left))
}

// RecalcInput is a recalculation's input: the payments made, the payments
// of the case as it is now (past and future), the settlement convention,
// the recovery decision (nil: none) and whether to record the steps.
type RecalcInput struct {
	Paid    []PaymentLine
	Owed    []PaymentLine
	Settle  Settlement // "" is SettleNet
	Recover *Recovery
	Explain bool
}

// LineDifference is one money line of a payment that differs, with the rule
// that sets it.
type LineDifference struct {
	Line       string `json:"line"`
	Paid       Money  `json:"paid"`
	Owed       Money  `json:"owed"`
	Difference Money  `json:"difference"`
	Ref        string `json:"legal_reference"`
}

// RecalcPayment is one payment made, against what is owed for it now.
// Difference is owed − paid; BackPay is a positive difference, Overpayment
// a negative one as a positive amount (one of them is zero).
type RecalcPayment struct {
	EarnedFrom  rules.Date       `json:"earned_from"`
	EarnedTo    rules.Date       `json:"earned_to"`
	PaidIn      YearMonth        `json:"paid_in"`
	PayDate     rules.Date       `json:"pay_date"` // when it was paid (or, unpaid, falls due)
	Paid        Money            `json:"paid"`
	Owed        Money            `json:"owed"`
	Difference  Money            `json:"difference"`
	BackPay     Money            `json:"back_pay"`
	Overpayment Money            `json:"overpayment"`
	Lines       []LineDifference `json:"lines"`
}

// RecalcTotals add up the payments: BackPay and Overpayment are the sums of
// the payments' (gross), so BackPay − Overpayment = Difference.
type RecalcTotals struct {
	Paid        Money `json:"paid"`
	Owed        Money `json:"owed"`
	Difference  Money `json:"difference"`
	BackPay     Money `json:"back_pay"`
	Overpayment Money `json:"overpayment"`
}

// Settled is what is to be done after the settlement convention: the back
// pay to pay out and the overpayment to recover (§ 40).
type Settled struct {
	Convention  Settlement `json:"convention"`
	BackPay     Money      `json:"back_pay"`
	Overpayment Money      `json:"overpayment"`
}

// PlannedPayment is one future payment of the case now under a recovery
// plan: owed, the part recovered, what is paid out, and what is left to
// recover after it.
type PlannedPayment struct {
	EarnedFrom rules.Date `json:"earned_from"`
	EarnedTo   rules.Date `json:"earned_to"`
	PaidIn     YearMonth  `json:"paid_in"`
	PayDate    rules.Date `json:"pay_date"`
	Owed       Money      `json:"owed"`
	Recovered  Money      `json:"recovered"`
	PaidOut    Money      `json:"paid_out"`
	Remaining  Money      `json:"remaining"`
}

// RecoveryPlan recovers the settled overpayment from the future payments of
// the case now: those earned after the last payment made.
type RecoveryPlan struct {
	Overpayment Money  `json:"overpayment"`
	Decision    string `json:"decision"` // "20%" or "1000.00"
	// Payments are the future payments, up to the one that completes the
	// recovery, or all of them.
	Payments        []PlannedPayment `json:"payments"`
	Recovered       Money            `json:"recovered"`
	Remaining       Money            `json:"remaining"` // at the case's end, when not recovered in full
	RecoveredInFull bool             `json:"recovered_in_full"`
	// CompletedIn is the month of the payment that completes the recovery,
	// CompletedOn its pay date.
	CompletedIn *YearMonth  `json:"completed_in"`
	CompletedOn *rules.Date `json:"completed_on"`
	Ref         string      `json:"legal_reference"`
}

// Recalc is a recalculation's result.
type Recalc struct {
	Payments []RecalcPayment `json:"payments"`
	Totals   RecalcTotals    `json:"totals"`
	Settled  Settled         `json:"settlement"`
	// Future counts the payments of the case now earned after the last
	// payment made: the payments a recovery plan can take from.
	Future int           `json:"future_payments"`
	Plan   *RecoveryPlan `json:"recovery_plan"`
	Steps  []rules.Step  `json:"-"`
}

// lineNames and lineRefs name the money lines and the rule of each.
var (
	lineNames = [lineCount]string{"stipend", "child_supplement", "interruption", "absence", "work", "other_benefits"}
	lineRefs  = [lineCount]string{RefStipend, RefChildSupplement, RefInterruption, RefAbsence, RefWork, RefBenefits}
)

// Recalculate sets the payments made against what is owed for them now.
// A payment of the case now for a pay period at or before the last one paid
// is a past payment (unpaid: paid 0); the later ones are future payments.
// A payment made for a pay period the case now does not have is an error:
// the case now must cover every payment made.
func Recalculate(in RecalcInput) (*Recalc, error) {
	settle := in.Settle
	switch settle {
	case "":
		settle = SettleNet
	case SettleNet, SettleGross:
	default:
		return nil, rules.Errorf(errSettlement, rules.Quote(string(settle)))
	}
	owed := map[rules.Date]*PaymentLine{}
	for i := range in.Owed {
		owed[in.Owed[i].Slot] = &in.Owed[i]
	}
	paid := map[rules.Date]*PaymentLine{}
	var last rules.Date
	for i := range in.Paid {
		p := &in.Paid[i]
		if _, dup := paid[p.Slot]; dup {
			return nil, rules.Errorf(errRecalcDuplicate, p.Earned.String())
		}
		if _, ok := owed[p.Slot]; !ok {
			period := "–"
			if n := len(in.Owed); n > 0 {
				period = rules.Period{From: in.Owed[0].Earned.From, To: in.Owed[n-1].Earned.To}.String()
			}
			return nil, rules.Errorf(ErrRecalcOutsideCase, p.Earned.String(), period)
		}
		paid[p.Slot] = p
		last = max(last, p.Slot)
	}
	var t *rules.Trace
	if in.Explain {
		t = &rules.Trace{}
	}
	out := &Recalc{Payments: []RecalcPayment{}, Settled: Settled{Convention: settle}}
	var future []*PaymentLine
	for i := range in.Owed {
		o := &in.Owed[i]
		if len(in.Paid) == 0 || o.Slot > last {
			future = append(future, o)
			continue
		}
		p := paid[o.Slot]
		if p == nil {
			p = &PaymentLine{Slot: o.Slot, Earned: o.Earned, PayDate: o.PayDate, PaidIn: o.PaidIn}
		}
		out.Payments = append(out.Payments, comparePayment(t, p, o))
	}
	for _, p := range out.Payments {
		out.Totals.Paid += p.Paid
		out.Totals.Owed += p.Owed
		out.Totals.Difference += p.Difference
		out.Totals.BackPay += p.BackPay
		out.Totals.Overpayment += p.Overpayment
	}
	// A plan takes from the future payments in the order they are paid.
	slices.SortStableFunc(future, func(a, b *PaymentLine) int { return int(a.PayDate - b.PayDate) })
	out.Future = len(future)
	if settle == SettleNet {
		out.Settled.BackPay, out.Settled.Overpayment = max(0, out.Totals.Difference), max(0, -out.Totals.Difference)
	} else {
		out.Settled.BackPay, out.Settled.Overpayment = out.Totals.BackPay, out.Totals.Overpayment
	}
	traceSettlement(t, out)
	if in.Recover != nil && out.Settled.Overpayment > 0 {
		out.Plan = recoveryPlan(t, *in.Recover, out.Settled.Overpayment, future)
	}
	if t != nil {
		out.Steps = t.Steps
	}
	return out, nil
}

// comparePayment sets payment p against o, line by line.
func comparePayment(t *rules.Trace, p, o *PaymentLine) RecalcPayment {
	r := RecalcPayment{EarnedFrom: o.Earned.From, EarnedTo: o.Earned.To, PaidIn: p.PaidIn, PayDate: p.PayDate,
		Paid: p.Net, Owed: o.Net, Difference: o.Net - p.Net, Lines: []LineDifference{}}
	r.BackPay, r.Overpayment = max(0, r.Difference), max(0, -r.Difference)
	pl, ol := p.lines(), o.lines()
	var refs []string
	for i := range lineCount {
		if *pl[i] == *ol[i] {
			continue
		}
		d := LineDifference{Line: lineNames[i], Paid: *pl[i], Owed: *ol[i], Difference: *ol[i] - *pl[i], Ref: lineRefs[i]}
		r.Lines = append(r.Lines, d)
		refs = append(refs, d.Ref)
		if t != nil {
			t.Add(rules.Step{Key: "recalc." + d.Line, Span: &o.Earned,
				Inputs:  rules.Inputs{{Name: "owed", Value: d.Owed.String()}, {Name: "paid", Value: d.Paid.String()}},
				Formula: "{owed} − {paid}", Result: d.Difference.String(), Unit: rules.UnitKroner, Ref: d.Ref})
		}
	}
	if t != nil {
		t.Add(rules.Step{Key: "recalc.difference", Span: &o.Earned,
			Inputs:  rules.Inputs{{Name: "owed", Value: r.Owed.String()}, {Name: "paid", Value: r.Paid.String()}},
			Formula: "{owed} − {paid}", Result: r.Difference.String(), Unit: rules.UnitKroner, Ref: strings.Join(slices.Compact(refs), "; ")})
	}
	return r
}

// traceSettlement records the totals and what the convention leaves to
// pay out or to recover.
func traceSettlement(t *rules.Trace, r *Recalc) {
	if t == nil {
		return
	}
	in := make(rules.Inputs, 0, len(r.Payments))
	terms := make([]string, 0, len(r.Payments))
	for i, p := range r.Payments {
		name := "difference." + itoa(i+1)
		in = append(in, rules.Input{Name: name, Value: p.Difference.String()})
		terms = append(terms, "{"+name+"}")
	}
	formula := strings.Join(terms, " + ")
	if formula == "" {
		formula = "0"
	}
	t.Add(rules.Step{Key: "recalc.total", Inputs: in, Formula: formula, Result: r.Totals.Difference.String(), Unit: rules.UnitKroner})
	src := []rules.Param{{Source: SourceSettleGross}}
	if r.Settled.Convention == SettleNet {
		src[0].Source = SourceSettleNet
	}
	if r.Settled.Convention == SettleNet {
		d := rules.Inputs{{Name: "difference", Value: r.Totals.Difference.String()}}
		t.Add(rules.Step{Key: "recalc.back_pay", Inputs: d, Formula: "max(0, {difference})", Result: r.Settled.BackPay.String(), Unit: rules.UnitKroner, Params: src})
		t.Add(rules.Step{Key: "recalc.overpayment", Inputs: d, Formula: "max(0, 0 − {difference})", Result: r.Settled.Overpayment.String(), Unit: rules.UnitKroner, Ref: RefRecovery, Params: src})
		return
	}
	sum := func(key string, get func(RecalcPayment) Money, total Money, ref string) {
		in := make(rules.Inputs, 0, len(r.Payments))
		terms := make([]string, 0, len(r.Payments))
		for i, p := range r.Payments {
			name := "payment." + itoa(i+1)
			in = append(in, rules.Input{Name: name, Value: get(p).String()})
			terms = append(terms, "{"+name+"}")
		}
		f := strings.Join(terms, " + ")
		if f == "" {
			f = "0"
		}
		t.Add(rules.Step{Key: key, Inputs: in, Formula: f, Result: total.String(), Unit: rules.UnitKroner, Ref: ref, Params: src})
	}
	sum("recalc.back_pay", func(p RecalcPayment) Money { return p.BackPay }, r.Settled.BackPay, "")
	sum("recalc.overpayment", func(p RecalcPayment) Money { return p.Overpayment }, r.Settled.Overpayment, RefRecovery)
}

// recoveryPlan recovers over from the future payments under r.
func recoveryPlan(t *rules.Trace, r Recovery, over Money, future []*PaymentLine) *RecoveryPlan {
	plan := &RecoveryPlan{Overpayment: over, Decision: r.String(), Payments: []PlannedPayment{}, Ref: RefRecovery}
	left := over
	for _, f := range future {
		if left == 0 {
			break
		}
		take := r.take(f.Net, left)
		if t != nil {
			in := rules.Inputs{{Name: "owed", Value: f.Net.String()}}
			formula := "{owed} × {percent} / 100"
			if r.Percent.IsPositive() {
				in = append(in, rules.Input{Name: "percent", Value: r.Percent.String()})
			} else {
				in = append(in, rules.Input{Name: "amount", Value: r.Amount.String()})
				formula = "{amount}"
			}
			in = append(in, rules.Input{Name: "remaining", Value: left.String()})
			exact := ""
			rounding := ""
			if r.Percent.IsPositive() {
				e := f.Net.Decimal().Mul(r.Percent).Div(decimal.NewFromInt(100))
				if m := max(0, min(M(e), f.Net, left)); !e.Equal(m.Decimal()) && m == M(e) {
					exact, rounding = e.String(), rules.RoundOreHalfUp
				}
			}
			t.Add(rules.Step{Key: "recalc.recovery", Span: &f.Earned, Inputs: in, Formula: "min(" + formula + ", {owed}, {remaining})",
				Exact: exact, Rounding: rounding, Result: take.String(), Unit: rules.UnitKroner, Ref: RefRecovery})
		}
		left -= take
		plan.Recovered += take
		plan.Payments = append(plan.Payments, PlannedPayment{EarnedFrom: f.Earned.From, EarnedTo: f.Earned.To, PaidIn: f.PaidIn,
			PayDate: f.PayDate, Owed: f.Net, Recovered: take, PaidOut: f.Net - take, Remaining: left})
		if left == 0 {
			m, d := f.PaidIn, f.PayDate
			plan.CompletedIn, plan.CompletedOn = &m, &d
		}
	}
	plan.Remaining = left
	plan.RecoveredInFull = left == 0
	return plan
}
