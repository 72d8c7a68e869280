package letter

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"kvp/calc"
	"kvp/rules"
)

// The letter's texts, in the order they are read. Their wording is in
// rules/catalog/*.json.
var (
	codeTitleGrant  = rules.NewCode("letter.title.grant")
	codeTitleChange = rules.NewCode("letter.title.change")

	headPeriod     = rules.NewCode("letter.heading.period")
	headChange     = rules.NewCode("letter.heading.change")
	headBasis      = rules.NewCode("letter.heading.basis")
	headSegments   = rules.NewCode("letter.heading.segments")
	headPayments   = rules.NewCode("letter.heading.payments")
	headReductions = rules.NewCode("letter.heading.reductions")
	headTax        = rules.NewCode("letter.heading.tax")
	headLegal      = rules.NewCode("letter.heading.legal")
	headReport     = rules.NewCode("letter.heading.report")
	headAppeal     = rules.NewCode("letter.heading.appeal")

	codePeriodGranted = rules.NewCode("letter.period.granted", "from", "to")
	codePeriodDayRate = rules.NewCode("letter.period.day_rate", "day_rate")
	codePeriodChanges = rules.NewCode("letter.period.rate_changes")
	codePeriodTotal   = rules.NewCode("letter.period.total", "net", "days")

	codeBasisIntro       = rules.NewCode("letter.basis.intro")
	codeBasisAsOf        = rules.NewCode("letter.basis.as_of", "as_of")
	codeBasisG           = rules.NewCode("letter.basis.g", "g_from", "g", "ref")
	codeBasisYearly      = rules.NewCode("letter.basis.yearly", "factor", "yearly", "ref")
	codeBasisUnder25     = rules.NewCode("letter.basis.under_25", "share", "factor", "yearly", "ref")
	codeBasisDayNAV      = rules.NewCode("letter.basis.day_rate_nav", "divisor", "exact", "day_rate", "ref")
	codeBasisDayExact    = rules.NewCode("letter.basis.day_rate_exact", "divisor", "day_rate", "ref")
	codeBasisTurns25     = rules.NewCode("letter.basis.turns_25", "full_rate")
	codeBasisUnder25All  = rules.NewCode("letter.basis.under_25_whole_period", "full_rate")
	codeBasisChildRate   = rules.NewCode("letter.basis.child_rate", "rate", "ref")
	codeBasisChildren    = rules.NewCode("letter.basis.children", "children")
	codeBasisChildUntil  = rules.NewCode("letter.basis.child_until", "born", "last_day")
	codeBasisChildPerDay = rules.NewCode("letter.basis.child_per_day", "children", "child_day")

	codeSegmentsIntro    = rules.NewCode("letter.segments.intro")
	codeSegmentsG        = rules.NewCode("letter.segments.g", "from", "g")
	codeSegmentsTurns25  = rules.NewCode("letter.segments.turns_25", "from")
	codeSegmentsChildren = rules.NewCode("letter.segments.children", "from", "children")

	codePayWithholding     = rules.NewCode("letter.payments.withholding", "percent")
	codePayChange          = rules.NewCode("letter.payments.change")
	codePayWithholdingCard = rules.NewCode("letter.payments.withholding_card")

	codeReductionWork         = rules.NewCode("letter.reduction.work", "from", "to", "hours", "full_time", "amount", "ref")
	codeReductionBenefits     = rules.NewCode("letter.reduction.other_benefits", "from", "to", "kind", "per_day", "amount", "ref")
	codeReductionAbsence      = rules.NewCode("letter.reduction.absence", "days", "hours", "amount", "ref")
	codeReductionInterruption = rules.NewCode("letter.reduction.interruption", "from", "to", "amount", "ref")
	codeReductionNotDeducted  = rules.NewCode("letter.reduction.not_deducted", "ref")

	codeTaxPersonalIncome = rules.NewCode("letter.tax.personal_income", "ref")
	codeTaxTrygdeavgift   = rules.NewCode("letter.tax.trygdeavgift", "ref")
	codeTaxTrygdeavgiftLo = rules.NewCode("letter.tax.trygdeavgift_low", "ref")
	codeTaxYear           = rules.NewCode("letter.tax.year", "year", "income", "trygdeavgift", "tax")
	codeTaxYearOther      = rules.NewCode("letter.tax.year_other_income", "year", "income", "other", "trygdeavgift", "tax")
	codeTaxYearUnknown    = rules.NewCode("letter.tax.year_unknown", "year", "income")
	codeTaxPension        = rules.NewCode("letter.tax.pension", "year", "earning", "ref")
	codeTaxJuneDecember   = rules.NewCode("letter.tax.june_december", "ref")

	codeLegalBasis     = rules.NewCode("letter.legal.basis", "paragraphs")
	codeLegalChildren  = rules.NewCode("letter.legal.child_supplement", "ref")
	codeReportDuty     = rules.NewCode("letter.report.duty")
	codeReportRecovery = rules.NewCode("letter.report.recovery", "ref")
	codeAppealRight    = rules.NewCode("letter.appeal.right", "ref")
	codeAppealDeadline = rules.NewCode("letter.appeal.deadline", "ref")
	codeAppealHow      = rules.NewCode("letter.appeal.how", "ref")
	codeAppealAccess   = rules.NewCode("letter.appeal.access", "ref")

	codeChangePaid        = rules.NewCode("letter.change.paid", "paid")
	codeChangeOwed        = rules.NewCode("letter.change.owed", "owed")
	codeChangeBackPay     = rules.NewCode("letter.change.back_pay", "amount")
	codeChangeOverpayment = rules.NewCode("letter.change.overpayment", "amount", "ref")
	codeChangePlan        = rules.NewCode("letter.change.plan")
	codeChangeNone        = rules.NewCode("letter.change.nothing_owed")
	codeChangePaidOwed    = rules.NewCode("letter.change.paid_owed_payments", "paid", "owed")
	codeChangeBackPayWith = rules.NewCode("letter.change.back_pay_with", "pay_date")
	codeChangePlanPercent = rules.NewCode("letter.change.plan_percent", "percent", "ref")
	codeChangePlanAmount  = rules.NewCode("letter.change.plan_amount", "amount", "ref")
	codeChangePlanDone    = rules.NewCode("letter.change.plan_complete", "pay_date")
	codeChangePlanLeft    = rules.NewCode("letter.change.plan_remaining", "amount", "end")
	codeChangePlanRest    = rules.NewCode("letter.change.plan_rest", "ref")

	colFrom        = rules.NewCode("letter.column.from")
	colTo          = rules.NewCode("letter.column.to")
	colDayRate     = rules.NewCode("letter.column.day_rate")
	colChildPerDay = rules.NewCode("letter.column.child_per_day")
	colDays        = rules.NewCode("letter.column.days")
	colAmount      = rules.NewCode("letter.column.amount")
	colEarned      = rules.NewCode("letter.column.earned")
	colPaid        = rules.NewCode("letter.column.paid")
	colWithheld    = rules.NewCode("letter.column.withheld")
	colPaidOut     = rules.NewCode("letter.column.paid_out")
	colPayDate     = rules.NewCode("letter.column.pay_date")
	colDeducted    = rules.NewCode("letter.column.deducted")
	colRemaining   = rules.NewCode("letter.column.remaining")
	colWasPaid     = rules.NewCode("letter.column.was_paid")
	colOwed        = rules.NewCode("letter.column.owed")
	colDifference  = rules.NewCode("letter.column.difference")
	colBefore      = rules.NewCode("letter.column.before_deduction")
	colBackPay     = rules.NewCode("letter.column.back_pay")
)

