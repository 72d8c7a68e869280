package calc

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// taxYearInfo is what taxInto needs of one income year that does not
// depend on the case: its tax parameters or the note that it has none, and
// its average G or the note that the pension earning is not computed. A
// Calculator works each out once (taxYearOf) and shares it, read-only, by
// every case; TaxFor works it out for each call. The notes' English texts
// are rendered with them, so that a batch does not render them per case
// (issue 19).
type taxYearInfo struct {
	params rules.TaxYear
	// missing is the note of a year with no tax parameters; nil when it has them.
	missing     *rules.Message
	missingText string
	warning     rules.Warning // missing as a warning
	averageG    decimal.Decimal
	averageGErr error
	// pension is the note that the pension earning is not computed (no average G).
	pension     *rules.Message
	pensionText string
}

// newTaxYearInfo works out year's taxYearInfo under p. An error is one that
// is not a missing year's (it ends the tax section).
func newTaxYearInfo(p *rules.Params, year int) (*taxYearInfo, error) {
	info := &taxYearInfo{}
	params, err := p.Tax.Year(year)
	if err != nil {
		var missing *rules.MissingTaxYearError
		if !errors.As(err, &missing) {
			return nil, err
		}
		info.missing = errNote(missing)
		info.missingText = info.missing.String()
		info.warning = rules.Warn(*info.missing, "")
		return info, nil
	}
	info.params = params
	info.averageG, info.averageGErr = p.AverageG(year)
	if info.averageGErr != nil {
		m := NotePensionNotComputed.M(*errNote(info.averageGErr))
		info.pension, info.pensionText = &m, m.String()
	}
	return info, nil
}

// maxTaxYearsKept bounds the years without tax parameters a Calculator
// keeps (a caseload's years are few; a hostile one cannot grow the cache).
const maxTaxYearsKept = 512

// TaxFor is TaxFor under the Calculator's parameters. What an income year
// needs beyond the case (its parameters, the average G: twelve look-ups
// and a division, the notes of a missing year) is worked out once per year,
// not once per case and year: a batch with --tax spent a twelfth of its
// time on the average G alone (issue 19). Under a totals Calculator
// (NewTotalsCalculator) each breakdown has only its Totals, in øre, and its
// decimal figures are left zero: a batch prints no other.
func (k *Calculator) TaxFor(res *Result, o TaxOptions) (*TaxSection, error) {
	t := &TaxSection{}
	if err := k.TaxInto(res, o, t); err != nil {
		return nil, err
	}
	return t, nil
}

// TaxInto is TaxFor into t, whose slices it uses again (a batch keeps one
// per worker): nothing of t's earlier content survives, and t's breakdowns
// are overwritten by the next call.
func (k *Calculator) TaxInto(res *Result, o TaxOptions, t *TaxSection) error {
	return taxInto(res, k.p, o, k.taxYearOf, k.totalsOnly, t)
}

func (k *Calculator) taxYearOf(year int) (*taxYearInfo, error) {
	k.taxYearsOnce.Do(func() {
		k.taxYears = map[int]*taxYearInfo{}
		for _, y := range k.p.Tax.Years() {
			if info, err := newTaxYearInfo(k.p, y); err == nil {
				k.taxYears[y] = info
			}
		}
	})
	if info, ok := k.taxYears[year]; ok {
		return info, nil
	}
	if v, ok := k.taxYearsMissing.Load(year); ok {
		return v.(*taxYearInfo), nil
	}
	info, err := newTaxYearInfo(k.p, year)
	if err == nil && k.taxYearsKept.Add(1) <= maxTaxYearsKept {
		k.taxYearsMissing.Store(year, info)
	}
	return info, err
}

// averageGOf is the year's average G as the Calculator keeps it.
func (k *Calculator) averageGOf(year int) (decimal.Decimal, error) {
	info, err := k.taxYearOf(year)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if info.missing != nil {
		return k.p.AverageG(year)
	}
	return info.averageG, info.averageGErr
}

// taxYearCache is the Calculator's part of taxYearOf.
type taxYearCache struct {
	taxYears     map[int]*taxYearInfo // the years with tax parameters, filled once
	taxYearsOnce sync.Once
	// taxYearsMissing are the years without, as cases ask for them (at most maxTaxYearsKept).
	taxYearsMissing sync.Map
	taxYearsKept    atomic.Int32
}
