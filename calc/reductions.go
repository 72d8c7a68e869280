package calc

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// Legal references of the reductions (kvp-rules.md § 3, "Reductions").
const (
	RefWork        = "sotjl. § 37"
	RefBenefits    = "sotjl. § 38"
	RefAbsence     = "sotjl. § 36"
	RefNotDeducted = "sotjl. § 37; nav.no (bostøtte, barnetrygd, kontantstøtte, barnebidrag)"
)

// FullTimeHours is the programme's week (sotjl. § 30, KVP-forskriften § 1),
// and HoursPerDay the working day used for absence by the hour.
var (
	FullTimeHours = decimal.NewFromFloat(37.5)
	HoursPerDay   = decimal.NewFromFloat(7.5)
	// MaxWorkHours is 50 % of full time: paid work of up to a half-time
	// position can be part of the programme, more is outside it (sotjl. § 30
	// andre ledd).
	MaxWorkHours = decimal.NewFromFloat(18.75)
)

// RefWorkLimit is where the half-time limit on paid work stands.
const RefWorkLimit = "sotjl. § 30 andre ledd"

// Benefits that reduce the stipend krone for krone (§ 38), and benefits that
// are not deducted (shown as such, never silently dropped).
var (
	DeductedBenefits    = []string{"dagpenger", "sykepenger", "foreldrepenger"}
	NotDeductedBenefits = []string{"bostotte", "barnetrygd", "kontantstotte", "barnebidrag"}
)

// BenefitScope says what a § 38 benefit is deducted from (CONVENTION: the law
// says "kvalifiseringsstønaden"; whether that includes the child supplement
// is not settled).
type BenefitScope string

const (
	// BenefitScopeStipend: deducted from the stipend only; the child
	// supplement is kept. The default: the child supplement is for the child's
	// support and is not reduced for under-25s either (§ 35 fourth para.).
	BenefitScopeStipend BenefitScope = "stipend"
	// BenefitScopeAll: deducted from the stipend and then the child supplement.
	BenefitScopeAll BenefitScope = "all"
)

// BenefitScopes lists the conventions, default first.
var BenefitScopes = []string{string(BenefitScopeStipend), string(BenefitScopeAll)}

// WorkHours is paid work or apprentice pay over a period, in hours a week (§ 37).
type WorkHours struct {
	Period rules.Period
	Hours  decimal.Decimal
}

// OtherBenefit is a benefit received over a period: an amount per paid day,
// or a total spread evenly over the paid days (Monday–Friday) of the period.
type OtherBenefit struct {
	Kind   string
	Period rules.Period
	PerDay decimal.Decimal // used when Total is nil
	Total  *decimal.Decimal
}

// perDay returns the amount per paid day.
func (b OtherBenefit) perDay() decimal.Decimal {
	if b.Total == nil {
		return b.PerDay
	}
	days := rules.Weekdays(b.Period.From, b.Period.To)
	if days == 0 {
		return decimal.Zero
	}
	return b.Total.DivRound(decimal.NewFromInt(int64(days)), exactPlaces)
}

// Absence is absence without leave (§ 36) on one date: a whole day, or Hours
// when given (day rate / 7.5 an hour).
type Absence struct {
	Date  rules.Date
	Hours *decimal.Decimal
}

// AbsenceDays is a number of absent days in a month, counted as the month's
// first working days in the period (CONVENTION: the law does not say which).
type AbsenceDays struct {
	Month rules.Date // any day of the month
	Days  int
}

// NotDeducted is a benefit the case lists that does not reduce the stipend.
type NotDeducted struct {
	Kind   string `json:"kind"`
	Amount Money  `json:"amount"`
	Ref    string `json:"legal_reference"`
}

