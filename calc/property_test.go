package calc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// Property tests over generated cases: participants aged 18–66, periods of
// one month to three years starting 2019–2026, 0–4 children, some with paid
// work, other benefits, absence and interruptions, under both rounding
// policies and both age switches. The generator is seeded, so a failure
// names a case that can be run again.

const propCases = 300

// propGen draws cases. noTotal leaves out benefits given as a total, which
// are spread over their own period's paid days and so change when the
// period is cut in two.
type propGen struct {
	rng     *rand.Rand
	noTotal bool
	plain   bool // no reductions or interruptions
}

func newPropGen(seed uint64) *propGen { return &propGen{rng: rand.New(rand.NewPCG(seed, 0x6b7670))} }

// sub returns a random period inside p.
func (g *propGen) sub(p rules.Period) rules.Period {
	a := p.From.AddDays(g.rng.IntN(p.Days()))
	b := a.AddDays(g.rng.IntN(int(p.To-a) + 1))
	return rules.Period{From: a, To: b}
}

func (g *propGen) day(p rules.Period) rules.Date { return p.From.AddDays(g.rng.IntN(p.Days())) }

// amount returns a decimal from 0 to max with up to 2 decimals.
func (g *propGen) amount(max int) decimal.Decimal {
	return decimal.New(int64(g.rng.IntN(max*100+1)), -2)
}

func (g *propGen) period() rules.Period {
	lo, hi := rules.NewDate(2019, 1, 1), rules.NewDate(2026, 12, 31)
	from := lo.AddDays(g.rng.IntN(int(hi-lo) + 1))
	to := from.AddMonths(1 + g.rng.IntN(36)).AddDays(-1 - g.rng.IntN(3))
	return rules.Period{From: from, To: to}
}

func (g *propGen) next() Case {
	p := g.period()
	age := 18 + g.rng.IntN(49) // 18–66 on the first day
	c := Case{
		BirthDate: p.From.AddYears(-age).AddDays(-g.rng.IntN(365)),
		Period:    p,
		Rounding:  Rounding(Roundings[g.rng.IntN(len(Roundings))]),
		AgeSwitch: AgeSwitch(AgeSwitches[g.rng.IntN(len(AgeSwitches))]),
	}
	k := g.rng.IntN(5)
	if g.rng.IntN(2) == 0 {
		c.Children = k
	} else {
		for range k {
			c.ChildBirthDates = append(c.ChildBirthDates, p.From.AddDays(-g.rng.IntN(19*365)))
		}
	}
	if g.plain {
		return c
	}
	if g.rng.IntN(5) == 0 {
		c.Interruptions = append(c.Interruptions, g.sub(p))
	}
	if g.rng.IntN(3) == 0 {
		hours := []decimal.Decimal{decimal.Zero, decimal.NewFromFloat(7.5), decimal.NewFromInt(15), decimal.NewFromFloat(18.75),
			decimal.NewFromFloat(37.5), decimal.NewFromInt(40), g.amount(50)}
		w := g.sub(p)
		c.Work = append(c.Work, WorkHours{Period: w, Hours: hours[g.rng.IntN(len(hours))]})
		if w.To < p.To && g.rng.IntN(2) == 0 {
			rest := rules.Period{From: w.To.AddDays(1), To: p.To}
			c.Work = append(c.Work, WorkHours{Period: g.sub(rest), Hours: g.amount(40)})
		}
	}
	if g.rng.IntN(3) == 0 {
		b := OtherBenefit{Kind: DeductedBenefits[g.rng.IntN(len(DeductedBenefits))], Period: g.sub(p)}
		if !g.noTotal && g.rng.IntN(2) == 0 {
			t := g.amount(20000)
			b.Total = &t
		} else {
			b.PerDay = g.amount(1500)
		}
		c.Benefits = append(c.Benefits, b)
	}
	if g.rng.IntN(3) == 0 {
		for range 1 + g.rng.IntN(3) {
			a := Absence{Date: g.day(p)}
			if g.rng.IntN(2) == 0 {
				h := decimal.New(int64(g.rng.IntN(16)), -1).Mul(decimal.NewFromInt(5)) // 0–7.5 by 0.5
				a.Hours = &h
			}
			c.Absence = append(c.Absence, a)
		}
	}
	if g.rng.IntN(5) == 0 {
		c.AbsenceDays = append(c.AbsenceDays, AbsenceDays{Month: g.day(p), Days: g.rng.IntN(6)})
	}
	c.BenefitScope = []BenefitScope{"", BenefitScopeStipend, BenefitScopeAll}[g.rng.IntN(3)]
	return c
}

