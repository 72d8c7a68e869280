package rules

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

//go:embed data/grunnbelop.csv
var grunnbelopCSV []byte

//go:embed data/parameters.csv
var parametersCSV []byte

// Legal references of the stipend parameters.
const (
	RefG               = "ftrl. § 1-4"
	RefStipend         = "sotjl. § 35 andre ledd"  // the factor and the under-25 share
	RefDayDivisor      = "sotjl. § 35 tredje ledd" // 260 stipend days a year
	RefChildSupplement = "sotjl. § 35 fjerde ledd, KVP-forskriften § 3"
	SourceG            = "NAV, grunnbeløpet (g.nav.no)"
)

// Parameter keys, as used in config files and --set expressions.
const (
	KeyG               = "g"
	KeyFactor          = "factor"
	KeyUnder25Share    = "under25_share"
	KeyDayDivisor      = "day_divisor"
	KeyChildSupplement = "child_supplement"
)

// Keys lists the dated parameter keys in display order.
var Keys = []string{KeyG, KeyFactor, KeyUnder25Share, KeyDayDivisor, KeyChildSupplement}

// Params are the dated parameters the stipend rules need. A Params value is
// read-only once validated; use Clone before changing it.
type Params struct {
	G               Series[decimal.Decimal] // grunnbeløpet, kroner a year
	Factor          Series[decimal.Decimal] // yearly stipend in G
	Under25Share    Series[Ratio]           // share of the full stipend paid under 25
	DayDivisor      Series[decimal.Decimal] // stipend days a year
	ChildSupplement Series[decimal.Decimal] // barnetillegg, kroner per child per day
	Tax             TaxTable                // income-year tax parameters

	// AsOf, when set, is the day these parameters are as known on
	// (KnownOn), and NotKnown the values left out because they were not
	// known yet.
	AsOf     *Date
	NotKnown []NotKnown

	// TaxOverrides are, per income year, the sources of the tax values an
	// override replaced (TaxSource). Not part of the values: not hashed.
	TaxOverrides map[int]TaxOverride
}

// TaxOverride is where an income year's replaced tax values came from:
// Keys the source of each replaced key ("--set personal_allowance@2026=…"),
// Base the year's source before the first override.
type TaxOverride struct {
	Base string
	Keys map[string]string
}

// NoteTaxOverride records that source replaced keys of income year y,
// whose parameters were before (TaxYear.With joins the sources into one).
func (p *Params) NoteTaxOverride(y int, before TaxYear, keys []string, source string) {
	if p.TaxOverrides == nil {
		p.TaxOverrides = map[int]TaxOverride{}
	}
	o, ok := p.TaxOverrides[y]
	if !ok {
		o = TaxOverride{Base: before.Source, Keys: map[string]string{}}
	}
	for _, k := range keys {
		o.Keys[k] = source
	}
	p.TaxOverrides[y] = o
}

// TaxSource is the source of key's value in income year y: the override
// that set it, else the year's own source.
func (p *Params) TaxSource(y int, key string) string {
	o, ok := p.TaxOverrides[y]
	if !ok {
		return p.Tax[y].Source
	}
	if s, ok := o.Keys[key]; ok {
		return s
	}
	return o.Base
}

// RefKnownFrom is the CONVENTION by which a value counts as known, and
// SourceKnownFrom the convention in words (a step's rule source).
const (
	RefKnownFrom    = "kvp-rules.md § 7.2 (CONVENTION known from)"
	SourceKnownFrom = "CONVENTION (known from, kvp-rules.md § 7.2): a value counts as known from its known_from date; G from the day NAV began to pay it (grunnbelop.csv minimum_income_effective_from, from 2013), else from the day it takes effect"
)

// NotKnown is a dated value that was not known on the day the parameters
// are as known on: it takes effect From but was known only from KnownFrom.
type NotKnown struct {
	Key       string `json:"key"`
	From      Date   `json:"from"`
	Value     string `json:"value"`
	KnownFrom Date   `json:"known_from"`
}

// KnownOn returns the parameters as known on d: every value known only
// after d (Dated.Known) is left out, so that the last value known goes on
// in force (carried forward), and listed in NotKnown. G is known from the
// day NAV began to apply it (grunnbelop.csv's minimum_income_effective_from,
// from 2013), every other value from the day it takes effect, unless a
// config file says otherwise (known_from). Tax tables are not dated by
// knowledge and are kept.
func (p *Params) KnownOn(d Date) *Params {
	q := p.Clone()
	q.AsOf = &d
	q.NotKnown = nil
	knownOn(&q.G, d, &q.NotKnown)
	knownOn(&q.Factor, d, &q.NotKnown)
	knownOn(&q.Under25Share, d, &q.NotKnown)
	knownOn(&q.DayDivisor, d, &q.NotKnown)
	knownOn(&q.ChildSupplement, d, &q.NotKnown)
	return q
}