// benefitKinds are the names of the § 38 benefits a case gives by kind
// (calc.DeductedBenefits), in the letter's language.
var benefitKinds = func() map[string]rules.Code {
	m := map[string]rules.Code{}
	for _, k := range calc.DeductedBenefits {
		m[k] = rules.NewCode("letter.benefit." + k)
	}
	return m
}()

// References the letter cites besides the computation's own.
const (
	RefAppeal         = "sotjl. § 47"
	RefAppealDeadline = "forvaltningsloven § 29"
	RefAppealHow      = "forvaltningsloven § 32"
	RefAccess         = "forvaltningsloven § 18"
	RefRecovery       = "sotjl. § 40"
	RefForskrift      = "KVP-forskriften § 3"
	// RefPension is rules.RefPensionEarning in the letter's words, the
	// same in every language as the other references.
	RefPension = "ftrl. § 3-15, kap. 20"
)

// say is the sentence of code with its arguments; an argument named ref is
// its legal reference, written in the letter's language (Ref). steps are
// the keys of the steps its figures come from.
func say(code rules.Code, steps []string, args ...any) Sentence {
	s := Sentence{Message: code.M(args...), Steps: steps}
	for i, a := range s.Args {
		if a.Name == "ref" {
			ref := Ref(a.Value.(string))
			s.Args[i].Value = ref
			s.Refs = append(s.Refs, ref)
		}
	}
	return s
}

