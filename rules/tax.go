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
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

//go:embed data/tax.csv
var taxCSV []byte

// Legal references of the tax-relevant amounts (kvp-rules.md § 4).
const (
	RefPersonalIncome   = "sktl. § 12-2"             // the stipend is personinntekt
	RefTrygdeavgift     = "ftrl. § 23-3 (2)"         // national insurance contribution, wage rate (mellomsats)
	RefTrygdeavgiftLow  = "ftrl. § 23-3 (2) nr. 1 c" // the low rate (lav sats) on personinntekt under 17 or over 69
	RefMinstefradrag    = "sktl. § 6-32 (1) a"       // minimum deduction under the wage rules
	RefFinnmarksfradrag = "sktl. § 15-5"             // Finnmark and Nord-Troms deduction; it does not change alminnelig inntekt
	RefPersonfradrag    = "sktl. § 15-4"             // personal allowance
	RefOrdinaryTax      = "Stortingets skattevedtak" // the yearly rate on alminnelig inntekt
	RefTrinnskatt       = "sktl. § 12-2"             // step tax on personal income
	RefPensionEarning   = "ftrl. § 3-15, chapter 20"
)

// PensionAccrual returns the yearly pension accrual of the new model: the
// rate (18.1 %) on pensionable income up to ceilingG (7.1) times the income
// year's average G (ftrl. § 3-15, chapter 20). Both are fixed by law, not by
// the yearly tax decisions, so they are not in the tax table.
func PensionAccrual() (rate, ceilingG decimal.Decimal) {
	return decimal.New(181, -3), decimal.New(71, -1)
}

// The low rate of trygdeavgift (lav sats) applies to the personinntekt of a
// person under 17 or over 69 in the income year (ftrl. § 23-3 (2) nr. 1 c).
const (
	TrygdeavgiftLowUnder = 17
	TrygdeavgiftLowOver  = 69
)

// AgeInIncomeYear is the age a person born in birthYear reaches by 31
// December of incomeYear. CONVENTION (age in the income year): that age
// decides the trygdeavgift rate, so the low rate applies from the income
// year in which the person turns 70 and up to the one in which they turn 16.
// It needs the birth year alone, not the birthday.
func AgeInIncomeYear(birthYear, incomeYear int) int { return incomeYear - birthYear }

// TrygdeavgiftLowRate reports whether personinntekt at age (AgeInIncomeYear)
// is charged at the low rate: under 17 or over 69.
func TrygdeavgiftLowRate(age int) bool {
	return age < TrygdeavgiftLowUnder || age > TrygdeavgiftLowOver
}

// TaxStep is one step of trinnskatt: Rate applies to personal income above
// From, up to the From of the next step.
type TaxStep struct {
	From decimal.Decimal `json:"from"`
	Rate decimal.Decimal `json:"rate"`
}

// TaxYear holds the tax parameters of one income year. Rates are fractions
// (0.22 for 22 %), amounts kroner.
type TaxYear struct {
	Year                 int             `json:"year"`
	OrdinaryRate         decimal.Decimal `json:"ordinary_rate"`          // skatt på alminnelig inntekt
	OrdinaryRateFinnmark decimal.Decimal `json:"ordinary_rate_finnmark"` // the same in Finnmark and Nord-Troms
	PersonalAllowance    decimal.Decimal `json:"personal_allowance"`     // personfradrag, class 1
	FinnmarkAllowance    decimal.Decimal `json:"finnmark_allowance"`     // finnmarksfradrag
	MinDeductionRate     decimal.Decimal `json:"min_deduction_rate"`     // minstefradrag, wages
	MinDeductionCap      decimal.Decimal `json:"min_deduction_cap"`
	Steps                []TaxStep       `json:"steps"` // trinnskatt, ascending
	// StepsFinnmark replaces Steps in Finnmark and Nord-Troms; nil when the
	// year has no reduction there. 2024 is unsettled (sources disagree) and
	// is treated as no reduction; see Note.
	StepsFinnmark          []TaxStep       `json:"steps_finnmark"`
	TrygdeavgiftRate       decimal.Decimal `json:"trygdeavgift_rate"`        // wage rate (mellomsats)
	TrygdeavgiftLowerLimit decimal.Decimal `json:"trygdeavgift_lower_limit"` // no contribution at or below
	TrygdeavgiftPhaseIn    decimal.Decimal `json:"trygdeavgift_phase_in"`    // at most this share of income above the limit
	// TrygdeavgiftRateLow is the low rate (lav sats) on personinntekt under
	// 17 or over 69; the lower limit and the phase-in apply as to the wage
	// rate. Optional in a config file (Valid false when not given): a year
	// without it can tax everyone else.
	TrygdeavgiftRateLow decimal.NullDecimal `json:"trygdeavgift_rate_low"`
	Source              string              `json:"source"`
	Note                string              `json:"note,omitempty"`
	// Origins gives, per key (Values), the configuration layer a value
	// came from when it is not the year's own (OriginDefault for the
	// embedded table): OriginFile, OriginFlag, "scenario:PATH", ... A key
	// missing from it has the year's first origin, the embedded default.
	Origins map[string]string `json:"-"`
}

