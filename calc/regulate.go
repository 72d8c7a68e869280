package calc

import (
	"github.com/shopspring/decimal"

	"kvp/rules"
)

// RefRegulation is why back pay is owed after a G regulation: the stipend
// is factor × G (sotjl. § 35), and the new G applies from 1 May however
// late it is put into payment (kvp-rules.md § 7.2).
const RefRegulation = "sotjl. § 35 andre ledd; ftrl. § 1-4; kvp-rules.md § 7.2"

// Regulator prices the back pay of a G regulation: the payments made before
// the municipality began paying the new G (RegulatedOn) were priced with the
// parameters as known the day before (rules.Params.AsPaidBefore); what was
// owed, with every value. Both are Calculators, built once for a caseload.
type Regulator struct {
	RegulatedOn rules.Date
	NewG        rules.Dated[decimal.Decimal]
	OldG        *rules.Dated[decimal.Decimal] // the G in force the day before NewG; nil when none
	paid, owed  *Calculator
}

// Regulation is the back pay of one case.
type Regulation struct {
	RegulatedOn rules.Date `json:"regulated_on"`
	G           Money      `json:"g"`
	GFrom       rules.Date `json:"g_from"`
	OldG        *Money     `json:"old_g"`
	// Payments are the payments made before RegulatedOn for days on or
	// after the new G's date: what was paid, what was owed, the back pay.
	Payments []RegulatedPayment `json:"payments"`
	Paid     Money              `json:"paid"`
	Owed     Money              `json:"owed"`
	BackPay  Money              `json:"back_pay"`
	// PaidWith is the pay date of the payment that carries the back pay:
	// the first on or after RegulatedOn; nil when the case has none.
	PaidWith *rules.Date `json:"paid_with"`
	// Owed is the case priced with every value (its months, payments,
	// reductions), as kvp calc prices it.
	Result *Result `json:"-"`
}

// RegulatedPayment is one payment made at the old G.
type RegulatedPayment struct {
	From     rules.Date `json:"from"`
	To       rules.Date `json:"to"`
	PayDate  rules.Date `json:"pay_date"`
	PaidDays int        `json:"paid_days"`
	Paid     Amounts    `json:"paid"`
	Owed     Amounts    `json:"owed"`
	BackPay  Money      `json:"back_pay"`
	Ref      string     `json:"legal_reference"`
}

// NewRegulator prepares the regulation of p's G in force on regulatedOn.
func NewRegulator(p *rules.Params, regulatedOn rules.Date) (*Regulator, error) {
	paid, newG, err := p.AsPaidBefore(regulatedOn)
	if err != nil {
		return nil, rules.FieldErr("regulated_on", err)
	}
	r := &Regulator{RegulatedOn: regulatedOn, NewG: newG, paid: NewCalculator(paid), owed: NewCalculator(p)}
	if old, err := p.G.At(newG.From - 1); err == nil {
		r.OldG = &old
	}
	return r, nil
}

// Regulate computes the back pay of c. The owed result keeps its steps
// when c.Explain asks for them (a change letter is written from them); the
// paid one never records any.
func (r *Regulator) Regulate(c Case) (*Regulation, error) {
	owed, err := r.owed.Stipend(c)
	if err != nil {
		return nil, err
	}
	c.Explain = false
	paid, err := r.paid.Stipend(c)
	if err != nil {
		return nil, err
	}
	reg := &Regulation{RegulatedOn: r.RegulatedOn, G: M(r.NewG.Value), GFrom: r.NewG.From, Payments: []RegulatedPayment{}, Result: owed}
	if r.OldG != nil {
		g := M(r.OldG.Value)
		reg.OldG = &g
	}
	for i, o := range owed.Payments {
		if o.PayDate >= r.RegulatedOn {
			if reg.PaidWith == nil {
				d := o.PayDate
				reg.PaidWith = &d
			}
			continue
		}
		if o.To < r.NewG.From {
			continue // earned before the new G: not changed by it
		}
		p := paid.Payments[i]
		rp := RegulatedPayment{From: o.From, To: o.To, PayDate: o.PayDate, PaidDays: o.PaidDays, Paid: p.Amounts, Owed: o.Amounts,
			BackPay: o.Net - p.Net, Ref: RefRegulation}
		reg.Payments = append(reg.Payments, rp)
		reg.Paid += p.Net
		reg.Owed += o.Net
		reg.BackPay += rp.BackPay
	}
	return reg, nil
}

// Regulates reports whether the G r regulates (the one in force on its
// date) is in force on a day of period under p: a regulation date a year
// off (2025 for a 2026 case) would describe another year's G increase, and
// a decision about it would decide nothing about this case.
func (r *Regulator) Regulates(p *rules.Params, period rules.Period) bool {
	first, err := p.G.At(period.From)
	return r.NewG.From <= period.To && (err != nil || first.From <= r.NewG.From)
}