func para(s ...Sentence) Block { return Block{Sentences: s} }

// steps indexes a result's steps by key and the first day they are about.
type steps map[string]map[rules.Date]*rules.Step

func indexSteps(all []rules.Step) steps {
	out := steps{}
	for i := range all {
		s := &all[i]
		if s.Span == nil {
			continue
		}
		if out[s.Key] == nil {
			out[s.Key] = map[rules.Date]*rules.Step{}
		}
		out[s.Key][s.Span.From] = s
	}
	return out
}

func (x steps) at(key string, from rules.Date) *rules.Step { return x[key][from] }

// money reads a step's result or input as an amount.
func money(v string) calc.Money {
	d, err := decimal.NewFromString(v)
	if err != nil {
		return 0
	}
	return calc.M(d)
}

func number(v string) Number {
	d, _ := decimal.NewFromString(v)
	return Number(d)
}

func input(s *rules.Step, name string) string {
	v, _ := s.Inputs.Value(name)
	return v
}

// Build makes the letter of in. The figures are the result's recorded
// steps, segments, months and tax section: nothing is computed again.
func Build(in Input) (*Document, error) {
	res := in.Result
	if res == nil || len(res.Steps) == 0 {
		return nil, ErrNoSteps
	}
	if in.Kind == KindChange && in.Change == nil {
		return nil, ErrNoChange
	}
	st := indexSteps(res.Steps)
	d := &Document{Kind: in.Kind, Title: codeTitleGrant.M()}
	if in.Kind == KindChange {
		d.Title = codeTitleChange.M()
	} else {
		d.Kind = KindGrant
	}
	d.Sections = append(d.Sections, periodSection(res, st))
	if in.Kind == KindChange {
		d.Sections = append(d.Sections, ChangeSection(*in.Change))
	}
	d.Sections = append(d.Sections, basisSection(res, st, in.AsOf))
	if s, ok := segmentsSection(res, st); ok {
		d.Sections = append(d.Sections, s)
	}
	if in.Kind == KindChange {
		d.Sections = append(d.Sections, changePaymentsSection(res, in.Tax, *in.Change))
	} else {
		d.Sections = append(d.Sections, paymentsSection(res, in.Tax))
	}
	if s, ok := reductionsSection(res, st); ok {
		d.Sections = append(d.Sections, s)
	}
	d.Sections = append(d.Sections, taxSection(in.Tax),
		legalSection(res, in.Change),
		Section{ID: "report", Heading: headReport.M(), Blocks: []Block{para(say(codeReportDuty, nil), say(codeReportRecovery, nil, RefRecovery))}},
		Section{ID: "appeal", Heading: headAppeal.M(), Blocks: []Block{para(
			say(codeAppealRight, nil, RefAppeal), say(codeAppealDeadline, nil, RefAppealDeadline),
			say(codeAppealHow, nil, RefAppealHow), say(codeAppealAccess, nil, RefAccess))}},
	)
	return d, nil
}

// rateChanges reports whether the day rate or the child supplement per day
// differs between segments.
func rateChanges(res *calc.Result, st steps) bool {
	for i := 1; i < len(res.Segments); i++ {
		a, b := &res.Segments[i-1], &res.Segments[i]
		if a.DayRate != b.DayRate || childDay(st, a) != childDay(st, b) {
			return true
		}
	}
	return false
}

