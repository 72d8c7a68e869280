package letter

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"kvp/calc"
	"kvp/rules"
)

func date(t *testing.T, s string) rules.Date {
	t.Helper()
	d, err := rules.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestChangeSection renders the change letter's own section from a
// hand-built Change, as kvp regulate and kvp recalc fill it. By hand:
// paid 20 440 + 22 484 = 42 924 kr, owed 40 880 kr (two months of 1 022 kr ×
// 20 days), overpaid 42 924 − 40 880 = 2 044 kr, recovered 1 000 + 1 000 +
// 44 kr from payments of 20 440 kr, leaving 1 044, 44 and 0 kr.
func TestChangeSection(t *testing.T) {
	on := date(t, "2026-09-11")
	c := Change{Paid: calc.Kroner(42924), Owed: calc.Kroner(40880), Overpayment: calc.Kroner(2044), Recovery: &calc.Recovery{Amount: calc.Kroner(1000)},
		RecoveredOn: &on, Plan: []PlanRow{
			{PayDate: date(t, "2026-07-10"), Owed: calc.Kroner(20440), Deducted: calc.Kroner(1000), PaidOut: calc.Kroner(19440), Remaining: calc.Kroner(1044)},
			{PayDate: date(t, "2026-08-12"), Owed: calc.Kroner(20440), Deducted: calc.Kroner(1000), PaidOut: calc.Kroner(19440), Remaining: calc.Kroner(44)},
			{PayDate: on, Owed: calc.Kroner(20440), Deducted: calc.Kroner(44), PaidOut: calc.Kroner(20396), Remaining: 0},
		}}
	for _, tc := range []struct {
		lang, want string
	}{
		{rules.LangNB, `Dette er endret
---------------

Du har fått utbetalt 42 924 kr for perioden. Etter dette vedtaket har du rett på 40 880 kr. Du har derfor fått utbetalt 2 044 kr for mye. Beløpet trekkes i stønaden du får framover (sotjl. § 40).

Vi trekker 1 000 kr av hver utbetaling til beløpet er trukket inn, aldri mer enn utbetalingen (sotjl. § 40). Trekket fordeles på utbetalingene slik:

Utbetalingsdag  Før trekk     Trekk   Utbetalt  Gjenstår
--------------  ---------  --------  ---------  --------
10.07.2026      20 440 kr  1 000 kr  19 440 kr  1 044 kr
12.08.2026      20 440 kr  1 000 kr  19 440 kr     44 kr
11.09.2026      20 440 kr     44 kr  20 396 kr      0 kr

Beløpet er trukket inn i sin helhet med utbetalingen 11.09.2026.
`},
		{rules.LangEN, `What has changed
----------------

You have been paid NOK 42 924 for the period. Under this decision you are entitled to NOK 40 880. You have therefore been paid NOK 2 044 too much. The amount is deducted from the benefit you are paid from now on (sotjl. § 40).
`},
	} {
		var b bytes.Buffer
		writeText(&b, &Document{Title: codeTitleChange.M(), Sections: []Section{ChangeSection(c)}}, tc.lang)
		got := b.String()
		_, body, _ := strings.Cut(got, "\n\n")
		if !strings.HasPrefix(body, tc.want) {
			t.Errorf("%s:\n%s\nwant it to start:\n%s", tc.lang, body, tc.want)
		}
	}
	// The payments a change concerns: a table and their sums; a back pay
	// with the payment that carries it.
	with := date(t, "2026-08-10")
	s := ChangeSection(Change{Paid: calc.Kroner(21462), Owed: calc.Kroner(22512), BackPay: calc.Kroner(1050), BackPayWith: &with,
		Payments: []ChangedPayment{{Earned: Month(calc.MonthOf(date(t, "2026-05-01"))), PayDate: date(t, "2026-06-10"),
			Paid: calc.Kroner(21462), Owed: calc.Kroner(22512), Difference: calc.Kroner(1050)}}})
	var b bytes.Buffer
	writeText(&b, &Document{Title: codeTitleChange.M(), Sections: []Section{s}}, rules.LangNB)
	for _, want := range []string{"mai 2026  10.06.2026      21 462 kr  22 512 kr   1 050 kr",
		"For disse utbetalingene har du fått utbetalt 21 462 kr. Etter dette vedtaket har du rett på 22 512 kr. Du får etterbetalt forskjellen, 1 050 kr. Etterbetalingen kommer sammen med utbetalingen 10.08.2026."} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("back pay section lacks %q:\n%s", want, b.String())
		}
	}
	for _, tc := range []struct {
		name string
		c    Change
		code string
	}{
		{"back pay", Change{Paid: calc.Kroner(40880), Owed: calc.Kroner(42924), BackPay: calc.Kroner(2044)}, "letter.change.back_pay"},
		{"nothing", Change{Paid: calc.Kroner(100), Owed: calc.Kroner(100)}, "letter.change.nothing_owed"},
	} {
		s := ChangeSection(tc.c)
		last := s.Blocks[len(s.Blocks)-1].Sentences
		if got := last[len(last)-1].Code; got != tc.code {
			t.Errorf("%s: last sentence %s, want %s", tc.name, got, tc.code)
		}
	}
}

// TestBuildChange: a change letter is the grant's letter with the change
// section after the period, and § 40 in its legal basis when it recovers;
// without a Change, or without steps, there is no letter.
func TestBuildChange(t *testing.T) {
	p, err := rules.DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	res, err := calc.Stipend(p, calc.Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-01-01"), To: date(t, "2026-02-28")},
		Rounding: calc.RoundingNAV, AgeSwitch: calc.AgeSwitchBirthday, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Input{Kind: KindChange, Result: res}); !errors.Is(err, ErrNoChange) {
		t.Errorf("change without Change: %v", err)
	}
	if _, err := Build(Input{Kind: KindGrant, Result: &calc.Result{}}); !errors.Is(err, ErrNoSteps) {
		t.Errorf("no steps: %v", err)
	}
	d, err := Build(Input{Kind: KindChange, Result: res, Change: &Change{Paid: calc.Kroner(50000), Owed: calc.Kroner(43946), Overpayment: calc.Kroner(6054)}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range d.Sections {
		ids = append(ids, s.ID)
	}
	if got, want := strings.Join(ids, " "), "period change basis payments tax legal report appeal"; got != want {
		t.Errorf("sections %q, want %q", got, want)
	}
	var b bytes.Buffer
	if err := Write(&b, d, "text", rules.LangNB); err != nil {
		t.Fatal(err)
	}
	// January 2026: 22 weekdays, February: 20; 42 × 1 022 kr = 42 924 kr.
	for _, want := range []string{"Vedtak om endring av kvalifiseringsstønad", "sosialtjenesteloven §§ 29, 35, 39 og 40.", "Til sammen får du 42 924 kr for 42 stønadsdager"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("change letter lacks %q:\n%s", want, b.String())
		}
	}
}