// validateReductions checks the reduction inputs; errors name the case-file field.
func (c *Case) validateReductions() error {
	for i, w := range c.Work {
		if w.Hours.IsNegative() {
			return fieldErr(fmt.Sprintf("work_hours[%d]", i), errHoursNegative.M(w.Hours.String()))
		}
		if w.Hours.GreaterThan(decimal.NewFromInt(7 * 24)) {
			return fieldErr(fmt.Sprintf("work_hours[%d]", i), errHoursOverWeek.M(w.Hours.String()))
		}
		if !within(w.Period, c.Period) {
			return fieldErr(fmt.Sprintf("work_hours[%d]", i), errNotInsidePeriod.M(w.Period.String(), c.Period.String()))
		}
		for j := range i {
			if c.Work[j].Period.Overlaps(w.Period) {
				return fieldErr(fmt.Sprintf("work_hours[%d]", i), errOverlaps.M(w.Period.String(), fmt.Sprintf("work_hours[%d]", j)))
			}
		}
	}
	for i, b := range c.Benefits {
		if !slices.Contains(DeductedBenefits, b.Kind) {
			return fieldErr(fmt.Sprintf("other_benefits[%d].kind", i), errKindNotDeducted.M(strconv.Quote(b.Kind), strings.Join(DeductedBenefits, ", "), strings.Join(NotDeductedBenefits, ", ")))
		}
		if b.PerDay.IsNegative() || (b.Total != nil && b.Total.IsNegative()) {
			return fieldErr(fmt.Sprintf("other_benefits[%d]", i), errAmountNegative.M())
		}
		if !within(b.Period, c.Period) {
			return fieldErr(fmt.Sprintf("other_benefits[%d]", i), errNotInsidePeriod.M(b.Period.String(), c.Period.String()))
		}
	}
	for i, a := range c.Absence {
		if !c.Period.Contains(a.Date) {
			return fieldErr(fmt.Sprintf("absence[%d].date", i), errNotInsidePeriod.M(a.Date.String(), c.Period.String()))
		}
		if a.Hours != nil && (a.Hours.IsNegative() || a.Hours.GreaterThan(HoursPerDay)) {
			return fieldErr(fmt.Sprintf("absence[%d].hours", i), errAbsenceHours.M(a.Hours.String()))
		}
	}
	for i, a := range c.AbsenceDays {
		if a.Days < 0 || a.Days > 23 {
			return fieldErr(fmt.Sprintf("absence[%d].days", i), errAbsenceDays.M(a.Days))
		}
		if !(rules.Period{From: a.Month.FirstOfMonth(), To: a.Month.LastOfMonth()}).Overlaps(c.Period) {
			return fieldErr(fmt.Sprintf("absence[%d].month", i), errNotInsidePeriod.M(a.Month.String()[:7], c.Period.String()))
		}
	}
	for i, n := range c.NotDeducted {
		if !slices.Contains(NotDeductedBenefits, n.Kind) {
			return fieldErr(fmt.Sprintf("not_deducted[%d].kind", i), notOneOf(n.Kind, strings.Join(NotDeductedBenefits, ", ")))
		}
	}
	switch c.BenefitScope {
	case "", BenefitScopeStipend, BenefitScopeAll:
	default:
		return fieldErr("benefit_scope", notOneOf(string(c.BenefitScope), "stipend, all"))
	}
	return nil
}

func within(p, outer rules.Period) bool { return outer.From <= p.From && p.To <= outer.To }

// reductionCuts are the dates where work hours or a benefit start or stop.
func (c *Case) reductionCuts() []rules.Date {
	var out []rules.Date
	for _, w := range c.Work {
		out = append(out, w.Period.From, w.Period.To.AddDays(1))
	}
	for _, b := range c.Benefits {
		out = append(out, b.Period.From, b.Period.To.AddDays(1))
	}
	return out
}

func (c *Case) workHoursOn(d rules.Date) decimal.Decimal {
	for _, w := range c.Work {
		if w.Period.Contains(d) {
			return w.Hours
		}
	}
	return decimal.Zero
}

func (c *Case) benefitPerDayOn(d rules.Date) decimal.Decimal {
	sum := decimal.Zero
	for _, b := range c.Benefits {
		if b.Period.Contains(d) {
			sum = sum.Add(b.perDay())
		}
	}
	return sum
}

// absentDays expands the absence inputs into whole days and hours per date,
// counting only working days (a weekend or public holiday is not a missed
// working day) outside interruptions. It returns warnings for the rest.
func (c *Case) absentDays() (map[rules.Date]decimal.Decimal, []rules.Warning) {
	if len(c.Absence) == 0 && len(c.AbsenceDays) == 0 {
		return nil, nil
	}
	out := map[rules.Date]decimal.Decimal{} // date → hours missed (7.5 = a whole day)
	var warnings []rules.Warning
	for _, a := range c.Absence {
		hours := HoursPerDay
		if a.Hours != nil {
			hours = *a.Hours
		}
		switch {
		case !a.Date.IsWeekday():
			warnings = append(warnings, rules.Warn(WarnAbsenceWeekend.M(a.Date, RefAbsence), RefAbsence))
		case rules.IsPublicHoliday(a.Date):
			warnings = append(warnings, rules.Warn(WarnAbsenceHoliday.M(a.Date, rules.RefHolidays), rules.RefHolidays))
		case c.interruptedOn(a.Date):
			warnings = append(warnings, rules.Warn(WarnAbsenceInterrupt.M(a.Date), ""))
		default:
			out[a.Date] = decimal.Min(HoursPerDay, out[a.Date].Add(hours))
		}
	}
	for _, a := range c.AbsenceDays {
		left := a.Days
		for d := max(a.Month.FirstOfMonth(), c.Period.From); left > 0 && d <= min(a.Month.LastOfMonth(), c.Period.To); d++ {
			if rules.IsWorkingDay(d) && !c.interruptedOn(d) && out[d].LessThan(HoursPerDay) {
				out[d] = HoursPerDay
				left--
			}
		}
		if left > 0 {
			warnings = append(warnings, rules.Warn(WarnAbsenceUnplaced.M(a.Month.String()[:7], left, a.Days), RefAbsence))
		}
	}
	return out, warnings
}