func knownOn[T any](s *Series[T], d Date, out *[]NotKnown) {
	kept := s.Items[:0]
	for _, it := range s.Items {
		if it.Known() <= d {
			kept = append(kept, it)
			continue
		}
		*out = append(*out, NotKnown{Key: s.Name, From: it.From, Value: fmt.Sprint(it.Value), KnownFrom: it.Known()})
	}
	s.Items = kept
}

// SetKnownFrom says from when the value of key taking effect on from was
// known (a config file's known_from).
func (p *Params) SetKnownFrom(key string, from, known Date) error {
	set := func(ok bool) error {
		if !ok {
			return Errorf(ErrNoValueOn, key, from)
		}
		return nil
	}
	switch key {
	case KeyUnder25Share:
		return set(setKnown(&p.Under25Share, from, known))
	case KeyG, KeyFactor, KeyDayDivisor, KeyChildSupplement:
		return set(setKnown(p.decimalSeries(key), from, known))
	}
	return Errorf(ErrUnknownParameter, Quote(key), strings.Join(Keys, ", "))
}

// ErrNoValueOn: no value of the parameter takes effect on the date.
var ErrNoValueOn = NewCode("err.params.no_value_on", "key", "from")

func setKnown[T any](s *Series[T], from, known Date) bool {
	for i := range s.Items {
		if s.Items[i].From == from {
			s.Items[i].KnownFrom = known
			return true
		}
	}
	return false
}

// Ratio is an exact fraction such as 2/3, so that the under-25 share is not
// rounded before it is applied.
type Ratio struct{ Num, Den decimal.Decimal }

// ParseRatio reads "2/3" or a decimal such as "0.7".
func ParseRatio(s string) (Ratio, error) {
	num, den, isFrac := strings.Cut(strings.TrimSpace(s), "/")
	n, err := decimal.NewFromString(strings.TrimSpace(num))
	if err != nil {
		return Ratio{}, Errorf(ErrNotARatio, Quote(s))
	}
	d := decimal.NewFromInt(1)
	if isFrac {
		if d, err = decimal.NewFromString(strings.TrimSpace(den)); err != nil || !d.IsPositive() {
			return Ratio{}, Errorf(ErrBadDenominator, Quote(s))
		}
	}
	return Ratio{Num: n, Den: d}, nil
}

// Decimal returns the ratio rounded to places decimals.
func (r Ratio) Decimal(places int32) decimal.Decimal { return r.Num.DivRound(r.Den, places) }

func (r Ratio) String() string {
	if r.Den.Equal(decimal.NewFromInt(1)) {
		return r.Num.String()
	}
	return r.Num.String() + "/" + r.Den.String()
}

// MarshalText writes the ratio as "2/3".
func (r Ratio) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

var defaultParams = sync.OnceValues(func() (*Params, error) {
	p := &Params{}
	if err := p.loadG("data/grunnbelop.csv", grunnbelopCSV); err != nil {
		return nil, err
	}
	if err := p.loadParameters("data/parameters.csv", parametersCSV); err != nil {
		return nil, err
	}
	tax, err := DefaultTaxTable()
	if err != nil {
		return nil, err
	}
	p.Tax = tax
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
})

// DefaultParams returns a fresh copy of the embedded defaults. The embedded
// files are parsed once per process.
func DefaultParams() (*Params, error) {
	p, err := defaultParams()
	if err != nil {
		return nil, err
	}
	return p.Clone(), nil
}

// Clone returns a deep copy that can be changed freely.
func (p *Params) Clone() *Params {
	q := &Params{
		G:               p.G.Clone(),
		Factor:          p.Factor.Clone(),
		Under25Share:    p.Under25Share.Clone(),
		DayDivisor:      p.DayDivisor.Clone(),
		ChildSupplement: p.ChildSupplement.Clone(),
		Tax:             p.Tax.Clone(),
		AsOf:            p.AsOf,
		NotKnown:        slices.Clone(p.NotKnown),
	}
	for y, o := range p.TaxOverrides {
		if q.TaxOverrides == nil {
			q.TaxOverrides = make(map[int]TaxOverride, len(p.TaxOverrides))
		}
		q.TaxOverrides[y] = TaxOverride{Base: o.Base, Keys: maps.Clone(o.Keys)}
	}
	return q
}

