package main

import "kvp/rules"

// The words of kvp recalc; their texts are in rules/catalog/*.json.
var (
	recalcPaidDocument         = rules.NewCode("recalc.paid_document", "path", "version", "hash", "period")
	recalcPaidCase             = rules.NewCode("recalc.paid_case", "path", "period")
	recalcNow                  = rules.NewCode("recalc.now", "period", "rounding", "hash")
	recalcChangedFacts         = rules.NewCode("recalc.changed_facts")
	recalcNoChanges            = rules.NewCode("recalc.no_changes")
	recalcPayments             = rules.NewCode("recalc.payments")
	recalcSettleNet            = rules.NewCode("recalc.settlement_net")
	recalcSettleGross          = rules.NewCode("recalc.settlement_gross")
	recalcBackPayOut           = rules.NewCode("recalc.back_pay_out")
	recalcOverpaymentToRecover = rules.NewCode("recalc.overpayment_to_recover", "ref")
	recalcNoPlan               = rules.NewCode("recalc.no_plan", "ref")
	recalcPlan                 = rules.NewCode("recalc.plan", "ref", "decision", "future")
	recalcPercentOfEach        = rules.NewCode("recalc.percent_of_each", "percent")
	recalcPerPayment           = rules.NewCode("recalc.per_payment", "amount")
	recalcRecoveredInFull      = rules.NewCode("recalc.recovered_in_full", "amount", "pay_date")
	recalcNotRecovered         = rules.NewCode("recalc.not_recovered", "recovered", "remaining", "end")

	labelField          = rules.NewCode("label.field")
	labelNow            = rules.NewCode("label.now")
	labelTopic          = rules.NewCode("label.topic")
	labelOwed           = rules.NewCode("label.owed")
	labelBackPay        = rules.NewCode("label.back_pay")
	labelOverpayment    = rules.NewCode("label.overpayment")
	labelLinesDiffering = rules.NewCode("label.lines_differing")
	labelRecovered      = rules.NewCode("label.recovered")
	labelPaidOut        = rules.NewCode("label.paid_out")
	labelRemaining      = rules.NewCode("label.remaining")

	warnRecalcStamp = rules.NewCode("warn.recalc.stamp_differs", "path", "version", "hash", "now_version", "now_hash")

	errRecalcPaidNeeded   = rules.NewCode("err.usage.recalc_paid_required")
	errRecalcPaidBoth     = rules.NewCode("err.usage.recalc_paid_both")
	errRecalcStdinTwice   = rules.NewCode("err.usage.recalc_stdin_twice")
	errRecalcOtherPerson  = rules.NewCode("err.recalc.other_person", "path", "paid", "now")
	errPaidNotKVP         = rules.NewCode("err.recalc.not_kvp", "missing")
	errPaidJSON           = rules.NewCode("err.recalc.json", "err")
	errPaidSchema         = rules.NewCode("err.recalc.schema_version", "version")
	errPaidCaseIncomplete = rules.NewCode("err.recalc.case_incomplete")
	errPaidMonth          = rules.NewCode("err.recalc.month", "value")
	errPaidMonthPaidIn    = rules.NewCode("err.recalc.paid_in", "value", "month")
	errPaidMonthOutside   = rules.NewCode("err.recalc.month_outside", "month", "period")
	errPaidMonthSum       = rules.NewCode("err.recalc.month_sum", "net", "sum")
	errPaidPaymentOutside = rules.NewCode("err.recalc.payment_outside", "earned", "period")
	errPaidPayDateBefore  = rules.NewCode("err.recalc.pay_date_before", "pay_date", "from")
	errRecalcPayPeriods   = rules.NewCode("err.recalc.pay_periods_differ", "path", "paid", "now")
	warnRecalcMonthsOnly  = rules.NewCode("warn.recalc.months_only", "path", "day")
)

// recalcTopics are the words of the rules a changed fact touches.
var recalcTopics = codesByKey("recalc.topic.",
	"period", "absence", "benefits", "interruption", "work", "children", "not_deducted", "convention", "g", "parameters")

// lineLabels are the money lines by their JSON names.
var lineLabels = map[string]rules.Code{
	"stipend": labelStipend, "child_supplement": labelChildSuppl, "interruption": labelInterruption,
	"absence": labelAbsence, "work": labelWork, "other_benefits": labelOtherBenefits,
}
