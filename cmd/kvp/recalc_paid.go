package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"kvp/calc"
	"kvp/config/caseinput"
	"kvp/rules"
)

// What was paid, for kvp recalc: an earlier kvp calc -o json document (its
// case as given, its payments as paid with their pay dates, its pay
// schedule and its stamp), read strictly enough to refuse a document that is
// not kvp's, and loosely enough to accept one from another version of kvp
// (fields added later are ignored; a document from before pay dates, with
// months and no payments, is read as paid on the default pay day).

// paidDoc is a kvp calc -o json document as kvp recalc reads it.
type paidDoc struct {
	SchemaVersion int
	Stamp         stamp
	Case          *caseinput.Case
	Parameters    []calc.ParamValue
	Lines         []calc.PaymentLine
	// Pay is the document's pay schedule (monthly on the default day for a
	// document from before pay dates); MonthsOnly says it was one.
	Pay        calc.PaySchedule
	MonthsOnly bool
}

// paidDocJSON is the part of kvp calc's document that kvp recalc reads.
type paidDocJSON struct {
	SchemaVersion *int              `json:"schema_version"`
	Stamp         *stamp            `json:"stamp"`
	Case          json.RawMessage   `json:"case"`
	Months        []paidMonthJSON   `json:"months"`
	Payments      []paidPaymentJSON `json:"payments"`
	PaySchedule   *calc.PaySchedule `json:"pay_schedule"`
	Parameters    []calc.ParamValue `json:"parameters"`
}

// paidPaymentJSON is one of the document's payments: the days earned, its
// pay date and its money lines.
type paidPaymentJSON struct {
	From    string `json:"from"`
	To      string `json:"to"`
	PayDate string `json:"pay_date"`
	calc.Amounts
}

// paidMonthJSON is one of the document's months: earned, paid in, and its
// money lines.
type paidMonthJSON struct {
	Month  string `json:"month"`
	PaidIn string `json:"paid_in"`
	calc.Amounts
}

// parsePaidDoc reads data, the document named name. Every problem is one
// line that names the document and what is wrong or missing.
func parsePaidDoc(data []byte, name string) (*paidDoc, error) {
	fail := func(c rules.Code, args ...any) error {
		return rules.FieldErr(name, rules.Errorf(c, args...))
	}
	t := bytes.TrimSpace(data)
	if len(t) == 0 || t[0] != '{' {
		return nil, fail(errPaidNotKVP, "{")
	}
	var raw paidDocJSON
	if err := json.Unmarshal(t, &raw); err != nil {
		return nil, rules.FieldErr(name, rules.Errorf(errPaidJSON, rules.Quote(err.Error())))
	}
	switch {
	case raw.SchemaVersion == nil:
		return nil, fail(errPaidNotKVP, "schema_version")
	case raw.Stamp == nil || raw.Stamp.Version == "":
		return nil, fail(errPaidNotKVP, "stamp.kvp_version")
	case raw.Stamp.ParamsHash == "":
		return nil, fail(errPaidNotKVP, "stamp.params_hash")
	case len(raw.Case) == 0 || string(raw.Case) == "null":
		return nil, fail(errPaidNotKVP, "case")
	case raw.Payments == nil && raw.Months == nil:
		return nil, fail(errPaidNotKVP, "payments")
	case raw.Payments != nil && raw.PaySchedule == nil:
		return nil, fail(errPaidNotKVP, "pay_schedule")
	}
	if *raw.SchemaVersion < 1 {
		return nil, fail(errPaidSchema, *raw.SchemaVersion)
	}
	cf, err := caseinput.DecodeJSON(raw.Case)
	if err != nil {
		return nil, rules.FieldErr(name+": case", err)
	}
	if cf.BirthDate == nil || cf.From == nil || cf.To == nil {
		return nil, fail(errPaidCaseIncomplete)
	}
	period := rules.Period{From: *cf.From, To: *cf.To}
	doc := &paidDoc{SchemaVersion: *raw.SchemaVersion, Stamp: *raw.Stamp, Case: cf, Parameters: raw.Parameters}
	if raw.Payments != nil {
		doc.Pay = raw.PaySchedule.Normal()
		if err := doc.Pay.Validate(); err != nil {
			return nil, rules.FieldErr(name+": pay_schedule", err)
		}
		for i, p := range raw.Payments {
			line, err := paidPayment(p, period, doc.Pay)
			if err != nil {
				return nil, rules.FieldErr(fmt.Sprintf("%s: payments[%d]", name, i), err)
			}
			doc.Lines = append(doc.Lines, line)
		}
		return doc, nil
	}
	doc.Pay, doc.MonthsOnly = calc.PaySchedule{}.Normal(), true
	for i, m := range raw.Months {
		line, err := paidLine(m, period)
		if err != nil {
			return nil, rules.FieldErr(fmt.Sprintf("%s: months[%d]", name, i), err)
		}
		doc.Lines = append(doc.Lines, line)
	}
	return doc, nil
}