// Bound is the range a dated parameter may take: Min (exclusive when
// MinExclusive) to Max, in Unit.
type Bound struct {
	Min, Max     decimal.Decimal
	MinExclusive bool
	Unit         Code
}

func (b Bound) String() string { return b.Msg().String() }

// Text is b in lang.
func (b Bound) Text(lang string) string { return b.Msg().Text(lang) }

// Msg is b as a message: "1 to 366 (stipend days a year)".
func (b Bound) Msg() Message {
	if b.MinExclusive {
		return codeBoundExclusive.M(b.Min, b.Max, b.Unit.M())
	}
	return codeBound.M(b.Min, b.Max, b.Unit.M())
}

// The words of a bound and its units.
var (
	codeBound          = NewCode("err.bound.range", "min", "max", "unit")
	codeBoundExclusive = NewCode("err.bound.range_exclusive", "min", "max", "unit")
	unitKronerYear     = NewCode("err.bound.unit.kroner_year")
	unitGYear          = NewCode("err.bound.unit.g_year")
	unitDaysYear       = NewCode("err.bound.unit.stipend_days_year")
	unitKronerChildDay = NewCode("err.bound.unit.kroner_child_day")
)

// Bounds are the ranges of the decimal parameters, far beyond any value the
// law has had (G 136 549 kroner in 2026, factor 2.041, 260 days, 38 kroner a
// child a day). They keep every amount kvp computes exact: the highest day
// rate, 10 000 000 × 10 / 1 = 100 000 000 kroner, with 30 children at
// 10 000 kroner, over the longest period (60 years, 21 915 days) is
// 2.2 × 10^14 øre, far below the 9.2 × 10^18 øre an int64 holds. The
// under-25 share is 0 to 1; tax amounts are bounded by MaxTaxAmount.
var Bounds = map[string]Bound{
	KeyG:               {Min: decimal.NewFromInt(1), Max: decimal.NewFromInt(10_000_000), Unit: unitKronerYear},
	KeyFactor:          {Min: decimal.Zero, Max: decimal.NewFromInt(10), MinExclusive: true, Unit: unitGYear},
	KeyDayDivisor:      {Min: decimal.NewFromInt(1), Max: decimal.NewFromInt(366), Unit: unitDaysYear},
	KeyChildSupplement: {Min: decimal.Zero, Max: decimal.NewFromInt(10_000), Unit: unitKronerChildDay},
}

// inBound checks v against key's bound. A value of the wrong sign is left
// to positiveValue and nonNegativeValue, whose messages say so.
func inBound(key string, v decimal.Decimal) error {
	b := Bounds[key]
	if v.Sign() <= 0 && (key != KeyChildSupplement || v.IsNegative()) {
		return nil
	}
	if v.GreaterThan(b.Max) || v.LessThan(b.Min) || (b.MinExclusive && v.Equal(b.Min)) {
		return Errorf(ErrOutOfRange, v.String(), key, b)
	}
	return nil
}

// bounded returns a Validate check: check, then key's bound.
func bounded(key string, check func(decimal.Decimal) error) func(decimal.Decimal) error {
	return func(v decimal.Decimal) error {
		if err := check(v); err != nil {
			return err
		}
		return inBound(key, v)
	}
}

// Validate checks every series: sorted unique dates, positive values (the
// child supplement and the under-25 share may be zero, a policy choice) and
// values within Bounds.
func (p *Params) Validate() error {
	var taxErrs []error
	for _, y := range p.Tax.Years() {
		taxErrs = append(taxErrs, p.Tax[y].Validate())
	}
	return errors.Join(
		errors.Join(taxErrs...),
		p.G.Validate(bounded(KeyG, positiveValue)),
		p.Factor.Validate(bounded(KeyFactor, positiveValue)),
		p.Under25Share.Validate(shareValue),
		p.DayDivisor.Validate(bounded(KeyDayDivisor, positiveValue)),
		p.ChildSupplement.Validate(bounded(KeyChildSupplement, nonNegativeValue)),
	)
}

