package calc

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// Rounding names where amounts are rounded (kvp-rules.md § 3, CONVENTION).
type Rounding string

const (
	// RoundingNAV rounds the day rate half up to whole kroner and pays day
	// rate × days, as NAV does for comparable benefits. The default.
	RoundingNAV Rounding = "nav"
	// RoundingExact rounds nothing until the monthly payment, which is
	// rounded half up to the øre.
	RoundingExact Rounding = "exact"
)

// Roundings lists the policies, default first.
var Roundings = []string{string(RoundingNAV), string(RoundingExact)}

// AgeSwitch names the day the full rate starts for a participant turning 25
// (kvp-rules.md § 3, CONVENTION).
type AgeSwitch string

const (
	// AgeSwitchBirthday: the full rate from the 25th birthday itself. The default.
	AgeSwitchBirthday AgeSwitch = "birthday"
	// AgeSwitchNextMonth: the full rate from the first day of the month after the 25th birthday.
	AgeSwitchNextMonth AgeSwitch = "next-month"
)

// AgeSwitches lists the conventions, default first.
var AgeSwitches = []string{string(AgeSwitchBirthday), string(AgeSwitchNextMonth)}

// Legal references printed with the figures.
const (
	// RefStipend: the yearly amount is factor × G (§ 35 andre ledd), the day
	// rate a 260th of it (tredje ledd).
	RefStipend = "sotjl. § 35 andre og tredje ledd"
	// RefUnder25: two thirds under 25 (§ 35 andre ledd).
	RefUnder25         = "sotjl. § 35 andre og tredje ledd (under 25 år: 2/3)"
	RefChildSupplement = "sotjl. § 35 fjerde ledd, KVP-forskriften § 3"
	RefPayment         = "sotjl. § 39"
	RefInterruption    = "sotjl. § 35, § 34"
)

// Limits on a case, so that a typing error cannot ask for centuries of work.
const (
	MaxChildren    = 30
	MaxPeriodYears = 60
	UnderAge       = 25 // the full rate applies from this age
	ChildAgeLimit  = 18 // children count until they turn 18 (CONVENTION)
)

// Case is what the stipend depends on.
type Case struct {
	BirthDate       rules.Date
	Period          rules.Period
	Children        int          // children under 18 for the whole period; ignored when ChildBirthDates is set
	ChildBirthDates []rules.Date // each child counts from birth until the day before the 18th birthday
	Rounding        Rounding
	AgeSwitch       AgeSwitch
	LeapBirthday    rules.LeapBirthday // 29 February birthdays in common years; "" = feb28
	Interruptions   []rules.Period     // avbrudd: nothing is paid for these days (§ 35)

	Work         []WorkHours    // paid work or apprentice pay, hours a week (§ 37)
	Benefits     []OtherBenefit // dagpenger, sykepenger, foreldrepenger (§ 38)
	Absence      []Absence      // absence without leave on given dates (§ 36)
	AbsenceDays  []AbsenceDays  // absence without leave as days in a month (§ 36)
	NotDeducted  []NotDeducted  // benefits listed that do not reduce the stipend
	BenefitScope BenefitScope   // what § 38 benefits reduce; "" means stipend

	// Pay is when each payment is made (§ 39); the zero value is monthly on the 12th.
	Pay PaySchedule

	// Explain asks for the trace: Result.Steps records every figure as it is
	// computed. Off, it costs nothing.
	Explain bool

	// ExtraCuts are dates at which to split segments although nothing
	// changes, so that two runs under different parameters line up (kvp compare).
	ExtraCuts []rules.Date

	asOf bool // the parameters are as known on a date (set by Stipend)
}