// childDay is a segment's child supplement per day, all children, as recorded.
func childDay(st steps, s *calc.Segment) calc.Money {
	if x := st.at("stipend.child_per_day", s.From); x != nil {
		return money(x.Result)
	}
	return 0
}

func periodSection(res *calc.Result, st steps) Section {
	first := say(codePeriodGranted, nil, res.From, res.To)
	p := []Sentence{first}
	if len(res.Segments) > 0 {
		s := &res.Segments[0]
		p = append(p, say(codePeriodDayRate, []string{"stipend.day_rate"}, Amount(money(st.at("stipend.day_rate", s.From).Result))))
	}
	if rateChanges(res, st) {
		p = append(p, say(codePeriodChanges, nil))
	}
	p = append(p, say(codePeriodTotal, []string{"stipend.total"}, Amount(res.Total.Net), res.PaidDays))
	return Section{ID: "period", Heading: headPeriod.M(), Blocks: []Block{para(p...)}}
}

// basisSection is how the stipend was calculated, in NAV's order: G with
// its date in force, the factor and the yearly amount (2/3 under 25), the
// division by 260 and the day rate, then the child supplement per child
// per day and the children counted. One paragraph per distinct rate.
func basisSection(res *calc.Result, st steps, asOf *rules.Date) Section {
	intro := []Sentence{say(codeBasisIntro, nil)}
	if asOf != nil {
		intro = append(intro, say(codeBasisAsOf, nil, *asOf))
	}
	sec := Section{ID: "basis", Heading: headBasis.M(), Blocks: []Block{para(intro...)}}
	type rate struct {
		gFrom   rules.Date
		under25 bool
		factor  string
	}
	seen := map[rate]bool{}
	gSaid := map[rules.Date]bool{}
	under25, turnSaid := false, false
	for i := range res.Segments {
		s := &res.Segments[i]
		yearly, day := st.at("stipend.yearly", s.From), st.at("stipend.day_rate", s.From)
		if yearly == nil || day == nil {
			continue
		}
		k := rate{s.GFrom, s.Under25, input(yearly, "factor")}
		if seen[k] {
			continue
		}
		seen[k] = true
		var p []Sentence
		if !gSaid[s.GFrom] {
			gSaid[s.GFrom] = true
			gFrom := s.GFrom
			if len(yearly.Params) > 0 {
				gFrom = yearly.Params[0].From
			}
			p = append(p, say(codeBasisG, []string{"stipend.yearly"}, gFrom, Amount(money(input(yearly, "g"))), rules.RefG))
		}
		if !s.Under25 && under25 && !turnSaid {
			turnSaid = true // the full rate after the under-25 rate: say why here
			p = append(p, say(codeBasisTurns25, nil, res.FullRate))
		}
		if s.Under25 {
			under25 = true
			p = append(p, say(codeBasisUnder25, []string{"stipend.yearly"}, input(yearly, "share"), number(input(yearly, "factor")), Amount(money(yearly.Result)), rules.RefStipend))
		} else {
			p = append(p, say(codeBasisYearly, []string{"stipend.yearly"}, number(input(yearly, "factor")), Amount(money(yearly.Result)), rules.RefStipend))
		}
		divisor := number(input(day, "day_divisor"))
		if day.Rounding == rules.RoundKronerHalfUp {
			exact, _ := decimal.NewFromString(day.Exact)
			p = append(p, say(codeBasisDayNAV, []string{"stipend.day_rate"}, divisor, Amount(calc.M(exact)), Amount(money(day.Result)), rules.RefDayDivisor))
		} else {
			p = append(p, say(codeBasisDayExact, []string{"stipend.day_rate"}, divisor, Amount(s.DayRate), rules.RefDayDivisor))
		}
		sec.Blocks = append(sec.Blocks, para(p...))
	}
	if under25 && !turnSaid {
		sec.Blocks = append(sec.Blocks, para(say(codeBasisUnder25All, nil, res.FullRate)))
	}
	sec.Blocks = append(sec.Blocks, childBlocks(res, st)...)
	return sec
}