// Origin is the configuration layer key's value came from.
func (ty TaxYear) Origin(key string) string {
	if o, ok := ty.Origins[key]; ok {
		return o
	}
	return OriginDefault
}

// With returns ty with the values given replaced (key/value pairs as
// NewTaxYear reads them), validated, the keys given marked with origin:
// a partial override of a known year keeps every value it does not name.
// A new year from a known one (a budget proposal from last year's table) is
// base.With(values) with year set: every value not given is the base year's,
// with its origin.
func (ty TaxYear) With(year int, values map[string]string, source, origin string) (TaxYear, error) {
	merged := ty.Values()
	for k, v := range values {
		merged[k] = v
	}
	out, err := NewTaxYear(year, merged)
	if err != nil {
		return TaxYear{}, err
	}
	out.Origins = maps.Clone(ty.Origins)
	if out.Origins == nil {
		out.Origins = map[string]string{}
	}
	for k := range values {
		out.Origins[k] = origin
	}
	out.Source = source
	if ty.Source != "" {
		out.Source = ty.Source + "; " + source
	}
	return out, nil
}

// TaxTable holds the tax parameters by income year.
type TaxTable map[int]TaxYear

// Tax parameter keys, as written in the data file and under tax: in a config
// file. Steps are keyed stepN_from, stepN_rate and stepN_rate_finnmark, N from 1.
const (
	TaxKeyOrdinaryRate           = "ordinary_rate"
	TaxKeyOrdinaryRateFinnmark   = "ordinary_rate_finnmark"
	TaxKeyPersonalAllowance      = "personal_allowance"
	TaxKeyFinnmarkAllowance      = "finnmark_allowance"
	TaxKeyMinDeductionRate       = "min_deduction_rate"
	TaxKeyMinDeductionCap        = "min_deduction_cap"
	TaxKeyTrygdeavgiftRate       = "trygdeavgift_rate"
	TaxKeyTrygdeavgiftLowerLimit = "trygdeavgift_lower_limit"
	TaxKeyTrygdeavgiftPhaseIn    = "trygdeavgift_phase_in"
	TaxKeyTrygdeavgiftRateLow    = "trygdeavgift_rate_low" // optional: needed only under 17 or over 69
	TaxKeyNote                   = "note"                  // free text, optional
)

// taxScalar ties a fixed key to its field and kind.
type taxScalar struct {
	key   string
	rate  bool // a fraction in [0,1]; otherwise an amount >= 0
	field func(*TaxYear) *decimal.Decimal
}

func taxScalars() []taxScalar {
	return []taxScalar{
		{TaxKeyOrdinaryRate, true, func(t *TaxYear) *decimal.Decimal { return &t.OrdinaryRate }},
		{TaxKeyOrdinaryRateFinnmark, true, func(t *TaxYear) *decimal.Decimal { return &t.OrdinaryRateFinnmark }},
		{TaxKeyPersonalAllowance, false, func(t *TaxYear) *decimal.Decimal { return &t.PersonalAllowance }},
		{TaxKeyFinnmarkAllowance, false, func(t *TaxYear) *decimal.Decimal { return &t.FinnmarkAllowance }},
		{TaxKeyMinDeductionRate, true, func(t *TaxYear) *decimal.Decimal { return &t.MinDeductionRate }},
		{TaxKeyMinDeductionCap, false, func(t *TaxYear) *decimal.Decimal { return &t.MinDeductionCap }},
		{TaxKeyTrygdeavgiftRate, true, func(t *TaxYear) *decimal.Decimal { return &t.TrygdeavgiftRate }},
		{TaxKeyTrygdeavgiftLowerLimit, false, func(t *TaxYear) *decimal.Decimal { return &t.TrygdeavgiftLowerLimit }},
		{TaxKeyTrygdeavgiftPhaseIn, true, func(t *TaxYear) *decimal.Decimal { return &t.TrygdeavgiftPhaseIn }},
	}
}

