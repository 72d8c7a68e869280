package main

import (
	"sync"

	"kvp/calc"
	"kvp/calc/letter"
	"kvp/rules"
)

// The words of --explain; their texts are in rules/catalog/*.json.
var (
	explainHeading  = rules.NewCode("explain.heading")
	explainRounding = rules.NewCode("explain.rounding", "rounding")
	explainWeekdays = rules.NewCode("explain.weekdays", "formula")
	explainPaidIn   = rules.NewCode("explain.paid_in", "month")
	inputBirthday   = rules.NewCode("input.birthday", "age")
)

// stepLabels label the step keys, as "step." and the key; a key not listed
// is labelled by its last part ("rates.under_25.day_rate" → "day_rate").
var stepLabels = codesByKey("step.",
	"yearly", "monthly", "day_rate", "child_per_day", "paid_days", "amount", "child_amount",
	"interruption", "absence", "work", "other_benefits", "month_net", "total", "pay_date",
	"rates.child_per_day", "rates.child_per_year",

	"tax.personal_income", "tax.trygdeavgift", "tax.minstefradrag", "tax.ordinary_income",
	"tax.finnmarksfradrag", "tax.ordinary_income_after_finnmarksfradrag", "tax.personfradrag",
	"tax.tax_on_ordinary_income", "tax.trinnskatt", "tax.total_tax", "tax.net", "tax.net_per_month",
	"tax.pension_base", "tax.pension_earning",

	"eligibility.KVP-EL-01", "eligibility.KVP-EL-02", "eligibility.KVP-EL-03", "eligibility.KVP-EL-04",
	"eligibility.KVP-EL-05", "eligibility.KVP-EL-06", "eligibility.KVP-EL-06.eea_exemption",
	"eligibility.KVP-EL-07", "eligibility.KVP-EL-07.in_force", "eligibility.KVP-EL-08",
	"eligibility.KVP-EL-08.one_time_right", "eligibility.verdict", "eligibility.start_deadline",
	"eligibility.start_deadline.passed",

	"period.regime", "period.limit_days", "period.limit_days_extended", "period.leave", "period.interruption",
	"period.interruption.still_running", "period.not_counted_days.latest_end",
	"period.not_counted_days.latest_end_extended", "period.not_counted_days.used", "period.latest_end",
	"period.latest_end_extended", "period.used_through", "period.used_days", "period.remaining_days",
	"period.next_decision_due", "period.interruption_end_by", "period.start_deadline",

	"recalc.stipend", "recalc.child_supplement", "recalc.interruption", "recalc.absence", "recalc.work", "recalc.other_benefits",
	"recalc.difference", "recalc.total", "recalc.back_pay", "recalc.overpayment", "recalc.recovery",
)

// inputLabels name the inputs that are not a fact's case-file key, where a
// formula writes them: "assessed 2026-11-24", "18th birthday 2026-11-24"
// (birthday_N is inputBirthday). A fact is written by its key:
// "fixed_abode: yes".
var inputLabels = codesByKey("input.",
	"assessed", "application_date", "start_deadline", "eea_exemption_from", "youth_programme_from",
	"amendment_2019", "previous_end", "fixed_abode_required")

// roundingTexts say in words how a result was rounded.
var roundingTexts = codesByKey("rounding.",
	rules.RoundKronerHalfUp, rules.RoundOreHalfUp, rules.RoundOrePerMonth, rules.RoundOreToNet, rules.RoundShownOre, rules.RoundCapped)

// paramNames are how a parameter is named beside its source.
var paramNames = codesByKey("param.",
	rules.KeyG, rules.KeyFactor, rules.KeyUnder25Share, rules.KeyDayDivisor, rules.KeyChildSupplement,
	calc.ParamTaxTable, calc.ParamAverageG, calc.ParamStepsFinnmark, calc.ParamNoStepsFinnmark, calc.ParamLowRateMissing)

// verdictWords are the verdicts in words.
var verdictWords = codesByKey("verdict.", rules.VerdictEligible, rules.VerdictNotEligible, rules.VerdictUndetermined)

// formulaWords are the words of the replay language (rules/replay.go):
// "{application_date} + {months} months", "all(…)".
var formulaWords = codesByKey("formula.", "months", "all", "working_day_on_or_before", "weekdays")

// domainCodes are the legal references and rule sources that rules and calc
// write as plain text and that have words to translate: each code's English
// text is exactly the domain's string (domainText finds it by that).
var domainCodes = codesByKey("",
	"ref.period.pre2019", "ref.period.extra_year", "ref.period.leave", "ref.period.interruption",
	"ref.period.duration_regime", "ref.tax.pension_earning", "ref.tax.trinnskatt", "ref.tax.ordinary", "ref.leap_birthday", "ref.pay_day", "ref.known_from",
	"ref.factor_2024",
	"source.caseworker_finding", "source.caseworker_judgement", "source.age", "source.leap_birthday",
	"source.benefits", "source.youth_ages", "source.previous", "source.start_deadline",
	"source.settlement_net", "source.settlement_gross", "source.known_from")

// domainTexts find a domain string's message: domainCodes by their English
// text, the criteria's references by rules.Criteria.
var domainTexts = sync.OnceValue(func() map[string]rules.Message {
	out := map[string]rules.Message{}
	for _, c := range domainCodes {
		out[c.T(rules.LangEN)] = c.M()
	}
	for _, c := range rules.Criteria {
		if _, ok := out[c.Ref]; !ok {
			out[c.Ref] = c.RefMessage()
		}
	}
	return out
})

// domainText writes a legal reference or rule source of the domain in l:
// by its code when it has one, else as it is with the names of laws in l's
// language (letter.Ref: "KVP-forskriften § 3" is "KVP-forskrifta § 3" in
// nynorsk; a reference such as "sotjl. § 31" reads the same in every
// language).
func (l locale) domainText(s string) string {
	if m, ok := domainTexts()[s]; ok {
		return l.M(m)
	}
	return letter.Ref(s).Text(l.lang())
}

// settingWords are the values of settings shown in a heading, in words:
// "aldersovergang på fødselsdagen" for --age-switch birthday. Each English
// text is the value itself, as typed; JSON keeps the value.
var settingWords = codesByKey("setting.",
	"age_switch.birthday", "age_switch.next-month", "leap_birthday.feb28", "leap_birthday.mar1",
	"benefit_scope.stipend", "benefit_scope.all")

// settingWord writes the value v of setting in l's words, or v when it has none.
func (l locale) settingWord(setting, v string) string {
	if c, ok := settingWords[setting+"."+v]; ok {
		return l.L(c)
	}
	return v
}

// codesByKey declares the code prefix+key for each key.
func codesByKey(prefix string, keys ...string) map[string]rules.Code {
	out := make(map[string]rules.Code, len(keys))
	for _, k := range keys {
		out[k] = rules.NewCode(prefix + k)
	}
	return out
}