// CheckValue checks one value of the parameter key as Validate would, so
// that a config file can name the line of a bad value.
func (p *Params) CheckValue(key string, from Date) error {
	switch key {
	case KeyUnder25Share:
		if v, err := p.Under25Share.At(from); err == nil {
			return shareValue(v.Value)
		}
	case KeyChildSupplement:
		if v, err := p.ChildSupplement.At(from); err == nil {
			return bounded(key, nonNegativeValue)(v.Value)
		}
	case KeyG, KeyFactor, KeyDayDivisor:
		if v, err := p.decimalSeries(key).At(from); err == nil {
			return bounded(key, positiveValue)(v.Value)
		}
	}
	return nil
}

func positiveValue(v decimal.Decimal) error {
	if !v.IsPositive() {
		return Errorf(ErrValueNotPositive, v.String())
	}
	return nil
}

func nonNegativeValue(v decimal.Decimal) error {
	if v.IsNegative() {
		return Errorf(ErrValueNegative, v.String())
	}
	return nil
}

func shareValue(r Ratio) error {
	if r.Num.IsNegative() || r.Num.GreaterThan(r.Den) {
		return Errorf(ErrShareRange, r.String())
	}
	return nil
}

// ChangePoints returns every date in (from, to] on which any stipend
// parameter changes, sorted and unique.
func (p *Params) ChangePoints(from, to Date) []Date {
	var out []Date
	out = append(out, p.G.ChangesIn(from, to)...)
	out = append(out, p.Factor.ChangesIn(from, to)...)
	out = append(out, p.Under25Share.ChangesIn(from, to)...)
	out = append(out, p.DayDivisor.ChangesIn(from, to)...)
	out = append(out, p.ChildSupplement.ChangesIn(from, to)...)
	return out
}

// ErrAverageGUnknown: the year's G is not set yet; set is the --set key
// that sets it (g@2027-05-01).
// ErrAverageGMonth: a month of the year has no G (reason, At's error).
var (
	ErrAverageGUnknown = NewCode("err.average_g_unknown", "year", "set")
	ErrAverageGMonth   = NewCode("err.average_g_month", "year", "reason")
)

// AverageG returns the average G of a calendar year: the G in force on the
// first of each month, summed, divided by 12 and rounded half up to whole
// kroner. This is how NAV's published yearly averages are made (the test
// checks every year since 1967). The average is not known for a year after the
// last year that has a G change of its own, since that year's G is not set yet.
func (p *Params) AverageG(year int) (decimal.Decimal, error) {
	if n := len(p.G.Items); n == 0 || year > p.G.Items[n-1].From.Year() {
		return decimal.Decimal{}, Errorf(ErrAverageGUnknown, year, fmt.Sprintf("g@%d-05-01", year))
	}
	sum := decimal.Zero
	for m := 1; m <= 12; m++ {
		g, err := p.G.At(NewDate(year, m, 1))
		if err != nil {
			return decimal.Decimal{}, Errorf(ErrAverageGMonth, year, err.(Coded).Msg())
		}
		sum = sum.Add(g.Value)
	}
	return sum.DivRound(decimal.NewFromInt(12), 0), nil
}

// GPerMonth is G per month as NAV publishes it (grunnbeløpPerMåned): G / 12
// rounded half up to whole kroner. kvp g shows it, and kvp g import checks
// NAV's figure against it.
func GPerMonth(g decimal.Decimal) decimal.Decimal {
	return g.DivRound(decimal.NewFromInt(12), 0)
}

// Set parses value for the parameter key and adds it from the date from.
// It is how config files, the environment and --set change the defaults.
func (p *Params) Set(key string, from Date, value, ref, source, origin string) error {
	if ref == "" {
		ref = p.defaultRef(key)
	}
	switch key {
	case KeyUnder25Share:
		r, err := ParseRatio(value)
		if err != nil {
			return fmt.Errorf("%s@%s: %w", key, from, err)
		}
		p.Under25Share.Set(Dated[Ratio]{From: from, Value: r, Ref: ref, Source: source, Origin: origin})
		return nil
	case KeyG, KeyFactor, KeyDayDivisor, KeyChildSupplement:
		v, err := decimal.NewFromString(strings.TrimSpace(value))
		if err != nil {
			return fmt.Errorf("%s@%s: %w", key, from, Errorf(ErrNotANumber, Quote(value)))
		}
		if v.Exponent() < -10 || v.Abs().GreaterThan(decimal.New(1, 12)) {
			return fmt.Errorf("%s@%s: %w", key, from, Errorf(ErrTooPrecise, Quote(value)))
		}
		if key == KeyG && !v.IsInteger() {
			// G is set in whole kroner (ftrl. § 1-4), as g import requires.
			return fmt.Errorf("%s@%s: %w", key, from, Errorf(ErrNotWholeKroner, Quote(value)))
		}
		if err := inBound(key, v); err != nil {
			return fmt.Errorf("%s@%s: %w", key, from, err)
		}
		p.decimalSeries(key).Set(Dated[decimal.Decimal]{From: from, Value: v, Ref: ref, Source: source, Origin: origin})
		return nil
	}
	return Errorf(ErrUnknownParameter, Quote(key), strings.Join(Keys, ", "))
}