// stepKey splits "step3_rate_finnmark" into 3 and "rate_finnmark".
func stepKey(key string) (n int, part string, ok bool) {
	rest, found := strings.CutPrefix(key, "step")
	if !found {
		return 0, "", false
	}
	num, part, found := strings.Cut(rest, "_")
	if !found {
		return 0, "", false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > 99 || strconv.Itoa(n) != num {
		return 0, "", false
	}
	switch part {
	case "from", "rate", "rate_finnmark":
		return n, part, true
	}
	return 0, "", false
}

// IsTaxKey reports whether key names a tax parameter.
func IsTaxKey(key string) bool {
	if key == TaxKeyNote || key == TaxKeyTrygdeavgiftRateLow {
		return true
	}
	if _, _, ok := stepKey(key); ok {
		return true
	}
	for _, s := range taxScalars() {
		if s.key == key {
			return true
		}
	}
	return false
}

// taxKeyIsRate reports whether key holds a rate rather than an amount.
func taxKeyIsRate(key string) bool {
	if key == TaxKeyTrygdeavgiftRateLow {
		return true
	}
	if _, part, ok := stepKey(key); ok {
		return part != "from"
	}
	for _, s := range taxScalars() {
		if s.key == key {
			return s.rate
		}
	}
	return false
}

// TaxParamError is a problem with one parameter of one income year.
type TaxParamError struct {
	Year    int
	Key     string
	Problem Message
}

func (e *TaxParamError) Error() string { return e.Msg().String() }

// Msg is "income year 2026: key: problem".
func (e *TaxParamError) Msg() Message { return ErrTaxParam.M(e.Year, e.Key, e.Problem) }

// MissingTaxParamError says an income year lacks an optional parameter that
// a computation needs (the low trygdeavgift rate for a person under 17 or
// over 69).
type MissingTaxParamError struct {
	Year int
	Key  string
	Age  int // the age in the income year that needs it
}

func (e *MissingTaxParamError) Error() string { return e.Msg().String() }

// Msg is e as a message: the low trygdeavgift rate is the only optional
// parameter.
func (e *MissingTaxParamError) Msg() Message {
	return errMissingLowRate.M(e.Year, e.Key, e.Age, TrygdeavgiftLowUnder, TrygdeavgiftLowOver)
}

var (
	errMissingLowRate = NewCode("err.tax.low_rate_missing", "year", "key", "age", "under", "over")
	errMissingTaxYear = NewCode("err.tax.no_income_year", "year")
)

// TrygdeavgiftRateFor returns the trygdeavgift rate on personinntekt at age
// (AgeInIncomeYear; nil when the birth date is not known, the wage rate) and
// whether it is the low rate. A year without the low rate gives a
// *MissingTaxParamError when the low rate applies.
func (ty TaxYear) TrygdeavgiftRateFor(age *int) (rate decimal.Decimal, low bool, err error) {
	if age == nil || !TrygdeavgiftLowRate(*age) {
		return ty.TrygdeavgiftRate, false, nil
	}
	if !ty.TrygdeavgiftRateLow.Valid {
		return ty.TrygdeavgiftRate, false, &MissingTaxParamError{Year: ty.Year, Key: TaxKeyTrygdeavgiftRateLow, Age: *age}
	}
	return ty.TrygdeavgiftRateLow.Decimal, true, nil
}

// MissingTaxYearError says an income year has no tax parameters.
type MissingTaxYearError struct{ Year int }

func (e *MissingTaxYearError) Error() string { return e.Msg().String() }

// Msg is e as a message.
func (e *MissingTaxYearError) Msg() Message { return errMissingTaxYear.M(e.Year) }

var defaultTaxTable = sync.OnceValues(func() (TaxTable, error) {
	return ParseTaxTable("data/tax.csv", taxCSV)
})

// DefaultTaxTable returns a fresh copy of the embedded tax parameters
// (data/tax.csv, income years 2023–2026). The file is parsed once per process.
func DefaultTaxTable() (TaxTable, error) {
	t, err := defaultTaxTable()
	if err != nil {
		return nil, err
	}
	return t.Clone(), nil
}

// Clone returns a deep copy that can be changed freely.
func (t TaxTable) Clone() TaxTable {
	c := make(TaxTable, len(t))
	for y, ty := range t {
		ty.Steps = slices.Clone(ty.Steps)
		ty.StepsFinnmark = slices.Clone(ty.StepsFinnmark)
		ty.Origins = maps.Clone(ty.Origins)
		c[y] = ty
	}
	return c
}

// Years returns the income years in t, ascending.
func (t TaxTable) Years() []int { return slices.Sorted(maps.Keys(t)) }

// Year returns the parameters of income year y. A missing year is an error
// (a *MissingTaxYearError): guessing last year's figures would misstate the tax.
func (t TaxTable) Year(y int) (TaxYear, error) {
	ty, ok := t[y]
	if !ok {
		return TaxYear{}, &MissingTaxYearError{Year: y}
	}
	return ty, nil
}

// NewTaxYear builds and validates the parameters of income year y from
// key/value pairs as written in the data file or a config file: rates as
// fractions ("0.22"), amounts in kroner. Every fixed key and steps 1..N with
// from and rate are required; trygdeavgift_rate_low is optional (a year
// without it cannot tax a person under 17 or over 69), and
// stepN_rate_finnmark rows are optional and give StepsFinnmark (Steps with
// those rates replaced). Problems are
// *TaxParamError values, joined.
func NewTaxYear(y int, values map[string]string) (TaxYear, error) {
	ty := TaxYear{Year: y, Note: values[TaxKeyNote]}
	var errs []error
	bad := func(key string, problem Message) {
		errs = append(errs, &TaxParamError{Year: y, Key: key, Problem: problem})
	}
	for _, s := range taxScalars() {
		v, ok := values[s.key]
		if !ok {
			bad(s.key, ErrMissing.M())
			continue
		}
		d, err := parseTaxValue(v, s.rate)
		if err != nil {
			bad(s.key, ErrorMessage(err))
			continue
		}
		*s.field(&ty) = d
	}
	if v, ok := values[TaxKeyTrygdeavgiftRateLow]; ok {
		d, err := parseTaxValue(v, true)
		if err != nil {
			bad(TaxKeyTrygdeavgiftRateLow, ErrorMessage(err))
		} else {
			ty.TrygdeavgiftRateLow = decimal.NewNullDecimal(d)
		}
	}

	type stepValues struct{ from, rate, finnmark *decimal.Decimal }
	steps := map[int]*stepValues{}
	maxStep := 0
	for _, key := range slices.Sorted(maps.Keys(values)) {
		n, part, isStep := stepKey(key)
		if !isStep {
			if !IsTaxKey(key) {
				bad(key, ErrTaxUnknownKey.M())
			}
			continue
		}
		maxStep = max(maxStep, n)
		d, err := parseTaxValue(values[key], part != "from")
		if err != nil {
			bad(key, ErrorMessage(err))
			continue
		}
		sv := steps[n]
		if sv == nil {
			sv = &stepValues{}
			steps[n] = sv
		}
		switch part {
		case "from":
			sv.from = &d
		case "rate":
			sv.rate = &d
		case "rate_finnmark":
			sv.finnmark = &d
		}
	}
	if len(steps) == 0 {
		bad("step1_from", ErrNoSteps.M())
	}
	hasFinnmark := false
	for n := 1; n <= maxStep; n++ {
		sv := steps[n]
		for _, key := range []string{fmt.Sprintf("step%d_from", n), fmt.Sprintf("step%d_rate", n)} {
			if _, given := values[key]; !given {
				bad(key, ErrMissing.M())
			}
		}
		if sv == nil || sv.from == nil || sv.rate == nil {
			continue
		}
		ty.Steps = append(ty.Steps, TaxStep{From: *sv.from, Rate: *sv.rate})
		hasFinnmark = hasFinnmark || sv.finnmark != nil
	}
	if len(errs) > 0 {
		return TaxYear{}, errors.Join(errs...)
	}
	if hasFinnmark {
		ty.StepsFinnmark = slices.Clone(ty.Steps)
		for i := range ty.StepsFinnmark {
			if f := steps[i+1].finnmark; f != nil {
				ty.StepsFinnmark[i].Rate = *f
			}
		}
	}
	if err := ty.Validate(); err != nil {
		return TaxYear{}, err
	}
	return ty, nil
}

// parseTaxValue reads a rate (a fraction in [0,1]) or an amount (>= 0).
func parseTaxValue(s string, rate bool) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if rate && strings.HasSuffix(s, "%") {
		return decimal.Decimal{}, Errorf(ErrRatePercent, Quote(s))
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, Errorf(ErrNotANumber, Quote(s))
	}
	if rate {
		return d, checkRate(d)
	}
	return d, checkAmount(d)
}