// absentIn groups the absent working days of [from, to] by hours missed.
func absentIn(absent map[rules.Date]decimal.Decimal, from, to rules.Date) []absentGroup {
	var out []absentGroup
	if len(absent) == 0 {
		return nil
	}
	for d := from; d <= to; d++ {
		h, ok := absent[d]
		if !ok {
			continue
		}
		i := slices.IndexFunc(out, func(g absentGroup) bool { return g.hours.Equal(h) })
		if i < 0 {
			out = append(out, absentGroup{hours: h})
			i = len(out) - 1
		}
		out[i].days++
	}
	return out
}

type absentGroup struct {
	hours decimal.Decimal
	days  int
}

// piece prices one segment × month stretch of days paid days, unrounded.
// Every paid day is priced on its own terms and the days summed: absence
// first (the missed part of the day rate), then work (§ 37: stipend and
// child supplement × hours / 37.5), then other benefits (§ 38: krone for
// krone on the same days, from what is left). So no day, and no total, goes
// below zero. An interrupted stretch pays nothing (§ 35).
func (c *Case) piece(seg *Segment, days int, absent []absentGroup) [lineCount]decimal.Decimal {
	var l [lineCount]decimal.Decimal
	nd := decimal.NewFromInt(int64(days))
	l[lineStipend], l[lineChild] = seg.dayRate.Mul(nd), seg.childDay.Mul(nd)
	if seg.Interrupted {
		l[lineInterruption] = l[lineStipend].Add(l[lineChild]).Neg()
		return l
	}
	normal := days
	for _, g := range absent {
		normal -= g.days
	}
	// add subtracts the reductions of days days priced alike.
	add := func(r dayReductions, days int) {
		if days == 0 {
			return
		}
		minus := decimal.NewFromInt(-int64(days))
		for i, x := range r {
			switch line := &l[lineAbsence+i]; {
			case x.IsZero():
			case line.IsZero():
				*line = x.Mul(minus)
			default:
				*line = line.Add(x.Mul(minus))
			}
		}
	}
	add(seg.normalDay, normal)
	for _, g := range absent {
		add(c.reductionsOfDay(seg, g.hours), g.days)
	}
	return l
}

// dayReductions are the absence, work and benefit reductions of one paid
// day, each zero or positive, in the order of the lines.
type dayReductions [lineCount - lineAbsence]decimal.Decimal

// reductionsOfDay prices one paid day of seg on which hours were missed
// without leave (zero for a normal day): the missed part of the day rate,
// then work on what is left, then other benefits on what is left.
func (c *Case) reductionsOfDay(seg *Segment, hours decimal.Decimal) dayReductions {
	var r dayReductions
	s, ch := seg.dayRate, seg.childDay
	if hours.IsPositive() {
		abs := decimal.Min(s, seg.dayRate.Mul(hours).DivRound(HoursPerDay, exactPlaces))
		r[lineAbsence-lineAbsence] = abs
		s = s.Sub(abs)
	}
	if seg.workShare.IsPositive() {
		ws, wc := s.Mul(seg.workShare).Round(exactPlaces), ch.Mul(seg.workShare).Round(exactPlaces)
		r[lineWork-lineAbsence] = ws.Add(wc)
		s, ch = s.Sub(ws), ch.Sub(wc)
	}
	if seg.benefitDay.IsPositive() {
		room := s
		if c.BenefitScope == BenefitScopeAll {
			room = s.Add(ch)
		}
		r[lineBenefits-lineAbsence] = decimal.Min(room, seg.benefitDay)
	}
	return r
}

// workShare is the share of the stipend work takes (§ 37): hours / 37.5, at most 1.
func workShare(hours decimal.Decimal) decimal.Decimal {
	if !hours.IsPositive() {
		return decimal.Decimal{}
	}
	return decimal.Min(decimal.NewFromInt(1), hours.DivRound(FullTimeHours, exactPlaces))
}
