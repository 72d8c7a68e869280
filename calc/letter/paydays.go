package letter

import (
	"kvp/calc"
	"kvp/rules"
)

// When a payment is made: the one place the letter says it. Each payment is
// the calculation's own (calc.Result.Payments): the month or 14-day period
// it pays for and its pay date, under the municipality's schedule (§ 39).

var (
	codePaidInArrears = rules.NewCode("letter.payments.when", "ref")
	codePayMonthly    = rules.NewCode("letter.payments.monthly", "day")
	codePay14Days     = rules.NewCode("letter.payments.14_days", "cycle_start", "lag")
)

// EarnedValue is what a payment of from–to pays for, as a letter writes
// it: its month when paid monthly, its days when paid every 14 days (a
// period can span two months).
func EarnedValue(pay calc.PaySchedule, from, to rules.Date) any {
	if pay.Normal().Cycle == calc.Pay14Days {
		return Span{From: from, To: to}
	}
	return Month(calc.MonthOf(from))
}

// whenSentences say how and when the stipend is paid: in arrears on
// registered attendance, and on which day under the schedule.
func whenSentences(pay calc.PaySchedule) []Sentence {
	out := []Sentence{say(codePaidInArrears, nil, calc.RefPayment)}
	pay = pay.Normal()
	if pay.Cycle == calc.Pay14Days {
		return append(out, say(codePay14Days, nil, *pay.CycleStart, pay.Lag))
	}
	return append(out, say(codePayMonthly, nil, pay.Day))
}