// Validate checks the case; errors name the case-file field.
func (c *Case) Validate() error {
	if c.Period.To < c.Period.From {
		return fieldErr("to", errToBeforeFrom.M(c.Period.To.String(), c.Period.From.String()))
	}
	if c.Period.To > c.Period.From.AddYears(MaxPeriodYears) {
		return fieldErr("to", errPeriodTooLong.M(MaxPeriodYears))
	}
	if c.BirthDate >= c.Period.From {
		return fieldErr("birth_date", errBornInPeriod.M(c.BirthDate.String(), c.Period.From.String()))
	}
	if c.Children < 0 || c.Children > MaxChildren {
		return fieldErr("children", ErrChildrenRange.M(c.Children, MaxChildren))
	}
	if len(c.ChildBirthDates) > MaxChildren {
		return fieldErr("child_birth_dates", errTooManyChildren.M(MaxChildren))
	}
	for i, b := range c.ChildBirthDates {
		if b > c.Period.To {
			return fieldErr(fmt.Sprintf("child_birth_dates[%d]", i), errChildAfterPeriod.M(b.String(), c.Period.To.String()))
		}
	}
	switch c.Rounding {
	case RoundingNAV, RoundingExact:
	default:
		return fieldErr("rounding", notOneOf(string(c.Rounding), "nav, exact"))
	}
	switch c.AgeSwitch {
	case AgeSwitchBirthday, AgeSwitchNextMonth:
	default:
		return fieldErr("age_switch", notOneOf(string(c.AgeSwitch), "birthday, next-month"))
	}
	if !rules.ValidLeapBirthday(c.LeapBirthday) {
		return fieldErr("leap_birthday", notOneOf(string(c.LeapBirthday), "feb28, mar1"))
	}
	for i, p := range c.Interruptions {
		if p.To < p.From {
			return fieldErr(fmt.Sprintf("interruptions[%d]", i), rules.ErrPeriodReversed.M(p.String()))
		}
	}
	if err := c.Pay.Validate(); err != nil {
		return err
	}
	return c.validateReductions()
}

// FullRateFrom returns the first day paid at the full (25 and over) rate.
func (c *Case) FullRateFrom() rules.Date {
	b := rules.Birthday(c.BirthDate, UnderAge, c.LeapBirthday)
	if c.AgeSwitch == AgeSwitchNextMonth {
		return b.LastOfMonth().AddDays(1)
	}
	return b
}

// leapDayBirth reports whether the participant or a child was born on 29 February.
func (c *Case) leapDayBirth() bool {
	leapDay := func(d rules.Date) bool { _, m, day := d.YMD(); return m == 2 && day == 29 }
	return leapDay(c.BirthDate) || slices.ContainsFunc(c.ChildBirthDates, leapDay)
}

// childrenOn returns the number of children counted on d.
func (c *Case) childrenOn(d rules.Date) int {
	if len(c.ChildBirthDates) == 0 {
		return c.Children
	}
	n := 0
	for _, b := range c.ChildBirthDates {
		if b <= d && d < rules.Birthday(b, ChildAgeLimit, c.LeapBirthday) {
			n++
		}
	}
	return n
}

func (c *Case) interruptedOn(d rules.Date) bool {
	for _, p := range c.Interruptions {
		if p.Contains(d) {
			return true
		}
	}
	return false
}

// Segment is a stretch of the period in which every input of the stipend is
// constant: G, factor, share, divisor, child rate, age band and children.
type Segment struct {
	From        rules.Date      `json:"from"`
	To          rules.Date      `json:"to"`
	G           Money           `json:"g"`
	GFrom       rules.Date      `json:"g_from"`
	Factor      decimal.Decimal `json:"factor"`
	Under25     bool            `json:"under_25"`
	Share       rules.Ratio     `json:"share"`
	Divisor     decimal.Decimal `json:"day_divisor"`
	Yearly      Money           `json:"yearly"`
	DayRate     Money           `json:"day_rate"`
	DayRateFull decimal.Decimal `json:"day_rate_unrounded"`
	ChildRate   Money           `json:"child_rate"`
	Children    int             `json:"children"`
	Interrupted bool            `json:"interrupted"`
	WorkHours   decimal.Decimal `json:"work_hours_per_week"`
	BenefitDay  Money           `json:"other_benefits_per_day"`
	PaidDays    int             `json:"paid_days"`
	Amounts
	Ref string `json:"legal_reference"`

	childRate  decimal.Decimal // barnetillegg per child per day
	childDay   decimal.Decimal // barnetillegg for all children per day
	dayExact   decimal.Decimal // unrounded day rate
	dayRate    decimal.Decimal // day rate under the policy
	benefitDay decimal.Decimal // § 38 benefits per paid day, unrounded
	workShare  decimal.Decimal // min(1, work hours / 37.5), 12 places
	normalDay  dayReductions   // the reductions of a day without absence
	// plainNAV marks a segment under the nav policy with no interruption,
	// work or benefits, priced in integer øre: dayRateØre × days and
	// childØre (all children) × days.
	plainNAV   bool
	dayRateØre int64
	childØre   int64
	// whole12 is the segment's day in whole 10^-12 kroner, when it fits,
	// for pieces under the nav policy without absence (pieceWhole12).
	whole12 dayWhole12
}