// paidPayment is one payment of the document, named by its pay period's
// first day under the document's schedule, as calc.PaymentLines names it.
func paidPayment(p paidPaymentJSON, period rules.Period, pay calc.PaySchedule) (calc.PaymentLine, error) {
	var dates [3]rules.Date
	for i, f := range []struct{ name, value string }{{"from", p.From}, {"to", p.To}, {"pay_date", p.PayDate}} {
		d, err := rules.ParseDate(f.value)
		if err != nil {
			return calc.PaymentLine{}, rules.FieldErr(f.name, err)
		}
		dates[i] = d
	}
	earned := rules.Period{From: dates[0], To: dates[1]}
	if earned.To < earned.From || earned.From < period.From || earned.To > period.To || pay.PeriodStart(earned.From) != pay.PeriodStart(earned.To) {
		return calc.PaymentLine{}, rules.Errorf(errPaidPaymentOutside, earned.String(), period.String())
	}
	if dates[2] < earned.From {
		return calc.PaymentLine{}, rules.Errorf(errPaidPayDateBefore, dates[2], earned.From)
	}
	a := p.Amounts
	if sum := a.Stipend + a.ChildSupplement + a.Interruption + a.Absence + a.Work + a.OtherBenefits; sum != a.Net || a.Net < 0 {
		return calc.PaymentLine{}, rules.Errorf(errPaidMonthSum, a.Net.String(), sum.String())
	}
	return calc.PaymentLine{Slot: pay.PeriodStart(earned.From), Earned: earned, PayDate: dates[2], PaidIn: calc.MonthOf(dates[2]), Amounts: a}, nil
}

// paidLine is one month of a document from before pay dates as a payment:
// the month's days in the case's period, paid in paid_in on the default pay
// day (calc.DefaultPayDay, moved back off a weekend or holiday), as the
// default schedule pays it.
func paidLine(m paidMonthJSON, period rules.Period) (calc.PaymentLine, error) {
	first, err := rules.ParseDate(m.Month + "-01")
	if err != nil || len(m.Month) != 7 {
		return calc.PaymentLine{}, rules.Errorf(errPaidMonth, rules.Quote(m.Month))
	}
	paidIn, err := rules.ParseDate(m.PaidIn + "-01")
	if err != nil || len(m.PaidIn) != 7 || paidIn < first {
		return calc.PaymentLine{}, rules.Errorf(errPaidMonthPaidIn, rules.Quote(m.PaidIn), m.Month)
	}
	earned := rules.Period{From: max(first, period.From), To: min(first.LastOfMonth(), period.To)}
	if earned.To < earned.From {
		return calc.PaymentLine{}, rules.Errorf(errPaidMonthOutside, m.Month, period.String())
	}
	a := m.Amounts
	if sum := a.Stipend + a.ChildSupplement + a.Interruption + a.Absence + a.Work + a.OtherBenefits; sum != a.Net || a.Net < 0 {
		return calc.PaymentLine{}, rules.Errorf(errPaidMonthSum, a.Net.String(), sum.String())
	}
	payDate := rules.WorkingDayOnOrBefore(paidIn + calc.DefaultPayDay - 1)
	return calc.PaymentLine{Slot: first, Earned: earned, PayDate: payDate, PaidIn: calc.MonthOf(paidIn), Amounts: a}, nil
}