// childBlocks are the child supplement's rate per child per day, the
// children counted (with the last day each counts) and the supplement per
// day for them.
func childBlocks(res *calc.Result, st steps) []Block {
	var rates, totals []Sentence
	rateSaid := map[string]bool{}
	type total struct {
		children int
		day      calc.Money
	}
	totalSaid := map[total]bool{}
	maxChildren := 0
	for i := range res.Segments {
		s := &res.Segments[i]
		x := st.at("stipend.child_per_day", s.From)
		if x == nil || s.Children == 0 {
			continue
		}
		maxChildren = max(maxChildren, s.Children)
		if r := input(x, "child_rate"); !rateSaid[r] {
			rateSaid[r] = true
			rates = append(rates, say(codeBasisChildRate, []string{"stipend.child_per_day"}, Amount(money(r)), x.Ref))
		}
		if t := (total{s.Children, money(x.Result)}); !totalSaid[t] {
			totalSaid[t] = true
			totals = append(totals, say(codeBasisChildPerDay, []string{"stipend.child_per_day"}, s.Children, Amount(t.day)))
		}
	}
	if maxChildren == 0 {
		return nil
	}
	counted := []Sentence{}
	if len(res.Children) == 0 {
		counted = append(counted, say(codeBasisChildren, nil, maxChildren))
	}
	for _, c := range res.Children {
		if c.LastDay < res.From {
			continue // 18 before the period: not counted at all
		}
		counted = append(counted, say(codeBasisChildUntil, nil, c.BirthDate, c.LastDay))
	}
	return []Block{para(rates...), para(counted...), para(totals...)}
}

// segmentsSection lists the segments when the rate changes in the period,
// with why it changes at each new segment.
func segmentsSection(res *calc.Result, st steps) (Section, bool) {
	if !rateChanges(res, st) {
		return Section{}, false
	}
	var why []Sentence
	children := slices.ContainsFunc(res.Segments, func(s calc.Segment) bool { return s.Children > 0 })
	t := &Table{Columns: []rules.Code{colFrom, colTo, colDayRate, colDays, colAmount}}
	if children {
		t.Columns = slices.Insert(t.Columns, 3, colChildPerDay)
	}
	for i := range res.Segments {
		s := &res.Segments[i]
		row := []any{s.From, s.To, Amount(s.DayRate), s.PaidDays, Amount(s.Net)}
		if children {
			row = slices.Insert(row, 3, any(Amount(childDay(st, s))))
		}
		t.Rows = append(t.Rows, row)
		if i == 0 {
			continue
		}
		prev := &res.Segments[i-1]
		if s.GFrom != prev.GFrom {
			why = append(why, say(codeSegmentsG, nil, s.From, Amount(s.G)))
		}
		if prev.Under25 && !s.Under25 {
			why = append(why, say(codeSegmentsTurns25, nil, s.From))
		}
		if s.Children != prev.Children {
			why = append(why, say(codeSegmentsChildren, nil, s.From, s.Children))
		}
	}
	blocks := []Block{para(say(codeSegmentsIntro, nil))}
	if len(why) > 0 {
		blocks = append(blocks, para(why...))
	}
	return Section{ID: "segments", Heading: headSegments.M(), Blocks: append(blocks, Block{Table: t})}, true
}

// paymentsSection is each payment: what it pays for, its pay date and
// amount, and with a withholding percentage the tax withheld (by the month
// of the pay date: none in June, half in December) and the amount paid out.
func paymentsSection(res *calc.Result, tax *calc.TaxSection) Section {
	var withheld []calc.Withholding
	if tax != nil && len(tax.Withholding) == len(res.Payments) {
		withheld = tax.Withholding // one per payment, in the same order
	}
	cols := []rules.Code{colEarned, colPaid, colAmount}
	if len(withheld) > 0 {
		cols = append(cols, colWithheld, colPaidOut)
	}
	t := &Table{Columns: cols}
	for i, p := range res.Payments {
		row := []any{EarnedValue(res.Pay, p.From, p.To), p.PayDate, Amount(p.Net)}
		if len(withheld) > 0 {
			row = append(row, Amount(withheld[i].Withheld), Amount(withheld[i].PaidOut))
		}
		t.Rows = append(t.Rows, row)
	}
	note := say(codePayWithholdingCard, nil)
	if tax != nil && tax.WithholdingPercent != nil {
		note = say(codePayWithholding, nil, number(*tax.WithholdingPercent))
	}
	return Section{ID: "payments", Heading: headPayments.M(), Blocks: []Block{para(whenSentences(res.Pay)...), {Table: t}, para(note)}}
}