func checkRate(d decimal.Decimal) error {
	if d.IsNegative() || d.GreaterThan(decimal.NewFromInt(1)) {
		if d.GreaterThan(decimal.NewFromInt(1)) && d.LessThanOrEqual(decimal.NewFromInt(100)) {
			return Errorf(ErrRateHint, d.String(), d.Shift(-2).String())
		}
		return Errorf(ErrRate, d.String())
	}
	return nil
}

// MaxTaxAmount bounds every tax amount (allowances, caps, limits, step
// thresholds), in kroner: far above any the law has had (the highest
// trinnskatt threshold is below 2 million), and small enough that no tax
// figure can overflow.
var MaxTaxAmount = decimal.NewFromInt(100_000_000)

func checkAmount(d decimal.Decimal) error {
	if d.IsNegative() {
		return Errorf(ErrAmountNegative, d.String())
	}
	if d.GreaterThan(MaxTaxAmount) {
		return Errorf(ErrAmountRange, d.String(), MaxTaxAmount)
	}
	return nil
}

// Validate checks that rates lie in [0,1], amounts are not negative and the
// steps ascend. Problems are *TaxParamError values, joined.
func (ty TaxYear) Validate() error {
	var errs []error
	bad := func(key string, err error) {
		errs = append(errs, &TaxParamError{Year: ty.Year, Key: key, Problem: ErrorMessage(err)})
	}
	if ty.Year <= 0 {
		bad("year", Errorf(ErrNotIncomeYear, ty.Year))
	}
	for _, s := range taxScalars() {
		check := checkAmount
		if s.rate {
			check = checkRate
		}
		if err := check(*s.field(&ty)); err != nil {
			bad(s.key, err)
		}
	}
	if ty.TrygdeavgiftRateLow.Valid {
		if err := checkRate(ty.TrygdeavgiftRateLow.Decimal); err != nil {
			bad(TaxKeyTrygdeavgiftRateLow, err)
		}
	}
	if len(ty.Steps) == 0 {
		bad("step1_from", Errorf(ErrNoSteps))
	}
	checkSteps := func(steps []TaxStep, rateSuffix string) {
		for i, s := range steps {
			if err := checkAmount(s.From); err != nil {
				bad(fmt.Sprintf("step%d_from", i+1), err)
			}
			if err := checkRate(s.Rate); err != nil {
				bad(fmt.Sprintf("step%d_rate%s", i+1, rateSuffix), err)
			}
			if i > 0 && !s.From.GreaterThan(steps[i-1].From) {
				bad(fmt.Sprintf("step%d_from", i+1),
					Errorf(ErrStepsAscend, s.From.String(), i, steps[i-1].From.String()))
			}
		}
	}
	checkSteps(ty.Steps, "")
	if ty.StepsFinnmark != nil {
		checkSteps(ty.StepsFinnmark, "_finnmark")
	}
	return errors.Join(errs...)
}

