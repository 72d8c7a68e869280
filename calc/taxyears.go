package calc

import (
	"errors"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// IncomeBasis says which income year a month's stipend belongs to
// (kvp-rules.md § 4, CONVENTION).
type IncomeBasis string

const (
	// IncomeBasisPaid: the year in which the month is paid (in arrears, the
	// month after it was earned), so December's stipend counts in January.
	// The default: income is taxed when it is paid out (sktl. § 14-2).
	IncomeBasisPaid IncomeBasis = "paid"
	// IncomeBasisEarned: the year in which the month was earned.
	IncomeBasisEarned IncomeBasis = "earned"
)

// IncomeBases lists the conventions, default first.
var IncomeBases = []string{string(IncomeBasisPaid), string(IncomeBasisEarned)}

// RefWithholding is why the payment made in June has no tax withheld and
// the one made in December half (kvalifiseringsstønad in NAV's table
// "Skattetrekk i juni og desember": "Trekkfri" / "Halvt skattetrekk").
const RefWithholding = "skattebetalingsforskriften § 5-7"

// RefWithholding14 names the CONVENTION for a 14-day cycle: the June and
// December rules apply to the first two payments made in the month (NAV
// pays its own 14-day benefit, AAP, without withholding for "to
// meldeperioder" in June), with kvalifiseringsstønad's kinds: none
// withheld in June, half in December. Two 14-day payments are about the
// month one monthly payment pays for.
const RefWithholding14 = "skattebetalingsforskriften § 5-7; nav.no «Skattetrekk i juni og desember» (CONVENTION 14-day withholding)"

// WithholdingPayments14 is how many payments of a 14-day cycle made in
// June (none withheld) or December (half withheld) the rules cover.
const WithholdingPayments14 = 2

// TaxOptions are the facts of the tax-relevant amounts beyond the stipend.
type TaxOptions struct {
	Basis       IncomeBasis
	OtherIncome map[int]decimal.Decimal // other personal income per income year
	Finnmark    bool
	// BirthYear chooses the trygdeavgift rate of each income year (the low
	// rate under 17 or over 69, rules.AgeInIncomeYear); 0 means not known,
	// the wage rate.
	BirthYear int
	// Explain records each year's tax steps (TaxBreakdown.Steps).
	Explain bool
	// WithholdingPercent is the tax card's percentage (tabelltrekk is not
	// modelled); nil means no withholding schedule.
	WithholdingPercent *decimal.Decimal
}

// YearTax is the tax-relevant amounts of one income year.
type YearTax struct {
	Year        int           `json:"year"`
	Stipend     Money         `json:"stipend_income"` // the net stipend and child supplement counted in the year
	OtherIncome Money         `json:"other_income"`
	Tax         *TaxBreakdown `json:"tax"` // nil when the year has no tax parameters
	// Note says why a figure is missing: no tax parameters, no low
	// trygdeavgift rate, pension earning not computed. In JSON {code, args,
	// text}.
	Note *rules.Message `json:"note,omitempty"`
	// noteText is Note's English text when the Calculator keeps it (NoteText).
	noteText string
}

// NoteText is the English text of y's note (Note.String), "" without one;
// a Calculator's TaxFor renders a year's note once, not once per case.
func (y *YearTax) NoteText() string {
	switch {
	case y.Note == nil:
		return ""
	case y.noteText != "":
		return y.noteText
	}
	return y.Note.String()
}

// Withholding is one payment with the tax withheld from it; the month of
// its pay date decides the June and December rules.
type Withholding struct {
	PaidIn   YearMonth      `json:"paid_in"`
	Paid     Money          `json:"paid"`
	Withheld Money          `json:"withheld"`
	PaidOut  Money          `json:"paid_out"`
	Note     *rules.Message `json:"note,omitempty"` // June: none withheld, December: half
	PayDate  rules.Date     `json:"pay_date"`
}

// TaxSection is the tax part of a calculation.
type TaxSection struct {
	Basis              IncomeBasis     `json:"income_year_basis"`
	Finnmark           bool            `json:"finnmark"`
	WithholdingPercent *string         `json:"withholding_percent"`
	Years              []YearTax       `json:"years"`
	Withholding        []Withholding   `json:"withholding"`
	Warnings           []rules.Warning `json:"warnings"`

	// breakdowns hold the years' TaxBreakdowns (YearTax.Tax points into
	// it) and incomes the income years, kept for TaxInto's next call.
	breakdowns []TaxBreakdown
	incomes    []yearIncome
}

// The notes of the tax section. Their texts are in rules/catalog/*.json.
var (
	NotePensionNotComputed = rules.NewCode("calc.tax.pension_not_computed", "reason")
	NoteNoWithholdingJune  = rules.NewCode("calc.tax.no_withholding_june", "ref")
	NoteHalfWithholdingDec = rules.NewCode("calc.tax.half_withholding_december", "ref")
	// The same on a 14-day cycle, where only the first two payments of the month are covered.
	NoteNoWithholdingJune14  = rules.NewCode("calc.tax.no_withholding_june_14_days", "n", "ref")
	NoteHalfWithholdingDec14 = rules.NewCode("calc.tax.half_withholding_december_14_days", "n", "ref")
)

// addMoney is a + b in kroner, exact: in øre unless that overflows.
func addMoney(a, b Money) decimal.Decimal {
	if s := a + b; (s > a) == (b > 0) {
		return s.Decimal()
	}
	return a.Decimal().Add(b.Decimal())
}

// errNote is the message of a coded error, for a note.
func errNote(err error) *rules.Message {
	var c rules.Coded
	if errors.As(err, &c) {
		m := c.Msg()
		return &m
	}
	panic("calc: not a coded error: " + err.Error())
}

// TaxFor computes the tax-relevant amounts of res under p. A year with no
// tax parameters gets a note naming it, never a guessed figure.
func TaxFor(res *Result, p *rules.Params, o TaxOptions) (*TaxSection, error) {
	t := &TaxSection{}
	yearOf := func(year int) (*taxYearInfo, error) { return newTaxYearInfo(p, year) }
	if err := taxInto(res, p, o, yearOf, false, t); err != nil {
		return nil, err
	}
	return t, nil
}

// yearIncome is one income year's stipend and its months with stipend;
// taxed says the year has a tax line: stipend or other income in it.
type yearIncome struct {
	year   int
	income Money
	months int
	taxed  bool
}

// taxInto is TaxFor into t (Calculator.TaxInto), with what a year needs
// beyond the case from yearOf (a Calculator keeps it). totalsOnly leaves
// the breakdowns' decimal figures zero.
func taxInto(res *Result, p *rules.Params, o TaxOptions, yearOf func(year int) (*taxYearInfo, error), totalsOnly bool, t *TaxSection) error {
	basis := o.Basis
	if basis == "" {
		basis = IncomeBasisPaid
	}
	if basis != IncomeBasisPaid && basis != IncomeBasisEarned {
		return fieldErr("income_year", notOneOf(string(basis), "paid, earned"))
	}
	*t = TaxSection{Basis: basis, Finnmark: o.Finnmark, Years: t.Years[:0], Withholding: t.Withholding[:0], Warnings: t.Warnings[:0],
		breakdowns: t.breakdowns[:0], incomes: t.incomes[:0]}
	if t.Years == nil {
		t.Years, t.Withholding, t.Warnings = []YearTax{}, []Withholding{}, []rules.Warning{}
	}
	// The income years are few: a slice, searched from its end, where the
	// months and years of res (in order) add to; sorted once filled.
	incomes := t.incomes
	at := func(year int) *yearIncome {
		for i := len(incomes) - 1; i >= 0; i-- {
			if incomes[i].year == year {
				return &incomes[i]
			}
		}
		incomes = append(incomes, yearIncome{year: year})
		return &incomes[len(incomes)-1]
	}
	for _, m := range res.Months {
		if m.Net == 0 {
			continue
		}
		if basis == IncomeBasisPaid {
			at(m.PaidIn.Year()).months++
		} else {
			at(m.Month.Year()).months++
		}
	}
	for _, y := range res.Years {
		v := y.Earned.Net
		if basis == IncomeBasisPaid {
			v = y.Paid.Net
		}
		if v != 0 {
			yi := at(y.Year)
			yi.income += v
			yi.taxed = true
		}
	}
	for y, v := range o.OtherIncome {
		if v.IsNegative() {
			return fieldErr("other_income", rules.ErrAtField.M(strconv.Itoa(y), rules.ErrNegative.M(v.String())))
		}
		at(y).taxed = true
	}
	t.incomes = incomes
	slices.SortFunc(incomes, func(a, b yearIncome) int { return a.year - b.year })
	n := 0
	for _, y := range incomes {
		if y.taxed {
			n++
		}
	}
	if cap(t.Years) < n {
		t.Years = make([]YearTax, 0, n)
	}
	if cap(t.breakdowns) < n {
		t.breakdowns = make([]TaxBreakdown, 0, n)
	}
	for _, yi := range incomes {
		if !yi.taxed {
			continue
		}
		y := yi.year
		yt := YearTax{Year: y, Stipend: yi.income}
		other, hasOther := o.OtherIncome[y]
		if hasOther {
			yt.OtherIncome = M(other)
		}
		info, err := yearOf(y)
		if err != nil {
			return err
		}
		if info.missing != nil {
			yt.Note, yt.noteText = info.missing, info.missingText
			t.Warnings = append(t.Warnings, info.warning)
			t.Years = append(t.Years, yt)
			continue
		}
		in := TaxInput{Year: y, Finnmark: o.Finnmark, BirthYear: o.BirthYear, Months: yi.months, Explain: o.Explain, Overrides: p.TaxOverrides[y], totalsOnly: totalsOnly}
		in.setIncome(yt.Stipend, yt.OtherIncome)
		if err := in.Check(info.params); err != nil {
			var missingParam *rules.MissingTaxParamError
			if !errors.As(err, &missingParam) {
				return err
			}
			yt.Note = errNote(missingParam)
			t.Warnings = append(t.Warnings, rules.Warn(*yt.Note, ""))
			t.Years = append(t.Years, yt)
			continue
		}
		if info.averageGErr == nil {
			in.AverageG = info.averageG
		} else {
			yt.Note, yt.noteText = info.pension, info.pensionText
		}
		t.breakdowns = t.breakdowns[:len(t.breakdowns)+1] // within its capacity: the pointers before stay valid
		yt.Tax = &t.breakdowns[len(t.breakdowns)-1]
		taxBreakdownInto(in, info.params, yt.Tax)
		t.Years = append(t.Years, yt)
	}
	if o.WithholdingPercent != nil {
		pct := o.WithholdingPercent
		if pct.IsNegative() || pct.GreaterThan(decimal.NewFromInt(100)) {
			return fieldErr("withholding_percent", errPercentRange.M(pct.String()))
		}
		s := pct.String()
		t.WithholdingPercent = &s
		fourteen := res.Pay.Normal().Cycle == Pay14Days
		for _, m := range res.Payments {
			w := Withholding{PaidIn: MonthOf(m.PayDate), PayDate: m.PayDate, Paid: m.Net}
			month := m.PayDate.Month()
			if fourteen && (month == 6 || month == 12) && res.Pay.ordinalInPayMonth(m) > WithholdingPayments14 {
				month = 0 // a later payment of the month: ordinary withholding
			}
			switch month {
			case 6:
				m := NoteNoWithholdingJune.M(RefWithholding)
				if fourteen {
					m = NoteNoWithholdingJune14.M(WithholdingPayments14, RefWithholding14)
				}
				w.Note = &m
			case 12:
				w.Withheld = M(m.Net.Decimal().Mul(*pct).DivRound(decimal.NewFromInt(200), 4))
				m := NoteHalfWithholdingDec.M(RefWithholding)
				if fourteen {
					m = NoteHalfWithholdingDec14.M(WithholdingPayments14, RefWithholding14)
				}
				w.Note = &m
			default:
				w.Withheld = M(m.Net.Decimal().Mul(*pct).DivRound(decimal.NewFromInt(100), 4))
			}
			w.PaidOut = w.Paid - w.Withheld
			t.Withholding = append(t.Withholding, w)
		}
	}
	return nil
}