// changePaymentsSection is paymentsSection in a change letter, so that it
// agrees with the change section: a payment already made shows what was
// paid (the change section sets it against what is owed now); the payment
// that carries the back pay shows it as its own column, and a payment under
// the recovery plan the plan's figures: before the deduction, the
// deduction and what is paid out. Withholding is left out: the tax
// withheld from a payment made was worked out from what was paid, not from
// the figures of this decision.
func changePaymentsSection(res *calc.Result, tax *calc.TaxSection, c Change) Section {
	made := map[rules.Date]*ChangedPayment{}
	for i := range c.Payments {
		made[c.Payments[i].From] = &c.Payments[i]
	}
	plan := map[rules.Date]*PlanRow{}
	for i := range c.Plan {
		plan[c.Plan[i].PayDate] = &c.Plan[i]
	}
	type row struct {
		earned                             any
		payDate                            rules.Date
		amount, backPay, deducted, paidOut calc.Money
	}
	var rows []row
	backPay, deducted := false, false
	for _, p := range res.Payments {
		r := row{earned: EarnedValue(res.Pay, p.From, p.To), payDate: p.PayDate, amount: p.Net}
		switch m, q := made[p.From], plan[p.PayDate]; {
		case m != nil: // made: what was paid
			r.payDate, r.amount = m.PayDate, m.Paid
		case p.PayDate < c.MadeBefore: // made, and not changed
		case q != nil:
			r.amount, r.deducted = q.Owed, q.Deducted
			deducted = true
		}
		if c.BackPayWith != nil && p.PayDate == *c.BackPayWith && c.BackPay > 0 {
			r.backPay, backPay = c.BackPay, true
		}
		r.paidOut = r.amount + r.backPay - r.deducted
		if q := plan[p.PayDate]; q != nil && r.backPay == 0 {
			r.paidOut = q.PaidOut // the plan's own figure
		}
		rows = append(rows, r)
	}
	cols := []rules.Code{colEarned, colPayDate, colAmount}
	if backPay {
		cols = append(cols, colBackPay)
	}
	if deducted {
		cols = append(cols, colDeducted)
	}
	cols = append(cols, colPaidOut)
	t := &Table{Columns: cols}
	for _, r := range rows {
		cells := []any{r.earned, r.payDate, Amount(r.amount)}
		if backPay {
			cells = append(cells, Amount(r.backPay))
		}
		if deducted {
			cells = append(cells, Amount(r.deducted))
		}
		t.Rows = append(t.Rows, append(cells, Amount(r.paidOut)))
	}
	note := say(codePayWithholdingCard, nil)
	if tax != nil && tax.WithholdingPercent != nil {
		note = say(codePayWithholding, nil, number(*tax.WithholdingPercent))
	}
	when := append(whenSentences(res.Pay), say(codePayChange, nil))
	return Section{ID: "payments", Heading: headPayments.M(), Blocks: []Block{para(when...), {Table: t}, para(note)}}
}

