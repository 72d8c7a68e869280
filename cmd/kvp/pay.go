package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/pflag"

	"kvp/calc"
	"kvp/rules"
)

// The words of the pay schedule and of --as-of; their texts are in rules/catalog/*.json.
var (
	payPayments         = rules.NewCode("calc.payments", "ref")
	payMonthlyNote      = rules.NewCode("calc.pay_schedule.monthly", "day", "ref")
	pay14DaysNote       = rules.NewCode("calc.pay_schedule.14_days", "cycle_start", "lag", "ref")
	asOfLine            = rules.NewCode("calc.as_of", "as_of", "ref")
	labelPayDate        = rules.NewCode("label.pay_date")
	labelDue            = rules.NewCode("label.due")
	regulateHeading     = rules.NewCode("regulate.heading", "from", "to", "g", "g_from", "old_g", "regulated_on")
	regulateTotal       = rules.NewCode("regulate.total", "back_pay", "pay_date")
	regulateNoCarry     = rules.NewCode("regulate.no_carrier", "back_pay")
	regulateNone        = rules.NewCode("regulate.none", "regulated_on")
	regulateSummaryLine = rules.NewCode("regulate.summary", "cases", "back_pay")
	labelPaidAmount     = rules.NewCode("label.paid_amount")
	labelCarriedWith    = rules.NewCode("label.carried_with")
	labelLine           = rules.NewCode("label.line")
	labelPayments       = rules.NewCode("label.payments")
	regulateFailed      = rules.NewCode("regulate.failed", "failed", "cases")
)

// addPayFlags adds the pay schedule's flags (sotjl. § 39): each is also a
// case key and a config key of the same name.
func addPayFlags(f *pflag.FlagSet) {
	f.String("pay-cycle", string(calc.PayMonthly), "pay `CYCLE`: monthly (each month paid on --pay-day of the next) or 14-days (from --cycle-start)")
	f.String("pay-day", strconv.Itoa(calc.DefaultPayDay), "monthly: the `DAY` (1–28) of the next month each month is paid on; a weekend or public holiday moves it to the working day before")
	f.String("cycle-start", "", "14-days: the first `DATE` of any 14-day period (required with --pay-cycle 14-days)")
	f.String("pay-lag", strconv.Itoa(calc.DefaultPayLag), "14-days: each period is paid `N` working days (0–20) after it ends")
}

// printAsOf writes the --as-of line when the parameters are as known on a date.
func printAsOf(p printer, params *rules.Params) {
	if params.AsOf != nil {
		fmt.Fprintln(p.w, p.l.M(asOfLine.M(*params.AsOf, p.l.domainText(rules.RefKnownFrom))))
	}
}

// printPayments writes the payments: earned days, due day, pay date, days
// and net, and the schedule's rule under the table.
func printPayments(p printer, res *calc.Result) error {
	l := p.l
	heading(p.w, l.M(payPayments.M(calc.RefPayment)))
	rows := make([][]string, 0, len(res.Payments))
	for _, m := range res.Payments {
		rows = append(rows, []string{l.Date(m.From), l.Date(m.To), l.Date(m.Due), l.Date(m.PayDate), strconv.Itoa(m.PaidDays), l.Money(m.Net)})
	}
	if err := p.table([]string{l.L(labelFrom), l.L(labelTo), l.L(labelDue), l.L(labelPayDate), l.L(labelDays), l.L(labelNet)}, rows, 4, 5); err != nil {
		return err
	}
	fmt.Fprintln(p.w, l.M(payScheduleNote(l, res.Pay)))
	return nil
}

// payScheduleNote is the rule of a schedule, in words.
func payScheduleNote(l locale, s calc.PaySchedule) rules.Message {
	ref := l.domainText(calc.RefPayDay)
	if s.Cycle == calc.Pay14Days {
		return pay14DaysNote.M(*s.CycleStart, s.Lag, ref)
	}
	return payMonthlyNote.M(s.Day, ref)
}