// The money lines, in the order they are applied.
const (
	lineStipend = iota
	lineChild
	lineInterruption
	lineAbsence
	lineWork
	lineBenefits
	lineCount
)

// Amounts are the money lines of a segment, a month, a year or the total:
// the gross stipend and child supplement, each reduction (zero or negative)
// with its own reference, and the net paid.
type Amounts struct {
	Stipend         Money `json:"stipend"`          // gross, § 35
	ChildSupplement Money `json:"child_supplement"` // gross, § 35 fourth para.
	Interruption    Money `json:"interruption"`     // § 35: nothing paid while interrupted
	Absence         Money `json:"absence"`          // § 36: absence without leave
	Work            Money `json:"work"`             // § 37: paid work or apprentice pay
	OtherBenefits   Money `json:"other_benefits"`   // § 38: dagpenger, sykepenger, foreldrepenger
	Net             Money `json:"net"`
}

func (a *Amounts) lines() [lineCount]*Money {
	return [lineCount]*Money{&a.Stipend, &a.ChildSupplement, &a.Interruption, &a.Absence, &a.Work, &a.OtherBenefits}
}

func (a *Amounts) add(b Amounts) {
	a.Stipend += b.Stipend
	a.ChildSupplement += b.ChildSupplement
	a.Interruption += b.Interruption
	a.Absence += b.Absence
	a.Work += b.Work
	a.OtherBenefits += b.OtherBenefits
	a.Net += b.Net
}

// Month is one calendar month of the schedule: what was earned in it and
// when it is paid (in arrears, the month after: § 39).
type Month struct {
	Month YearMonth `json:"month"` // earned
	// PaidIn is the month of the pay date of the payment that pays the
	// month's last days (the month after, unless a pay day moves back).
	PaidIn   YearMonth `json:"paid_in"`
	PaidDays int       `json:"paid_days"`
	Amounts
}

// YearTotal sums a calendar year, by the year the money was earned and by the
// year of its pay date (the income year for tax, by default).
type YearTotal struct {
	Year   int     `json:"year"`
	Earned Amounts `json:"earned"`
	Paid   Amounts `json:"paid"`
}

// Result is the stipend over a period.
type Result struct {
	From      rules.Date `json:"from"`
	To        rules.Date `json:"to"`
	Rounding  Rounding   `json:"rounding"`
	AgeSwitch AgeSwitch  `json:"age_switch"`
	// LeapBirthday is the 29 February convention used for every age limit (CONVENTION).
	LeapBirthday rules.LeapBirthday `json:"leap_birthday"`
	// LeapDayBirth says whether the participant or a child was born on
	// 29 February, so that the convention changes a date.
	LeapDayBirth bool       `json:"-"`
	FullRate     rules.Date `json:"full_rate_from"`
	Segments     []Segment  `json:"segments"`
	Months       []Month    `json:"months"`
	// Pay is the pay schedule used, Payments its payments in date order.
	Pay        PaySchedule  `json:"pay_schedule"`
	Payments   []Payment    `json:"payments"`
	Years      []YearTotal  `json:"years"`
	Total      Amounts      `json:"total"`
	PaidDays   int          `json:"paid_days"`
	Parameters []ParamValue `json:"parameters"`
	// BenefitScope is the § 38 convention used (CONVENTION).
	BenefitScope BenefitScope `json:"benefit_scope"`
	// NotDeducted lists benefits the case gave that do not reduce the stipend.
	NotDeducted []NotDeducted   `json:"not_deducted"`
	Warnings    []rules.Warning `json:"warnings"`
	// Steps are the recorded figures, when the case asked for them (Explain).
	Steps []rules.Step `json:"-"`

	// Children are the children of the case's birth dates with the last day
	// each counts for the child supplement, as the segments were cut: for a
	// letter that names them (not in JSON: the case has the birth dates).
	Children []ChildCounted `json:"-"`
	// Absent are the working days of absence without leave (§ 36) that
	// reduce the stipend, in date order, with the hours missed; Benefits the
	// case's § 38 benefits as given: for a letter that names the days and
	// the kind (not in JSON: the case has them). Only with Explain.
	Absent   []AbsentDay    `json:"-"`
	Benefits []OtherBenefit `json:"-"`
}