// reductionsSection is each reduction with its reason and paragraph
// (§§ 34–38), per segment as recorded.
func reductionsSection(res *calc.Result, st steps) (Section, bool) {
	var p []Sentence
	neg := func(x *rules.Step) Amount { return Amount(-money(x.Result)) }
	for i := range res.Segments {
		s := &res.Segments[i]
		if x := st.at("stipend.interruption", s.From); x != nil {
			p = append(p, say(codeReductionInterruption, []string{x.Key}, s.From, s.To, neg(x), x.Ref))
		}
		if x := st.at("stipend.absence", s.From); x != nil {
			p = append(p, say(codeReductionAbsence, []string{x.Key}, absentIn(res, s), number(input(x, "hours")), neg(x), x.Ref))
		}
		if x := st.at("stipend.work", s.From); x != nil {
			p = append(p, say(codeReductionWork, []string{x.Key}, s.From, s.To, number(input(x, "work_hours")), number(input(x, "full_time")), neg(x), x.Ref))
		}
		if x := st.at("stipend.other_benefits", s.From); x != nil {
			p = append(p, say(codeReductionBenefits, []string{x.Key}, s.From, s.To, benefitsIn(res, s), Amount(money(input(x, "benefit_per_day"))), neg(x), x.Ref))
		}
	}
	if len(res.NotDeducted) > 0 {
		p = append(p, say(codeReductionNotDeducted, nil, calc.RefWork))
	}
	if len(p) == 0 {
		return Section{}, false
	}
	blocks := make([]Block, len(p)) // a paragraph each
	for i := range p {
		blocks[i] = para(p[i])
	}
	return Section{ID: "reductions", Heading: headReductions.M(), Blocks: blocks}, true
}

// absentIn are the days of absence the stipend counted in segment s, as
// the calculation recorded them (calc.Result.Absent).
func absentIn(res *calc.Result, s *calc.Segment) AbsentDays {
	var out AbsentDays
	for _, a := range res.Absent {
		if s.From <= a.Date && a.Date <= s.To {
			out = append(out, AbsentDay{Date: a.Date, Hours: Number(a.Hours)})
		}
	}
	return out
}

// benefitsIn names the kinds of the case's § 38 benefits (sykepenger,
// dagpenger, foreldrepenger) that overlap segment s, each once.
func benefitsIn(res *calc.Result, s *calc.Segment) Words {
	var out Words
	seen := map[string]bool{}
	for _, b := range res.Benefits {
		if b.Period.To < s.From || s.To < b.Period.From || seen[b.Kind] {
			continue
		}
		seen[b.Kind] = true
		if c, ok := benefitKinds[b.Kind]; ok {
			out = append(out, c.M())
		}
	}
	return out
}

// taxSection: taxable as personal income, trygdeavgift, each income year's
// figures and pension earning, no withholding in June and half in December.
func taxSection(tax *calc.TaxSection) Section {
	first := []Sentence{say(codeTaxPersonalIncome, nil, rules.RefPersonalIncome)}
	low := false
	var years []Sentence
	if tax != nil {
		for _, y := range tax.Years {
			b := y.Tax
			if b == nil {
				years = append(years, say(codeTaxYearUnknown, nil, y.Year, Amount(y.Stipend)))
				continue
			}
			low = low || b.TrygdeavgiftRateKind == calc.TrygdeavgiftLowRate
			if y.OtherIncome != 0 {
				years = append(years, say(codeTaxYearOther, []string{"tax"}, y.Year, Amount(y.Stipend), Amount(y.OtherIncome), Amount(calc.M(b.Trygdeavgift)), Amount(calc.M(b.TotalTax))))
			} else {
				years = append(years, say(codeTaxYear, []string{"tax"}, y.Year, Amount(y.Stipend), Amount(calc.M(b.Trygdeavgift)), Amount(calc.M(b.TotalTax))))
			}
			if b.PensionEarning.IsPositive() {
				years = append(years, say(codeTaxPension, []string{"tax"}, y.Year, Amount(calc.M(b.PensionEarning)), RefPension))
			}
		}
	}
	if low {
		first = append(first, say(codeTaxTrygdeavgiftLo, nil, rules.RefTrygdeavgiftLow))
	} else {
		first = append(first, say(codeTaxTrygdeavgift, nil, rules.RefTrygdeavgift))
	}
	blocks := []Block{para(first...)}
	if len(years) > 0 {
		blocks = append(blocks, para(years...))
	}
	blocks = append(blocks, para(say(codeTaxJuneDecember, nil, calc.RefWithholding)))
	return Section{ID: "tax", Heading: headTax.M(), Blocks: blocks}
}