// The errors of a tax parameter file.
var (
	errTableHeader = NewCode("err.tax.table.header", "got", "want")
	errTableFields = NewCode("err.tax.table.fields", "fields", "want", "header")
	errTableYear   = NewCode("err.tax.table.year", "value", "min", "max")
	errTableKey    = NewCode("err.tax.table.key", "value", "example")
	errTableTwice  = NewCode("err.tax.table.twice", "key", "year", "line")
	errTableEmpty  = NewCode("err.tax.table.empty", "header")
)

// taxHeader is the header row of a tax parameter file.
var taxHeader = []string{"year", "parameter", "value", "source"}

// ParseTaxTable reads a tax parameter file: a header row
// "year,parameter,value,source", then one row per income year and parameter
// (see data/tax.csv); lines starting with # are comments. Errors name the
// file, the line and the parameter. Each year's Source joins the distinct
// sources of its rows.
func ParseTaxTable(name string, data []byte) (TaxTable, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	type yearRows struct {
		values  map[string]string
		lines   map[string]int
		sources []string
	}
	years := map[int]*yearRows{}
	header := false
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d: %v", name, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if !header {
			if !slices.Equal(rec, taxHeader) {
				return nil, fmt.Errorf("%s:%d: %w", name, line,
					Errorf(errTableHeader, Quote(strings.Join(rec, ",")), Quote(strings.Join(taxHeader, ","))))
			}
			header = true
			continue
		}
		if len(rec) != len(taxHeader) {
			return nil, fmt.Errorf("%s:%d: %w", name, line,
				Errorf(errTableFields, len(rec), len(taxHeader), strings.Join(taxHeader, ",")))
		}
		y, err := strconv.Atoi(rec[0])
		if err != nil || y < MinYear || y > MaxYear {
			return nil, fmt.Errorf("%s:%d: year: %w", name, line, Errorf(errTableYear, Quote(rec[0]), MinYear, MaxYear))
		}
		key := rec[1]
		if !IsTaxKey(key) {
			return nil, fmt.Errorf("%s:%d: parameter: %w", name, line, Errorf(errTableKey, Quote(key), TaxKeyOrdinaryRate))
		}
		yr := years[y]
		if yr == nil {
			yr = &yearRows{values: map[string]string{}, lines: map[string]int{}}
			years[y] = yr
		}
		if prev, dup := yr.lines[key]; dup {
			return nil, fmt.Errorf("%s:%d: %w", name, line, Errorf(errTableTwice, key, y, prev))
		}
		if key != TaxKeyNote {
			if _, err := parseTaxValue(rec[2], taxKeyIsRate(key)); err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %w", name, line, key, err)
			}
		}
		yr.values[key] = rec[2]
		yr.lines[key] = line
		for s := range strings.SplitSeq(rec[3], ";") {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(yr.sources, s) {
				yr.sources = append(yr.sources, s)
			}
		}
	}
	if !header {
		return nil, fmt.Errorf("%s: %w", name, Errorf(errTableEmpty, Quote(strings.Join(taxHeader, ","))))
	}
	t := TaxTable{}
	for _, y := range slices.Sorted(maps.Keys(years)) {
		yr := years[y]
		ty, err := NewTaxYear(y, yr.values)
		if err != nil {
			return nil, locateTaxErrors(name, yr.lines, err)
		}
		ty.Source = strings.Join(yr.sources, "; ")
		t[y] = ty
	}
	return t, nil
}