func (p *Params) decimalSeries(key string) *Series[decimal.Decimal] {
	switch key {
	case KeyG:
		return &p.G
	case KeyFactor:
		return &p.Factor
	case KeyDayDivisor:
		return &p.DayDivisor
	case KeyChildSupplement:
		return &p.ChildSupplement
	}
	return nil
}

func (p *Params) defaultRef(key string) string {
	switch key {
	case KeyG:
		return RefG
	case KeyChildSupplement:
		return RefChildSupplement
	case KeyDayDivisor:
		return RefDayDivisor
	}
	return RefStipend
}

// loadG reads the G table: effective_from,g,g_per_month,minimum_income_effective_from.
func (p *Params) loadG(name string, data []byte) error {
	p.G = Series[decimal.Decimal]{Name: KeyG}
	return readCSV(name, data, 4, func(line int, rec []string) error {
		from, err := ParseDate(rec[0])
		if err != nil {
			return fmt.Errorf("effective_from: %w", err)
		}
		if _, err := decimal.NewFromString(rec[1]); err != nil {
			return fmt.Errorf("g: %q is not a number", rec[1])
		}
		if n := len(p.G.Items); n > 0 && from <= p.G.Items[n-1].From {
			return fmt.Errorf("effective_from: %s must come after %s (dates sorted and unique)", from, p.G.Items[n-1].From)
		}
		if err := p.Set(KeyG, from, rec[1], RefG, SourceG, OriginDefault); err != nil {
			return err
		}
		if rec[3] == "" {
			return nil // before 2013: known from the date in force
		}
		known, err := ParseDate(rec[3])
		if err != nil {
			return fmt.Errorf("minimum_income_effective_from: %w", err)
		}
		return p.SetKnownFrom(KeyG, from, known)
	})
}

// loadParameters reads parameter,effective_from,value,legal_reference,source.
func (p *Params) loadParameters(name string, data []byte) error {
	p.Factor = Series[decimal.Decimal]{Name: KeyFactor}
	p.Under25Share = Series[Ratio]{Name: KeyUnder25Share}
	p.DayDivisor = Series[decimal.Decimal]{Name: KeyDayDivisor}
	p.ChildSupplement = Series[decimal.Decimal]{Name: KeyChildSupplement}
	return readCSV(name, data, 5, func(line int, rec []string) error {
		from, err := ParseDate(rec[1])
		if err != nil {
			return fmt.Errorf("effective_from: %w", err)
		}
		return p.Set(rec[0], from, rec[2], rec[3], rec[4], OriginDefault)
	})
}

// readCSV calls row for each data line after the header; '#' lines are comments.
// Errors name the file and line.
func readCSV(name string, data []byte, fields int, row func(line int, rec []string) error) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = fields
	header := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if header {
			header = false
			if _, err := ParseDate(rec[0]); err != nil && len(rec) > 1 {
				if _, err := ParseDate(rec[1]); err != nil {
					continue // a header row
				}
			}
		}
		line, _ := r.FieldPos(0)
		if err := row(line, rec); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}

// ErrNoGBefore: no G is in force on the regulation date.
var ErrNoGBefore = NewCode("err.params.no_g_on", "date")

// AsPaidBefore returns the parameters the payments made before on were
// priced with when a new G began to be paid on on (a G regulation): the G
// in force on on (the new one) counts as known from on, and the parameters
// are as known the day before (KnownOn). newG is that G.
func (p *Params) AsPaidBefore(on Date) (paid *Params, newG Dated[decimal.Decimal], err error) {
	i := p.G.index(on)
	if i < 0 {
		return nil, newG, Errorf(ErrNoGBefore, on)
	}
	q := p.Clone()
	q.G.Items[i].KnownFrom = on
	return q.KnownOn(on - 1), q.G.Items[i], nil
}