// legalSection names the sections of sosialtjenesteloven the decision is
// made under: §§ 29, 35 and 39 always, § 34 with an interruption, §§ 36–38
// with their reductions, § 40 with a recovery plan.
func legalSection(res *calc.Result, ch *Change) Section {
	ps := []string{"29", "35", "39"}
	for _, x := range []struct {
		p    string
		used bool
	}{
		{"34", res.Total.Interruption != 0}, {"36", res.Total.Absence != 0}, {"37", res.Total.Work != 0},
		{"38", res.Total.OtherBenefits != 0}, {"40", ch != nil && ch.Overpayment > 0},
	} {
		if x.used {
			ps = append(ps, x.p)
		}
	}
	slices.SortFunc(ps, func(a, b string) int { // all two digits: by number
		return strings.Compare(a, b)
	})
	p := []Sentence{say(codeLegalBasis, nil, Paragraphs(ps))}
	if res.Total.ChildSupplement != 0 {
		p = append(p, say(codeLegalChildren, nil, RefForskrift))
	}
	return Section{ID: "legal", Heading: headLegal.M(), Blocks: []Block{para(p...)}}
}

// ChangeSection is what a change letter adds to the grant's basis: why it
// changes, the payments made that it concerns, what was paid and what is
// owed, and the back pay, or the overpayment and how it is recovered from
// future payments (§ 40).
func ChangeSection(c Change) Section {
	var blocks []Block
	if c.Reason != nil {
		blocks = append(blocks, para(Sentence{Message: *c.Reason}))
	}
	var p []Sentence
	if len(c.Payments) > 0 {
		t := &Table{Columns: []rules.Code{colEarned, colPayDate, colWasPaid, colOwed, colDifference}}
		for _, m := range c.Payments {
			t.Rows = append(t.Rows, []any{m.Earned, m.PayDate, Amount(m.Paid), Amount(m.Owed), Amount(m.Difference)})
		}
		blocks = append(blocks, Block{Table: t})
		p = append(p, say(codeChangePaidOwed, nil, Amount(c.Paid), Amount(c.Owed)))
	} else {
		p = append(p, say(codeChangePaid, nil, Amount(c.Paid)), say(codeChangeOwed, nil, Amount(c.Owed)))
	}
	if c.BackPay > 0 {
		p = append(p, say(codeChangeBackPay, nil, Amount(c.BackPay)))
		if c.BackPayWith != nil {
			p = append(p, say(codeChangeBackPayWith, nil, *c.BackPayWith))
		}
	}
	if c.Overpayment > 0 {
		p = append(p, say(codeChangeOverpayment, nil, Amount(c.Overpayment), RefRecovery))
	}
	if c.BackPay <= 0 && c.Overpayment <= 0 {
		p = append(p, say(codeChangeNone, nil))
	}
	blocks = append(blocks, para(p...))
	if c.Overpayment > 0 && len(c.Plan) > 0 {
		var plan []Sentence
		switch r := c.Recovery; {
		case r != nil && r.Percent.IsPositive():
			plan = append(plan, say(codeChangePlanPercent, nil, Number(r.Percent), RefRecovery))
		case r != nil:
			plan = append(plan, say(codeChangePlanAmount, nil, Amount(r.Amount), RefRecovery))
		}
		plan = append(plan, say(codeChangePlan, nil))
		t := &Table{Columns: []rules.Code{colPayDate, colBefore, colDeducted, colPaidOut, colRemaining}}
		for _, r := range c.Plan {
			t.Rows = append(t.Rows, []any{r.PayDate, Amount(r.Owed), Amount(r.Deducted), Amount(r.PaidOut), Amount(r.Remaining)})
		}
		end := []Sentence{say(codeChangePlanLeft, nil, Amount(c.Remaining), c.End), say(codeChangePlanRest, nil, RefRecovery)}
		if c.RecoveredOn != nil {
			end = []Sentence{say(codeChangePlanDone, nil, *c.RecoveredOn)}
		}
		blocks = append(blocks, para(plan...), Block{Table: t}, para(end...))
	}
	return Section{ID: "change", Heading: headChange.M(), Blocks: blocks}
}