// AbsentDay is one working day of absence without leave counted by the
// stipend: its date and the hours missed (7.5 is a whole day).
type AbsentDay struct {
	Date  rules.Date
	Hours decimal.Decimal
}

// ChildCounted is a child the child supplement counts from birth to
// LastDay, the day before the 18th birthday (ChildAgeLimit, CONVENTION).
type ChildCounted struct {
	BirthDate rules.Date
	LastDay   rules.Date
}

// ParamValue is one dated parameter value used in a result, with its source.
type ParamValue struct {
	Key    string     `json:"key"`
	From   rules.Date `json:"from"`
	Value  string     `json:"value"`
	Ref    string     `json:"legal_reference"`
	Source string     `json:"source"`
	Origin string     `json:"origin"`
}

// Stipend computes the stipend and child supplement for c under p. To price
// many cases under the same parameters, make one Calculator and call its
// Stipend method.
func Stipend(p *rules.Params, c Case) (*Result, error) { return NewCalculator(p).Stipend(c) }

// Stipend computes the stipend and child supplement for c.
func (k *Calculator) Stipend(c Case) (*Result, error) {
	res := &Result{}
	if err := k.StipendInto(c, res); err != nil {
		return nil, err
	}
	return res, nil
}

// StipendInto is Stipend writing the result into res, which it overwrites
// whole; the storage of res's slices is used again where it is large
// enough, so that a caller pricing many cases one after another (a batch
// worker) allocates them once rather than per case. The result is the same
// as Stipend's, except that its Children is empty rather than nil when res
// had some before. On an error res is left in an unspecified state.
func (k *Calculator) StipendInto(c Case, res *Result) error {
	if err := c.Validate(); err != nil {
		return err
	}
	from, to := c.Period.From, c.Period.To
	var cutsBuf [16]rules.Date
	cuts := k.appendChangePoints(cutsBuf[:0], from, to)
	add := func(d rules.Date) {
		if from < d && d <= to {
			cuts = append(cuts, d)
		}
	}
	fullRate := c.FullRateFrom()
	add(fullRate)
	children := res.Children[:0]
	for _, b := range c.ChildBirthDates {
		until := rules.Birthday(b, ChildAgeLimit, c.LeapBirthday)
		add(b)
		add(until)
		children = append(children, ChildCounted{BirthDate: b, LastDay: until - 1})
	}
	for _, ip := range c.Interruptions {
		add(ip.From)
		add(ip.To.AddDays(1))
	}
	for _, d := range c.reductionCuts() {
		add(d)
	}
	for _, d := range c.ExtraCuts {
		add(d)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	scope := c.BenefitScope
	if scope == "" {
		scope = BenefitScopeStipend
	}
	leap := c.LeapBirthday
	if leap == "" {
		leap = rules.LeapFeb28
	}
	*res = Result{From: from, To: to, Rounding: c.Rounding, AgeSwitch: c.AgeSwitch, LeapBirthday: leap, LeapDayBirth: c.leapDayBirth(), BenefitScope: scope, FullRate: fullRate,
		Warnings: reuse(res.Warnings, 0), NotDeducted: reuse(res.NotDeducted, 0), Segments: reuse(res.Segments, len(cuts)+1), Children: children,
		Months: reuse(res.Months, int(MonthOf(to)-MonthOf(from))+1), Payments: res.Payments[:0], Years: res.Years[:0]}
	for _, n := range c.NotDeducted {
		n.Ref = RefNotDeducted
		res.NotDeducted = append(res.NotDeducted, n)
	}
	var used *usedParams // nil: a totals Calculator lists no parameters
	if !k.totalsOnly {
		used = &usedParams{}
	}
	start := from
	for i := 0; i <= len(cuts); i++ {
		end := to
		if i < len(cuts) {
			end = cuts[i] - 1
		}
		e, err := k.epochAt(start)
		if err != nil {
			return rules.FieldErr("from", err)
		}
		res.Segments = append(res.Segments, newSegment(e, &c, start, end, fullRate, used))
		if i < len(cuts) {
			start = cuts[i]
		}
	}
	for _, s := range res.Segments {
		if s.WorkHours.GreaterThan(MaxWorkHours) {
			res.Warnings = append(res.Warnings, rules.Warn(WarnWorkOverHalfTime.M(s.WorkHours, s.From, s.To, MaxWorkHours, RefWorkLimit), RefWorkLimit))
			break
		}
	}
	gNotKnown := false
	for _, nk := range k.p.NotKnown {
		if nk.From <= to {
			gNotKnown = gNotKnown || nk.Key == rules.KeyG
			res.Warnings = append(res.Warnings, rules.Warn(WarnNotYetKnown.M(nk.Key, nk.Value, nk.From, *k.p.AsOf, nk.KnownFrom), rules.RefKnownFrom))
		}
	}
	if n := len(k.p.G.Items); n > 0 && !gNotKnown {
		// G is set each year from 1 May: past a year after the last known G,
		// the days are priced at a G that will have changed.
		last := k.p.G.Items[n-1]
		if next := last.From.AddYears(1); to >= next {
			// set_from is the flag's syntax, ISO in every language.
			res.Warnings = append(res.Warnings, rules.Warn(WarnGCarriedForward.M(next, last.From, last.Value, next.String()), rules.RefG))
		}
	}
	res.Pay = c.Pay.Normal()
	res.Payments = res.Pay.appendPayPeriods(res.Payments, c.Period)
	pieces := schedule(res, &c)
	if !k.totalsOnly {
		res.Parameters = used.sorted()
	}
	if c.Explain {
		c.asOf = k.p.AsOf != nil
		k.traceStipend(res, &c, pieces)
	}
	return nil
}

// reuse is s emptied, with room for n elements: s's storage when it has
// room, else a new one (never nil, so that an empty list is [] in JSON).
func reuse[T any](s []T, n int) []T {
	if s == nil || cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}

func newSegment(e *epoch, c *Case, from, to, fullRate rules.Date, used *usedParams) Segment {
	used.add(&e.params[0])
	used.add(&e.params[1])
	used.add(&e.params[2])
	under25 := from < fullRate
	band := &e.bands[0]
	ref := RefStipend
	if under25 {
		band = &e.bands[1]
		ref = RefUnder25
		used.add(&e.params[4])
	}
	dayRate, shown := band.dayExact, band.dayMoney[0]
	if c.Rounding == RoundingNAV {
		dayRate, shown = band.dayNAV, band.dayMoney[1]
	}
	children := c.childrenOn(from)
	if children > 0 {
		used.add(&e.params[3])
	}
	var benefitDay, workHours decimal.Decimal
	if len(c.Benefits) > 0 {
		benefitDay = c.benefitPerDayOn(from)
	}
	if len(c.Work) > 0 {
		workHours = c.workHoursOn(from)
	}
	var benefitMoney Money
	if !benefitDay.IsZero() {
		benefitMoney = M(benefitDay)
	}
	interrupted := c.interruptedOn(from)
	plain := c.Rounding == RoundingNAV && !interrupted && workHours.IsZero() && benefitDay.IsZero() &&
		e.childWholeØre && band.dayNAVØre != 0
	seg := Segment{
		From: from, To: to,
		G: e.gMoney, GFrom: e.g.From, Factor: e.factor.Value,
		Under25: under25, Share: e.share.Value, Divisor: e.div.Value,
		Yearly:      band.yearly,
		DayRate:     shown,
		DayRateFull: band.dayShown,
		ChildRate:   e.childMoney,
		Children:    children,
		Interrupted: interrupted,
		WorkHours:   workHours,
		BenefitDay:  benefitMoney,
		PaidDays:    rules.Weekdays(from, to),
		Ref:         ref,
		dayExact:    band.dayExact,
		dayRate:     dayRate,
		childRate:   e.child.Value,
		benefitDay:  benefitDay,
		workShare:   workShare(workHours),
		plainNAV:    plain,
		dayRateØre:  band.dayNAVØre,
		childØre:    e.childØre * int64(children),
	}
	if children > 0 {
		seg.childDay = e.childDay(children)
	}
	if !interrupted {
		seg.normalDay = c.reductionsOfDay(&seg, decimal.Zero)
		if c.Rounding == RoundingNAV {
			seg.whole12 = newDayWhole12(&seg)
		}
	}
	return seg
}

// paramKey identifies one dated parameter value.
type paramKey struct {
	key  string
	from rules.Date
}

func note(used map[paramKey]ParamValue, key string, from rules.Date, value fmt.Stringer, ref, source, origin string) {
	k := paramKey{key, from}
	if _, ok := used[k]; !ok {
		used[k] = ParamValue{Key: key, From: from, Value: value.String(), Ref: ref, Source: source, Origin: origin}
	}
}

func sortedParams(used map[paramKey]ParamValue) []ParamValue {
	out := make([]ParamValue, 0, len(used))
	for _, v := range used {
		out = append(out, v)
	}
	order := func(k string) int { return slices.Index(rules.Keys, k) }
	slices.SortFunc(out, func(a, b ParamValue) int {
		if d := order(a.Key) - order(b.Key); d != 0 {
			return d
		}
		return int(a.From) - int(b.From)
	})
	return out
}

// schedule splits every segment at month ends into pieces, prices each piece
// and sums the pieces into segments, months, years and the total, so that
// all of them add up to the øre.
//
// Under the nav policy the day rate is whole kroner and each line of a piece
// is rounded half up to the øre (only reductions can have øre). Under the
// exact policy a month's net is the unrounded sum of its pieces' nets
// rounded once to the øre, and so is each gross line; each piece gets the
// difference of the rounded running sums, so that pieces still add up to
// the payment, and the last reduction line takes the øre that makes the
// lines add up to the net.
func schedule(res *Result, c *Case) (pieces []tracePiece) {
	absent, warnings := c.absentDays()
	res.Warnings = append(res.Warnings, warnings...)
	if c.Explain {
		res.Benefits = c.Benefits
		for d, h := range absent {
			res.Absent = append(res.Absent, AbsentDay{Date: d, Hours: h})
		}
		slices.SortFunc(res.Absent, func(a, b AbsentDay) int { return int(a.Date - b.Date) })
	}
	// Every year from the first earned to the last paid is touched.
	first, last := res.From.Year(), MonthOf(res.To).Next().Year()
	if n := len(res.Payments); n > 0 {
		last = max(last, res.Payments[n-1].PayDate.Year())
	}
	res.Years = reuse(res.Years, last-first+1)[:last-first+1]
	for i := range res.Years {
		res.Years[i] = YearTotal{Year: first + i}
	}
	year := func(y int) *YearTotal { return &res.Years[y-first] }
	var month *Month
	var monthStart rules.Date
	var run [lineCount + 1]runningSum // per line and the net, within the month
	pi := 0                           // the payment of the piece
	paidPi := -1                      // the payment whose pay month and year are paidIn and paidYear
	var paidIn YearMonth
	var paidYear *YearTotal
	var cal calMonth // the piece's month; pieces come in date order
	for si := range res.Segments {
		seg := &res.Segments[si]
		for start := seg.From; start <= seg.To; {
			switch {
			case month != nil && start >= cal.first && start <= cal.last:
			case month != nil && start == cal.last+1:
				cal = cal.next()
			default:
				cal = calMonthOf(start)
			}
			key, ym := cal.first, cal.ym
			y := ym.Year()
			for start > res.Payments[pi].To {
				pi++
			}
			pay := &res.Payments[pi]
			if pi != paidPi {
				paidPi, paidIn = pi, MonthOf(pay.PayDate)
				paidYear = year(paidIn.Year())
			}
			end := min(seg.To, cal.last, pay.To)
			if month == nil || key != monthStart {
				monthStart = key
				res.Months = append(res.Months, Month{Month: ym, PaidIn: ym.Next()})
				month = &res.Months[len(res.Months)-1]
				run = [lineCount + 1]runningSum{}
			}
			days := rules.Weekdays(start, end)
			absentHere := absentIn(absent, start, end)
			var a Amounts
			if seg.plainNAV && len(absentHere) == 0 {
				// The common case, in integers: whole-krone day rate, no reductions.
				a.Stipend = Money(seg.dayRateØre * int64(days))
				a.ChildSupplement = Money(seg.childØre * int64(days))
				a.Net = a.Stipend + a.ChildSupplement
			} else {
				a = c.pricePiece(seg, days, absentHere, &run)
			}
			if c.Explain {
				p := tracePiece{seg: si, month: len(res.Months) - 1, days: days}
				if c.Rounding == RoundingExact {
					p.exact = c.piece(seg, days, absentHere)
				}
				for _, g := range absentHere {
					p.absentHours = p.absentHours.Add(g.hours.Mul(decimal.NewFromInt(int64(g.days))))
				}
				pieces = append(pieces, p)
			}
			seg.Amounts.add(a)
			month.Amounts.add(a)
			month.PaidDays += days
			month.PaidIn = paidIn
			pay.Amounts.add(a)
			pay.PaidDays += days
			res.Total.add(a)
			res.PaidDays += days
			year(y).Earned.add(a)
			paidYear.Paid.add(a)
			start = end + 1
		}
	}
	return pieces
}

// pricePiece prices a piece with reductions, or under the exact policy,
// and rounds its lines under the policy (see schedule). run holds, within
// the month, a running sum per line and, last, one of the net.
func (c *Case) pricePiece(seg *Segment, days int, absent []absentGroup, run *[lineCount + 1]runningSum) Amounts {
	if seg.whole12.ok && len(absent) == 0 {
		return seg.whole12.piece(days)
	}
	var a Amounts
	exact := c.piece(seg, days, absent)
	var net Money
	for i, m := range a.lines() {
		switch {
		case c.Rounding == RoundingNAV:
			if !exact[i].IsZero() {
				*m = M(exact[i])
			}
		default:
			*m = run[i].next(exact[i])
		}
		net += *m
	}
	if c.Rounding == RoundingExact {
		// The month's payment is rounded once (README, "Rounding"): the
		// net is the rounded running sum of the exact net, never below
		// zero, and the last line that is not zero (a reduction, when
		// there is one) takes the øre that makes the lines add up to it.
		// The gross lines stay their own exact sums rounded.
		paid := run[lineCount].next(decimal.Max(decimal.Zero, exactSum(exact)))
		if d := paid - net; d != 0 {
			for i := lineCount - 1; i >= lineStipend; i-- {
				if m := a.lines()[i]; *m != 0 || i == lineStipend {
					*m += d
					break
				}
			}
		}
		a.Net = paid
		return a
	}
	// Under nav, an øre of rounding between lines must not make a negative
	// net, nor pay an øre when the reductions take everything: take it off
	// (or give it back to) the last reduction. Each rounded line is within
	// half an øre of its exact value, so a net above lineCount øre cannot
	// come from an exact net of zero or less, and the exact sum is not needed.
	if net < 0 || (net > 0 && net <= lineCount && !exactSum(exact).IsPositive()) {
		for i := lineCount - 1; i > lineChild; i-- {
			if m := a.lines()[i]; *m != 0 {
				*m -= net
				break
			}
		}
		net = 0
	}
	a.Net = net
	return a
}

// exactSum adds the unrounded lines of a piece.
func exactSum(lines [lineCount]decimal.Decimal) decimal.Decimal {
	sum := decimal.Zero
	for _, x := range lines {
		sum = sum.Add(x)
	}
	return sum
}

// runningSum hands out øre amounts whose sum is always the rounded sum of the
// exact amounts given so far.
type runningSum struct {
	exact decimal.Decimal
	paid  Money
}

func (r *runningSum) next(exact decimal.Decimal) Money {
	if exact.IsZero() {
		return 0
	}
	r.exact = r.exact.Add(exact)
	total := M(r.exact)
	piece := total - r.paid
	r.paid = total
	return piece
}

// calMonth is a month as the schedule walks it: its first and last day.
// The month after is worked out from it without date arithmetic.
type calMonth struct {
	first, last rules.Date
	ym          YearMonth
}

func calMonthOf(d rules.Date) calMonth {
	y, m, day := d.YMD()
	first := d - rules.Date(day-1)
	return calMonth{first: first, last: first + rules.Date(rules.DaysInMonth(y, m)-1), ym: YearMonth(y*12 + m - 1)}
}

// next is the month after c.
func (c calMonth) next() calMonth {
	ym := c.ym.Next()
	return calMonth{first: c.last + 1, last: c.last + rules.Date(rules.DaysInMonth(ym.Year(), ym.Month())), ym: ym}
}