// locateTaxErrors prefixes each *TaxParamError in err with the file and,
// when the parameter has a row, its line.
func locateTaxErrors(name string, lines map[string]int, err error) error {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	out := make([]error, 0, len(list))
	for _, e := range list {
		var pe *TaxParamError
		if errors.As(e, &pe) {
			if l, ok := lines[pe.Key]; ok {
				out = append(out, fmt.Errorf("%s:%d: %w", name, l, e))
				continue
			}
		}
		out = append(out, fmt.Errorf("%s: %w", name, e))
	}
	return errors.Join(out...)
}

// Keys returns the keys of Values in the data file's order: the fixed
// keys, the low trygdeavgift rate, each step's from, rate and Finnmark
// rate, and the note.
func (ty TaxYear) Keys() []string {
	values := ty.Values()
	var out []string
	for _, s := range taxScalars() {
		out = append(out, s.key)
	}
	if _, ok := values[TaxKeyTrygdeavgiftRateLow]; ok {
		out = append(out, TaxKeyTrygdeavgiftRateLow)
	}
	for i := range ty.Steps {
		n := strconv.Itoa(i + 1)
		for _, k := range []string{"step" + n + "_from", "step" + n + "_rate", "step" + n + "_rate_finnmark"} {
			if _, ok := values[k]; ok {
				out = append(out, k)
			}
		}
	}
	if ty.Note != "" {
		out = append(out, TaxKeyNote)
	}
	return out
}

// Values returns ty as the key/value pairs NewTaxYear reads, so that a
// config file can override one value of a year and keep the rest.
func (ty TaxYear) Values() map[string]string {
	out := map[string]string{}
	for _, s := range taxScalars() {
		out[s.key] = s.field(&ty).String()
	}
	if ty.TrygdeavgiftRateLow.Valid {
		out[TaxKeyTrygdeavgiftRateLow] = ty.TrygdeavgiftRateLow.Decimal.String()
	}
	for i, st := range ty.Steps {
		n := strconv.Itoa(i + 1)
		out["step"+n+"_from"] = st.From.String()
		out["step"+n+"_rate"] = st.Rate.String()
		if i < len(ty.StepsFinnmark) && !ty.StepsFinnmark[i].Rate.Equal(st.Rate) {
			out["step"+n+"_rate_finnmark"] = ty.StepsFinnmark[i].Rate.String()
		}
	}
	if ty.Note != "" {
		out[TaxKeyNote] = ty.Note
	}
	return out
}
