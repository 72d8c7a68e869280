package rules

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func taxD(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestDefaultTaxTableValues compares the embedded file with the tables in
// data/tax-parameters.md.
func TestDefaultTaxTableValues(t *testing.T) {
	tt, err := DefaultTaxTable()
	if err != nil {
		t.Fatal(err)
	}
	if got := tt.Years(); len(got) != 4 || got[0] != 2023 || got[3] != 2026 {
		t.Fatalf("years = %v, want 2023–2026", got)
	}
	tests := []struct {
		year                                   int
		allowance, finnmark, cap, trygd, lower string
		steps                                  [5][2]string
		finnmarkStep3                          string // "" when no reduction
		source                                 string
	}{
		{2023, "79600", "20550", "104450", "0.079", "69650",
			[5][2]string{{"198350", "0.017"}, {"279150", "0.04"}, {"642950", "0.135"}, {"926800", "0.165"}, {"1500000", "0.175"}},
			"0.115", "Skattesatser 2023"},
		{2024, "88250", "30000", "104450", "0.078", "69650",
			[5][2]string{{"208050", "0.017"}, {"292850", "0.04"}, {"670000", "0.136"}, {"937900", "0.166"}, {"1350000", "0.176"}},
			"", "Skattesatser 2024"},
		{2025, "108550", "30000", "92000", "0.077", "99650",
			[5][2]string{{"217400", "0.017"}, {"306050", "0.04"}, {"697150", "0.137"}, {"942400", "0.167"}, {"1410750", "0.177"}},
			"", "Skattesatser 2025"},
		{2026, "114540", "45000", "95700", "0.076", "99650",
			[5][2]string{{"226100", "0.017"}, {"318300", "0.04"}, {"725050", "0.137"}, {"980100", "0.168"}, {"1467200", "0.178"}},
			"", "Skattesatser 2026"},
	}
	for _, tc := range tests {
		ty, err := tt.Year(tc.year)
		if err != nil {
			t.Fatal(err)
		}
		check := func(name string, got decimal.Decimal, want string) {
			t.Helper()
			if !got.Equal(taxD(want)) {
				t.Errorf("%d %s = %s, want %s", tc.year, name, got, want)
			}
		}
		check("ordinary rate", ty.OrdinaryRate, "0.22")
		check("ordinary rate Finnmark", ty.OrdinaryRateFinnmark, "0.185")
		check("personal allowance", ty.PersonalAllowance, tc.allowance)
		check("Finnmark allowance", ty.FinnmarkAllowance, tc.finnmark)
		check("min deduction rate", ty.MinDeductionRate, "0.46")
		check("min deduction cap", ty.MinDeductionCap, tc.cap)
		check("trygdeavgift rate", ty.TrygdeavgiftRate, tc.trygd)
		check("trygdeavgift lower limit", ty.TrygdeavgiftLowerLimit, tc.lower)
		check("trygdeavgift phase-in", ty.TrygdeavgiftPhaseIn, "0.25")
		if len(ty.Steps) != 5 {
			t.Fatalf("%d: %d steps, want 5", tc.year, len(ty.Steps))
		}
		for i, s := range tc.steps {
			check("step from", ty.Steps[i].From, s[0])
			check("step rate", ty.Steps[i].Rate, s[1])
		}
		if tc.finnmarkStep3 == "" {
			if ty.StepsFinnmark != nil {
				t.Errorf("%d: StepsFinnmark = %v, want nil (no reduction)", tc.year, ty.StepsFinnmark)
			}
		} else {
			if len(ty.StepsFinnmark) != 5 {
				t.Fatalf("%d: %d Finnmark steps, want 5", tc.year, len(ty.StepsFinnmark))
			}
			for i, s := range ty.StepsFinnmark {
				want := ty.Steps[i]
				if i == 2 {
					want.Rate = taxD(tc.finnmarkStep3)
				}
				check("Finnmark step from", s.From, want.From.String())
				check("Finnmark step rate", s.Rate, want.Rate.String())
			}
		}
		if !strings.Contains(ty.Source, tc.source) {
			t.Errorf("%d source %q does not name %q", tc.year, ty.Source, tc.source)
		}
		if err := ty.Validate(); err != nil {
			t.Errorf("%d: %v", tc.year, err)
		}
	}
	if ty, _ := tt.Year(2024); !strings.Contains(ty.Note, "unsettled") {
		t.Errorf("2024 note = %q, want it to say the Finnmark reduction is unsettled", ty.Note)
	}
}

func TestDefaultTaxTableIsACopy(t *testing.T) {
	a, err := DefaultTaxTable()
	if err != nil {
		t.Fatal(err)
	}
	a[2025].Steps[0].Rate = taxD("0.5")
	delete(a, 2026)
	b, err := DefaultTaxTable()
	if err != nil {
		t.Fatal(err)
	}
	if !b[2025].Steps[0].Rate.Equal(taxD("0.017")) {
		t.Errorf("changing one copy changed the defaults: step 1 rate %s", b[2025].Steps[0].Rate)
	}
	if _, err := b.Year(2026); err != nil {
		t.Errorf("deleting from one copy changed the defaults: %v", err)
	}
}

func TestTaxTableMissingYear(t *testing.T) {
	tt, err := DefaultTaxTable()
	if err != nil {
		t.Fatal(err)
	}
	_, err = tt.Year(2027)
	const want = "no tax parameters for income year 2027: add them under tax: in the config file (see README)"
	if err == nil || err.Error() != want {
		t.Fatalf("Year(2027) error = %v, want %q", err, want)
	}
	var me *MissingTaxYearError
	if !errors.As(err, &me) || me.Year != 2027 {
		t.Errorf("error %T is not a *MissingTaxYearError for 2027", err)
	}
}

// validTaxFile is one complete year; the error cases below break one line.
const validTaxFile = `# test
year,parameter,value,source
2025,ordinary_rate,0.22,s
2025,ordinary_rate_finnmark,0.185,s
2025,personal_allowance,108550,s
2025,finnmark_allowance,30000,s
2025,min_deduction_rate,0.46,s
2025,min_deduction_cap,92000,s
2025,step1_from,217400,s
2025,step1_rate,0.017,s
2025,step2_from,306050,s
2025,step2_rate,0.04,"s; t"
2025,trygdeavgift_rate,0.077,s
2025,trygdeavgift_lower_limit,99650,s
2025,trygdeavgift_phase_in,0.25,s
`

func TestParseTaxTable(t *testing.T) {
	tt, err := ParseTaxTable("t.csv", []byte(validTaxFile))
	if err != nil {
		t.Fatal(err)
	}
	ty, err := tt.Year(2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(ty.Steps) != 2 || ty.StepsFinnmark != nil || ty.Source != "s; t" || ty.Note != "" {
		t.Errorf("parsed %+v", ty)
	}

	withFinnmark := validTaxFile + "2025,step2_rate_finnmark,0.02,s\n2025,note,\"a note, with a comma\",s\n"
	tt, err = ParseTaxTable("t.csv", []byte(withFinnmark))
	if err != nil {
		t.Fatal(err)
	}
	ty = tt[2025]
	if len(ty.StepsFinnmark) != 2 || !ty.StepsFinnmark[1].Rate.Equal(taxD("0.02")) ||
		!ty.StepsFinnmark[0].Rate.Equal(taxD("0.017")) || !ty.Steps[1].Rate.Equal(taxD("0.04")) {
		t.Errorf("Finnmark steps = %v, steps = %v", ty.StepsFinnmark, ty.Steps)
	}
	if ty.Note != "a note, with a comma" {
		t.Errorf("note = %q", ty.Note)
	}
}

func TestParseTaxTableErrors(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(validTaxFile, old) {
			t.Fatalf("test file has no %q", old)
		}
		return strings.Replace(validTaxFile, old, new, 1)
	}
	tests := []struct {
		name, file string
		want       []string // all must appear in the error
	}{
		{"comma in value", replace("108550", "108,550"), []string{"t.csv:5:", "5 fields, want 4"}},
		{"bad amount", replace("108550", "abc"), []string{"t.csv:5:", "personal_allowance", `"abc" is not a number`}},
		{"percent", replace("0.22", "22 %"), []string{"t.csv:3:", "ordinary_rate", "0.22 for 22 %"}},
		{"rate above 1", replace("0.077", "7.7"), []string{"t.csv:13:", "trygdeavgift_rate", "write 7.7 % as 0.077"}},
		{"negative amount", replace("92000", "-92000"), []string{"t.csv:8:", "min_deduction_cap", "must not be negative"}},
		{"unknown parameter", replace("min_deduction_cap", "min_deduction_kap"), []string{"t.csv:8:", `"min_deduction_kap" is not a tax parameter`}},
		{"bad year", replace("2025,personal_allowance", "20x5,personal_allowance"), []string{"t.csv:5:", "year", `"20x5"`}},
		{"duplicate", validTaxFile + "2025,step1_rate,0.02,s\n", []string{"t.csv:16:", "step1_rate for 2025 is already given on line 10"}},
		{"missing parameter", replace("2025,trygdeavgift_phase_in,0.25,s\n", ""), []string{"t.csv:", "income year 2025: trygdeavgift_phase_in: missing"}},
		{"missing step rate", replace("2025,step2_rate,0.04,\"s; t\"\n", ""), []string{"income year 2025: step2_rate: missing"}},
		{"steps descend", replace("306050", "200000"), []string{"t.csv:11:", "step2_from", "steps must ascend"}},
		{"Finnmark step without step", validTaxFile + "2025,step3_rate_finnmark,0.1,s\n", []string{"step3_from: missing", "step3_rate: missing"}},
		{"bad header", replace("year,parameter,value,source", "year,key,value,source"), []string{"t.csv:2:", "header"}},
		{"empty", "# nothing\n", []string{"t.csv:", "empty"}},
		{"bad quote", replace(`"s; t"`, `"s; t`), []string{"t.csv:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTaxTable("t.csv", []byte(tc.file))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestTaxYearValidate(t *testing.T) {
	tt, err := DefaultTaxTable()
	if err != nil {
		t.Fatal(err)
	}
	base := tt[2025]
	tests := []struct {
		name   string
		change func(*TaxYear)
		want   string
	}{
		{"rate above 1", func(ty *TaxYear) { ty.OrdinaryRate = taxD("22") }, "ordinary_rate: 22 is not a rate between 0 and 1"},
		{"negative rate", func(ty *TaxYear) { ty.TrygdeavgiftPhaseIn = taxD("-0.25") }, "trygdeavgift_phase_in: -0.25 is not a rate"},
		{"negative amount", func(ty *TaxYear) { ty.PersonalAllowance = taxD("-1") }, "personal_allowance: -1 must not be negative"},
		{"steps not ascending", func(ty *TaxYear) {
			ty.Steps = []TaxStep{{From: taxD("300000"), Rate: taxD("0.017")}, {From: taxD("300000"), Rate: taxD("0.04")}}
		}, "step2_from: 300000 is not above step 1's 300000"},
		{"Finnmark step rate", func(ty *TaxYear) {
			ty.StepsFinnmark = []TaxStep{{From: taxD("1"), Rate: taxD("1.5")}}
		}, "step1_rate_finnmark: 1.5 is not a rate"},
		{"no steps", func(ty *TaxYear) { ty.Steps = nil }, "step1_from: missing"},
		{"no year", func(ty *TaxYear) { ty.Year = 0 }, "year: 0 is not an income year"},
	}
	for _, tc := range tests {
		ty := base
		ty.Steps = append([]TaxStep(nil), base.Steps...)
		tc.change(&ty)
		err := ty.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
		var pe *TaxParamError
		if !errors.As(err, &pe) {
			t.Errorf("%s: error %T holds no *TaxParamError", tc.name, err)
		}
	}
}

func TestNewTaxYearFromConfigValues(t *testing.T) {
	values := map[string]string{
		TaxKeyOrdinaryRate: "0.22", TaxKeyOrdinaryRateFinnmark: "0.185", TaxKeyPersonalAllowance: "120000",
		TaxKeyFinnmarkAllowance: "45000", TaxKeyMinDeductionRate: "0.46", TaxKeyMinDeductionCap: "98000",
		TaxKeyTrygdeavgiftRate: "0.076", TaxKeyTrygdeavgiftLowerLimit: "99650", TaxKeyTrygdeavgiftPhaseIn: "0.25",
		"step1_from": "230000", "step1_rate": "0.017",
	}
	ty, err := NewTaxYear(2027, values)
	if err != nil {
		t.Fatal(err)
	}
	if ty.Year != 2027 || len(ty.Steps) != 1 || !ty.PersonalAllowance.Equal(taxD("120000")) {
		t.Errorf("got %+v", ty)
	}
	values["step2_rate"] = "0.04"
	values["bogus"] = "1"
	_, err = NewTaxYear(2027, values)
	for _, want := range []string{"income year 2027: step2_from: missing", "income year 2027: bogus: unknown parameter"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
	}
}

// TestTrygdeavgiftLowRateTable: the low rate (lav sats) of every embedded
// year is 5.1 % (Finansdepartementet, Skattesatser 2023–2026; Skatteetaten's
// trekktabell LAV_TRYGDEAVG_PROSENT = 5.1), and it survives Values and
// NewTaxYear, as a config file override of another key of the year does.
func TestTrygdeavgiftLowRateTable(t *testing.T) {
	tt, err := DefaultTaxTable()
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range tt.Years() {
		low := tt[y].TrygdeavgiftRateLow
		if !low.Valid || !low.Decimal.Equal(taxD("0.051")) {
			t.Errorf("%d: low rate %v, want 0.051", y, low)
		}
		values := tt[y].Values()
		if values[TaxKeyTrygdeavgiftRateLow] != "0.051" {
			t.Errorf("%d: Values() low rate %q", y, values[TaxKeyTrygdeavgiftRateLow])
		}
		values[TaxKeyPersonalAllowance] = "1"
		back, err := NewTaxYear(y, values)
		if err != nil || !back.TrygdeavgiftRateLow.Valid || !back.TrygdeavgiftRateLow.Decimal.Equal(taxD("0.051")) {
			t.Errorf("%d: rebuilt low rate %v, %v", y, back.TrygdeavgiftRateLow, err)
		}
	}
	// Optional: a year without it parses, and is a rate when given.
	tt, err = ParseTaxTable("t.csv", []byte(validTaxFile))
	if err != nil || tt[2025].TrygdeavgiftRateLow.Valid {
		t.Errorf("without the row: %v, %v", tt[2025].TrygdeavgiftRateLow, err)
	}
	_, err = ParseTaxTable("t.csv", []byte(validTaxFile+"2025,trygdeavgift_rate_low,5.1,s\n"))
	if err == nil || !strings.Contains(err.Error(), "t.csv:16: trygdeavgift_rate_low") || !strings.Contains(err.Error(), "write 5.1 % as 0.051") {
		t.Errorf("5.1 as a rate: %v", err)
	}
	ty := tt[2025]
	ty.TrygdeavgiftRateLow = decimal.NewNullDecimal(taxD("-0.1"))
	if err := ty.Validate(); err == nil || !strings.Contains(err.Error(), "trygdeavgift_rate_low") {
		t.Errorf("negative low rate: %v", err)
	}
}

// TestTrygdeavgiftLowRateAge: CONVENTION (age in the income year), the age
// reached by 31 December of the income year decides. Born 1956: 2026 − 1956
// = 70, over 69, low rate all of 2026 even if the 70th birthday is 31
// December; 2025 − 1956 = 69, wage rate. Born 2010: 2026 − 2010 = 16, under
// 17, low rate; 2027 − 2010 = 17, wage rate.
func TestTrygdeavgiftLowRateAge(t *testing.T) {
	tests := []struct {
		birthYear, incomeYear, age int
		low                        bool
	}{
		{1956, 2026, 70, true},
		{1956, 2025, 69, false},
		{1950, 2026, 76, true},
		{2010, 2026, 16, true},
		{2010, 2027, 17, false},
		{2026, 2026, 0, true},
		{1990, 2026, 36, false},
		{1957, 2026, 69, false},
		{2009, 2026, 17, false},
	}
	p := TaxYear{Year: 2026, TrygdeavgiftRate: taxD("0.076"), TrygdeavgiftRateLow: decimal.NewNullDecimal(taxD("0.051"))}
	for _, tc := range tests {
		age := AgeInIncomeYear(tc.birthYear, tc.incomeYear)
		if age != tc.age || TrygdeavgiftLowRate(age) != tc.low {
			t.Errorf("born %d, income year %d: age %d low %v, want %d %v", tc.birthYear, tc.incomeYear, age, TrygdeavgiftLowRate(age), tc.age, tc.low)
		}
		rate, low, err := p.TrygdeavgiftRateFor(&age)
		want := "0.076"
		if tc.low {
			want = "0.051"
		}
		if err != nil || low != tc.low || !rate.Equal(taxD(want)) {
			t.Errorf("born %d, %d: rate %s low %v err %v, want %s", tc.birthYear, tc.incomeYear, rate, low, err, want)
		}
	}
	// No birth date: the wage rate.
	if rate, low, err := p.TrygdeavgiftRateFor(nil); err != nil || low || !rate.Equal(taxD("0.076")) {
		t.Errorf("no age: %s %v %v", rate, low, err)
	}
	// A year without the low rate: an error naming the key, only when it is needed.
	p.TrygdeavgiftRateLow = decimal.NullDecimal{}
	age := 70
	_, _, err := p.TrygdeavgiftRateFor(&age)
	var me *MissingTaxParamError
	if !errors.As(err, &me) || me.Key != TaxKeyTrygdeavgiftRateLow ||
		err.Error() != "income year 2026: trygdeavgift_rate_low is not given (the low trygdeavgift rate at age 70, under 17 or over 69): add it under tax: in the config file (see README)" {
		t.Errorf("missing low rate: %v", err)
	}
	age = 40
	if _, _, err := p.TrygdeavgiftRateFor(&age); err != nil {
		t.Errorf("age 40 needs no low rate: %v", err)
	}
}
