package letter

import (
	"kvp/calc"
	"kvp/rules"
)

// When a payment is made: the one place the letter says it, so that pay
// dates (a monthly or 14-day cycle with a pay day) replace the month after
// in one place.

var codePaidInArrears = rules.NewCode("letter.payments.when", "ref")

// paidWhen is when the money earned in m is paid: today the month after it
// was earned (calc.Month.PaidIn, sotjl. § 39).
func paidWhen(m calc.Month) any { return Month(m.PaidIn) }

// whenSentence says how and when the stipend is paid.
func whenSentence() Sentence { return say(codePaidInArrears, nil, calc.RefPayment) }