func propParams(t *testing.T) *rules.Params {
	t.Helper()
	p, err := rules.DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func propRun(t *testing.T, p *rules.Params, i int, c Case) *Result {
	t.Helper()
	r, err := Stipend(p, c)
	if err != nil {
		t.Fatalf("case %d (%s): %v", i, propDescribe(c), err)
	}
	return r
}

func propDescribe(c Case) string {
	return fmt.Sprintf("born %s, %s, %s/%s, %d children %v, work %v, benefits %d, absence %d+%d, interruptions %v, scope %q",
		c.BirthDate, c.Period, c.Rounding, c.AgeSwitch, c.Children, c.ChildBirthDates, c.Work, len(c.Benefits),
		len(c.Absence), len(c.AbsenceDays), c.Interruptions, c.BenefitScope)
}

// propLines returns the money lines of a, gross first, then the reductions.
func propLines(a Amounts) []Money {
	return []Money{a.Stipend, a.ChildSupplement, a.Interruption, a.Absence, a.Work, a.OtherBenefits}
}

// propCheckAmounts: gross lines and the net are never negative, reductions
// never positive, and the net is the sum of the lines.
func propCheckAmounts(what string, a Amounts) error {
	if a.Stipend < 0 || a.ChildSupplement < 0 || a.Net < 0 {
		return fmt.Errorf("%s: a gross line or the net is negative: %+v", what, a)
	}
	if a.Interruption > 0 || a.Absence > 0 || a.Work > 0 || a.OtherBenefits > 0 {
		return fmt.Errorf("%s: a reduction is positive: %+v", what, a)
	}
	var sum Money
	for _, m := range propLines(a) {
		sum += m
	}
	if sum != a.Net {
		return fmt.Errorf("%s: the lines add up to %s, net %s", what, sum, a.Net)
	}
	return nil
}

// TestPropertyAddsUpAndNeverNegative: segments, months and years (earned
// and paid) each add up to the total to the øre, and no amount is negative
// except the reductions.
func TestPropertyAddsUpAndNeverNegative(t *testing.T) {
	p := propParams(t)
	g := newPropGen(1)
	for i := range propCases {
		c := g.next()
		r := propRun(t, p, i, c)
		var segs, months, earned, paid Amounts
		days := 0
		for _, s := range r.Segments {
			segs.add(s.Amounts)
			days += s.PaidDays
			if err := propCheckAmounts("segment "+s.From.String(), s.Amounts); err != nil {
				t.Fatalf("case %d (%s): %v", i, propDescribe(c), err)
			}
		}
		for _, m := range r.Months {
			months.add(m.Amounts)
			if err := propCheckAmounts(fmt.Sprint("month ", m.Month), m.Amounts); err != nil {
				t.Fatalf("case %d (%s): %v", i, propDescribe(c), err)
			}
		}
		for _, y := range r.Years {
			earned.add(y.Earned)
			paid.add(y.Paid)
			for what, a := range map[string]Amounts{"earned": y.Earned, "paid": y.Paid} {
				if err := propCheckAmounts(fmt.Sprintf("%d %s", y.Year, what), a); err != nil {
					t.Fatalf("case %d (%s): %v", i, propDescribe(c), err)
				}
			}
		}
		if err := propCheckAmounts("total", r.Total); err != nil {
			t.Fatalf("case %d (%s): %v", i, propDescribe(c), err)
		}
		for what, a := range map[string]Amounts{"segments": segs, "months": months, "earned years": earned, "paid years": paid} {
			if a != r.Total {
				t.Fatalf("case %d (%s): %s add up to %+v, total %+v", i, propDescribe(c), what, a, r.Total)
			}
		}
		if days != r.PaidDays {
			t.Fatalf("case %d: segment paid days %d, total %d", i, days, r.PaidDays)
		}
		if want := rules.Weekdays(c.Period.From, c.Period.To); r.PaidDays != want {
			t.Fatalf("case %d: %d paid days, the period has %d weekdays", i, r.PaidDays, want)
		}
	}
}

// TestPropertySameInputSameResult: the same case gives byte-identical JSON,
// from the same calculator and from a fresh one.
func TestPropertySameInputSameResult(t *testing.T) {
	p := propParams(t)
	k := NewCalculator(p)
	g := newPropGen(2)
	for i := range propCases {
		c := g.next()
		r1, err1 := k.Stipend(c)
		r2, err2 := Stipend(propParams(t), c)
		if err1 != nil || err2 != nil {
			t.Fatalf("case %d (%s): %v, %v", i, propDescribe(c), err1, err2)
		}
		j1, err1 := json.Marshal(r1)
		j2, err2 := json.Marshal(r2)
		if err1 != nil || err2 != nil {
			t.Fatalf("case %d: %v, %v", i, err1, err2)
		}
		if !bytes.Equal(j1, j2) {
			t.Fatalf("case %d (%s): two runs differ:\n%s\n%s", i, propDescribe(c), j1, j2)
		}
	}
}

// TestPropertyRisesWithG: raising G (every G in force during the period,
// starting with the one in force on its first day, which is set before it)
// raises the gross stipend, in total and in every month, and never lowers
// the total net. A month's net may fall by a rounding øre per line: under
// exact rounding each line of a month is rounded on its own, so a month
// whose reductions take everything can show a net of 0.01 that a higher G
// turns into 0.00.
func TestPropertyRisesWithG(t *testing.T) {
	p := propParams(t)
	g := newPropGen(3)
	for i := range propCases {
		c := g.next()
		delta := decimal.NewFromInt(int64(1000 + g.rng.IntN(20000)))
		q := p.Clone()
		for _, it := range p.G.Items {
			if it.From > c.Period.To {
				break
			}
			if next, err := p.G.At(c.Period.From); err == nil && it.From < next.From {
				continue // no longer in force when the period starts
			}
			if err := q.Set(rules.KeyG, it.From, it.Value.Add(delta).String(), "", "property test", rules.OriginFlag); err != nil {
				t.Fatal(err)
			}
		}
		if first, _ := q.G.At(c.Period.From); !(first.From <= c.Period.From) {
			t.Fatalf("case %d: the raised G is not set before the period", i)
		}
		base, raised := propRun(t, p, i, c), propRun(t, q, i, c)
		if base.PaidDays > 0 && raised.Total.Stipend <= base.Total.Stipend {
			t.Fatalf("case %d (%s): G + %s: stipend %s, was %s", i, propDescribe(c), delta, raised.Total.Stipend, base.Total.Stipend)
		}
		if raised.Total.Net < base.Total.Net {
			t.Fatalf("case %d (%s): G + %s: net %s, was %s", i, propDescribe(c), delta, raised.Total.Net, base.Total.Net)
		}
		if len(raised.Months) != len(base.Months) {
			t.Fatalf("case %d: %d months, was %d", i, len(raised.Months), len(base.Months))
		}
		for m := range base.Months {
			b, r := base.Months[m], raised.Months[m]
			if r.Stipend < b.Stipend || r.Net < b.Net-Money(len(propLines(b.Amounts))) {
				t.Fatalf("case %d (%s): G + %s: %s stipend %s net %s, was %s and %s", i, propDescribe(c), delta, fmt.Sprint(b.Month), r.Stipend, r.Net, b.Stipend, b.Net)
			}
		}
	}
}

// TestPropertyUnder25IsTwoThirds: the same period priced for a participant
// under 25 throughout and for one over 25 throughout: each segment's
// unrounded day rate is the under-25 share (2/3) of the full one, and the
// stipend totals agree to the rounding: under exact at most 1 øre a month
// (each monthly payment is rounded, ½ øre, and 2/3 of ½ øre), under nav
// at most 0.84 kroner a paid day (the day rate is rounded to whole kroner
// before and after taking 2/3: ½ + ⅓ krone).
func TestPropertyUnder25IsTwoThirds(t *testing.T) {
	p := propParams(t)
	g := newPropGen(4)
	g.plain = true
	for i := range propCases {
		c := g.next()
		young, old := c, c
		young.BirthDate = c.Period.To.AddYears(-UnderAge).AddDays(1 + g.rng.IntN(5*365)) // 25 after the period
		old.BirthDate = c.Period.From.AddYears(-UnderAge - 1 - g.rng.IntN(40))           // 26 or more at the start
		ry, ro := propRun(t, p, i, young), propRun(t, p, i, old)
		if len(ry.Segments) != len(ro.Segments) {
			t.Fatalf("case %d: %d and %d segments", i, len(ry.Segments), len(ro.Segments))
		}
		var share rules.Ratio
		for s := range ry.Segments {
			ys, os := ry.Segments[s], ro.Segments[s]
			if !ys.Under25 || os.Under25 {
				t.Fatalf("case %d: segment %s under 25: %v and %v", i, ys.From, ys.Under25, os.Under25)
			}
			share = ys.Share
			if !share.Num.Mul(decimal.NewFromInt(3)).Equal(share.Den.Mul(decimal.NewFromInt(2))) {
				t.Fatalf("case %d: the under-25 share on %s is %s, not 2/3", i, ys.From, share)
			}
			want := os.DayRateFull.Mul(share.Num).DivRound(share.Den, 6)
			if d := ys.DayRateFull.Sub(want).Abs(); d.GreaterThan(decimal.New(1, -6)) {
				t.Fatalf("case %d: %s: under-25 day rate %s, 2/3 of %s is %s", i, ys.From, ys.DayRateFull, os.DayRateFull, want)
			}
		}
		want := ro.Total.Stipend.Decimal().Mul(share.Num).Div(share.Den)
		diff := ry.Total.Stipend.Decimal().Sub(want).Abs()
		bound := decimal.New(int64(len(ry.Months)), -2)
		if c.Rounding == RoundingNAV {
			bound = decimal.New(84, -2).Mul(decimal.NewFromInt(int64(ry.PaidDays)))
		}
		if diff.GreaterThan(bound) {
			t.Fatalf("case %d (%s): under 25 %s, 2/3 of %s is %s: off by %s, more than %s",
				i, propDescribe(c), ry.Total.Stipend, ro.Total.Stipend, want.StringFixed(4), diff, bound)
		}
	}
}

// propSplit cuts c at the date at: the first part ends the day before. Work
// and benefits are cut with it, absences go to the part they fall in, and
// absence given as days in a month goes to the part holding the month (the
// caller keeps it out of a month that is cut).
func propSplit(c Case, at rules.Date) (Case, Case) {
	parts := [2]Case{c, c}
	parts[0].Period.To, parts[1].Period.From = at-1, at
	for k := range parts {
		pp := &parts[k]
		pp.Work, pp.Benefits, pp.Absence, pp.AbsenceDays = nil, nil, nil, nil
		for _, w := range c.Work {
			if r, ok := w.Period.Intersect(pp.Period); ok {
				pp.Work = append(pp.Work, WorkHours{Period: r, Hours: w.Hours})
			}
		}
		for _, b := range c.Benefits {
			if r, ok := b.Period.Intersect(pp.Period); ok {
				b.Period = r
				pp.Benefits = append(pp.Benefits, b)
			}
		}
		for _, a := range c.Absence {
			if pp.Period.Contains(a.Date) {
				pp.Absence = append(pp.Absence, a)
			}
		}
		for _, a := range c.AbsenceDays {
			if (rules.Period{From: a.Month.FirstOfMonth(), To: a.Month.LastOfMonth()}).Overlaps(pp.Period) {
				pp.AbsenceDays = append(pp.AbsenceDays, a)
			}
		}
	}
	return parts[0], parts[1]
}

// TestPropertySplitAtMonthEnd: a period cut at a month boundary into two
// adjacent periods is paid the same, line by line, to the øre: every
// monthly payment is the same. It holds under exact rounding, and under nav
// too, where every day rate is whole kroner and each piece is rounded.
func TestPropertySplitAtMonthEnd(t *testing.T) {
	p := propParams(t)
	g := newPropGen(5)
	g.noTotal = true
	tested := 0
	for i := 0; tested < propCases; i++ {
		c := g.next()
		first := c.Period.From.LastOfMonth().AddDays(1)
		if first > c.Period.To {
			continue // a single month: nothing to cut
		}
		months := 0
		for d := first; d <= c.Period.To; d = d.AddMonths(1) {
			months++
		}
		at := first.AddMonths(g.rng.IntN(months))
		a, b := propSplit(c, at)
		whole, ra, rb := propRun(t, p, i, c), propRun(t, p, i, a), propRun(t, p, i, b)
		var sum Amounts
		sum.add(ra.Total)
		sum.add(rb.Total)
		if sum != whole.Total || ra.PaidDays+rb.PaidDays != whole.PaidDays {
			t.Fatalf("case %d (%s) cut at %s: parts %+v + %+v = %+v, whole %+v", i, propDescribe(c), at, ra.Total, rb.Total, sum, whole.Total)
		}
		tested++
	}
}

// TestPropertySplitMidMonth: cut inside a month, the two parts may differ
// from the whole by at most 1 øre per line and cut month under exact
// rounding, since the cut month is then paid as two payments, each rounded
// to the øre (½ øre each way); the net, a sum of lines, by at most that
// times the number of lines. Under nav only reductions have øre, and a
// piece of a month is rounded on its own, so the same bound holds.
func TestPropertySplitMidMonth(t *testing.T) {
	p := propParams(t)
	g := newPropGen(6)
	g.noTotal = true
	tested := 0
	for i := 0; tested < propCases; i++ {
		c := g.next()
		at := c.Period.From.AddDays(1 + g.rng.IntN(max(1, c.Period.Days()-1)))
		if at > c.Period.To || at.FirstOfMonth() == at {
			continue
		}
		// Absence counted in days of the cut month cannot be cut (it is
		// placed on the month's first working days in each part).
		kept := c.AbsenceDays[:0:0]
		for _, d := range c.AbsenceDays {
			if d.Month.FirstOfMonth() != at.FirstOfMonth() {
				kept = append(kept, d)
			}
		}
		c.AbsenceDays = kept
		a, b := propSplit(c, at)
		whole, ra, rb := propRun(t, p, i, c), propRun(t, p, i, a), propRun(t, p, i, b)
		var sum Amounts
		sum.add(ra.Total)
		sum.add(rb.Total)
		const cutMonths = 1
		wl, sl := propLines(whole.Total), propLines(sum)
		for l := range wl {
			if d := wl[l] - sl[l]; d > cutMonths || d < -cutMonths {
				t.Fatalf("case %d (%s) cut at %s: line %d is %s in parts, %s whole", i, propDescribe(c), at, l, sl[l], wl[l])
			}
		}
		if d := whole.Total.Net - sum.Net; d > cutMonths*Money(len(wl)) || d < -cutMonths*Money(len(wl)) {
			t.Fatalf("case %d (%s) cut at %s: net %s in parts, %s whole", i, propDescribe(c), at, sum.Net, whole.Total.Net)
		}
		if ra.PaidDays+rb.PaidDays != whole.PaidDays {
			t.Fatalf("case %d: paid days %d + %d, whole %d", i, ra.PaidDays, rb.PaidDays, whole.PaidDays)
		}
		tested++
	}
}

// TestPropertyPieceNetFollowsTheExactNet: every priced piece pays nothing
// when its exact lines add up to zero or less (the reductions take
// everything), never pays a negative net, and otherwise pays within an øre
// per line of the exact net. pricePiece relies on the last bound to skip
// the exact sum when the rounded net is above lineCount øre.
func TestPropertyPieceNetFollowsTheExactNet(t *testing.T) {
	p := propParams(t)
	g := newPropGen(7)
	pieces, takenAll := 0, 0
	for i := range propCases * 2 {
		c := g.next()
		r := propRun(t, p, i, c)
		absent, _ := c.absentDays()
		for si := range r.Segments {
			seg := &r.Segments[si]
			var run [lineCount + 1]runningSum
			for start := seg.From; start <= seg.To; {
				end := min(seg.To, start.LastOfMonth())
				days, here := rules.Weekdays(start, end), absentIn(absent, start, end)
				a := c.pricePiece(seg, days, here, &run)
				exact := exactSum(c.piece(seg, days, here))
				pieces++
				switch {
				case a.Net < 0:
					t.Fatalf("case %d (%s), piece %s..%s: net %s is negative", i, propDescribe(c), start, end, a.Net)
				case !exact.IsPositive():
					takenAll++
					if a.Net != 0 {
						t.Fatalf("case %d (%s), piece %s..%s: exact net %s, paid %s", i, propDescribe(c), start, end, exact, a.Net)
					}
				case max(a.Net-M(exact), M(exact)-a.Net) > lineCount:
					t.Fatalf("case %d (%s), piece %s..%s: paid %s, exact net %s", i, propDescribe(c), start, end, a.Net, exact)
				}
				start = end + 1
			}
		}
	}
	if takenAll == 0 {
		t.Fatalf("none of %d pieces had its whole amount taken by reductions: the generator no longer reaches the case", pieces)
	}
	t.Logf("%d pieces, %d with everything taken", pieces, takenAll)
}
