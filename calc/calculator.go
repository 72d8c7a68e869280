package calc

import (
	"slices"
	"sync"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// Calculator prices cases under one parameter set. It works out, once for
// each, the rates of every stretch of time in which no stipend parameter
// changes (an epoch), so that pricing a segment is a look-up, not arithmetic:
// a batch of a million cases pays for the rates once. A Calculator is safe
// for concurrent use: an epoch's rates are worked out under its sync.Once
// and never change after.
type Calculator struct {
	p      *rules.Params
	epochs []epoch
	starts []rules.Date // epochs[i].from, searched without copying epochs
	// ready[i] works out epochs[i]'s rates (epoch.prepare) the first time
	// it is used: a one-case command prices one or two of the sixty epochs
	// since 1967 (issue 19).
	ready []sync.Once
	// taxYearCache holds what each income year's tax needs beyond the
	// case, worked out on the first TaxFor (taxcache.go).
	taxYearCache
	// totalsOnly leaves Result.Parameters empty (NewTotalsCalculator).
	totalsOnly bool
}

// NewTotalsCalculator is NewCalculator for callers that print no
// parameter list, such as a batch: its results have no Parameters (nil),
// which spares sorting and copying them for every case (issue 19). Every
// figure is the same; its TaxFor gives each year's tax as
// TaxBreakdown.Totals only.
func NewTotalsCalculator(p *rules.Params) *Calculator {
	k := NewCalculator(p)
	k.totalsOnly = true
	return k
}

// epoch is a stretch in which G, factor, share, divisor and child rate are all constant.
type epoch struct {
	from                  rules.Date
	g, factor, div, child rules.Dated[decimal.Decimal]
	share                 rules.Dated[rules.Ratio]
	bands                 [2]bandRate // full rate, under 25
	gMoney, childMoney    Money
	childØre              int64 // the child rate in øre, when it is whole øre
	childWholeØre         bool
	params                [5]ParamValue // g, factor, day divisor, child supplement, under-25 share
	// childDays[n] is the child rate × n, for n up to MaxChildren.
	childDays [MaxChildren + 1]decimal.Decimal
}

// childDay is the child supplement of n children a day.
func (e *epoch) childDay(n int) decimal.Decimal {
	if n >= 0 && n < len(e.childDays) {
		return e.childDays[n]
	}
	return e.child.Value.Mul(decimal.NewFromInt(int64(n)))
}

// bandRate is the day rate of one age band in an epoch.
type bandRate struct {
	yearlyExact decimal.Decimal // factor × G × share, 12 places
	yearly      Money           // factor × G × share, to the øre
	dayMoney    [2]Money        // the day rate shown: exact (to the øre), nav
	dayExact    decimal.Decimal // unrounded (12 places)
	dayNAV      decimal.Decimal // rounded half up to whole kroner
	dayNAVØre   int64
	dayShown    decimal.Decimal // dayExact to 6 places, for output
}

// newBandRate is the one place the stipend's rates are computed: the yearly
// amount factor × G × share (sotjl. § 35 andre ledd) and the day rate, a
// divisor'th of it (tredje ledd), unrounded and under the nav policy.
func newBandRate(factor, g, div decimal.Decimal, share rules.Ratio) bandRate {
	yearlyNum := factor.Mul(g).Mul(share.Num)
	exact := yearlyNum.DivRound(share.Den.Mul(div), exactPlaces)
	nav := yearlyNum.DivRound(share.Den.Mul(div), 0)
	b := bandRate{yearlyExact: yearlyNum.DivRound(share.Den, exactPlaces), yearly: M(yearlyNum.DivRound(share.Den, 2)),
		dayExact: exact, dayNAV: nav, dayShown: exact.Round(6), dayMoney: [2]Money{M(exact), M(nav)}}
	if nav.Abs().LessThan(decimal.New(1, 12)) {
		b.dayNAVØre = nav.Shift(2).IntPart()
	}
	return b
}

// NewCalculator prepares p for pricing.
func NewCalculator(p *rules.Params) *Calculator {
	k := &Calculator{p: p}
	var points []rules.Date
	for _, it := range p.G.Items {
		points = append(points, it.From)
	}
	for _, it := range p.Factor.Items {
		points = append(points, it.From)
	}
	for _, it := range p.Under25Share.Items {
		points = append(points, it.From)
	}
	for _, it := range p.DayDivisor.Items {
		points = append(points, it.From)
	}
	for _, it := range p.ChildSupplement.Items {
		points = append(points, it.From)
	}
	slices.Sort(points)
	points = slices.Compact(points)
	for _, d := range points {
		g, err1 := p.G.At(d)
		factor, err2 := p.Factor.At(d)
		share, err3 := p.Under25Share.At(d)
		div, err4 := p.DayDivisor.At(d)
		child, err5 := p.ChildSupplement.At(d)
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil || err5 != nil {
			continue // not every parameter is defined yet: no stipend can be priced here
		}
		k.epochs = append(k.epochs, epoch{from: d, g: g, factor: factor, div: div, child: child, share: share})
		k.starts = append(k.starts, d)
	}
	k.ready = make([]sync.Once, len(k.epochs))
	return k
}

// prepare works out the rates and parameter values of e.
func (e *epoch) prepare() {
	g, factor, div, child, share := e.g, e.factor, e.div, e.child, e.share
	e.gMoney, e.childMoney = M(g.Value), M(child.Value)
	one := decimal.NewFromInt(1)
	for i, frac := range [2]rules.Ratio{{Num: one, Den: one}, share.Value} {
		e.bands[i] = newBandRate(factor.Value, g.Value, div.Value, frac)
	}
	for n := range e.childDays {
		e.childDays[n] = child.Value.Mul(decimal.NewFromInt(int64(n)))
	}
	if c := child.Value.Shift(2); c.IsInteger() && c.Abs().LessThan(decimal.New(1, 12)) {
		e.childØre, e.childWholeØre = c.IntPart(), true
	}
	e.params = [5]ParamValue{
		{Key: rules.KeyG, From: g.From, Value: g.Value.String(), Ref: g.Ref, Source: g.Source, Origin: g.Origin},
		{Key: rules.KeyFactor, From: factor.From, Value: factor.Value.String(), Ref: factor.Ref, Source: factor.Source, Origin: factor.Origin},
		{Key: rules.KeyDayDivisor, From: div.From, Value: div.Value.String(), Ref: div.Ref, Source: div.Source, Origin: div.Origin},
		{Key: rules.KeyChildSupplement, From: child.From, Value: child.Value.String(), Ref: child.Ref, Source: child.Source, Origin: child.Origin},
		{Key: rules.KeyUnder25Share, From: share.From, Value: share.Value.String(), Ref: share.Ref, Source: share.Source, Origin: share.Origin},
	}
}

// epochAt returns the epoch in force on d, or an error naming the first
// parameter that is not defined on d.
func (k *Calculator) epochAt(d rules.Date) (*epoch, error) {
	i, found := slices.BinarySearch(k.starts, d)
	if !found {
		i--
	}
	if i >= 0 {
		k.ready[i].Do(k.epochs[i].prepare)
		return &k.epochs[i], nil
	}
	if _, err := k.p.G.At(d); err != nil {
		return nil, err
	}
	if _, err := k.p.Factor.At(d); err != nil {
		return nil, rules.Errorf(errProgrammeBegan, err)
	}
	for _, err := range []error{errAt(k.p.Under25Share.At(d)), errAt(k.p.DayDivisor.At(d)), errAt(k.p.ChildSupplement.At(d))} {
		if err != nil {
			return nil, err
		}
	}
	return nil, rules.Errorf(errNoStipendParams, d)
}

func errAt[T any](_ rules.Dated[T], err error) error { return err }

// appendChangePoints appends the epoch starts in (from, to] to out.
func (k *Calculator) appendChangePoints(out []rules.Date, from, to rules.Date) []rules.Date {
	i, _ := slices.BinarySearch(k.starts, from+1)
	for ; i < len(k.epochs) && k.epochs[i].from <= to; i++ {
		out = append(out, k.epochs[i].from)
	}
	return out
}

// usedParams collects the parameter values a result used, without
// duplicates; the values live in the Calculator's epochs.
type usedParams []*ParamValue

func (u *usedParams) add(v *ParamValue) {
	if u == nil {
		return
	}
	for _, x := range *u {
		if x == v || (x.From == v.From && x.Key == v.Key) {
			return
		}
	}
	*u = append(*u, v)
}

func (u usedParams) sorted() []ParamValue {
	order := func(k string) int { return slices.Index(rules.Keys, k) }
	out := make([]ParamValue, len(u))
	for i, v := range u {
		out[i] = *v
	}
	slices.SortFunc(out, func(a, b ParamValue) int {
		if d := order(a.Key) - order(b.Key); d != 0 {
			return d
		}
		return int(a.From) - int(b.From)
	})
	return out
}
