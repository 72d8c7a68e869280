package letter

import (
	"bytes"
	"strings"
	"testing"

	"kvp/calc"
	"kvp/rules"
)

// TestChangeSectionNynorsk: the change section of TestChangeSection in
// nynorsk, as it goes to a participant. By hand: paid 42 924 kr, owed
// 40 880 kr, overpaid 2 044 kr, recovered 1 000 + 1 000 + 44 kr from payments of 20 440 kr.
func TestChangeSectionNynorsk(t *testing.T) {
	on := date(t, "2026-09-11")
	c := Change{Paid: calc.Kroner(42924), Owed: calc.Kroner(40880), Overpayment: calc.Kroner(2044), Recovery: &calc.Recovery{Amount: calc.Kroner(1000)},
		RecoveredOn: &on, Plan: []PlanRow{
			{PayDate: date(t, "2026-07-10"), Owed: calc.Kroner(20440), Deducted: calc.Kroner(1000), PaidOut: calc.Kroner(19440), Remaining: calc.Kroner(1044)},
			{PayDate: date(t, "2026-08-12"), Owed: calc.Kroner(20440), Deducted: calc.Kroner(1000), PaidOut: calc.Kroner(19440), Remaining: calc.Kroner(44)},
			{PayDate: on, Owed: calc.Kroner(20440), Deducted: calc.Kroner(44), PaidOut: calc.Kroner(20396), Remaining: 0},
		}}
	want := `Dette er endra
--------------

Du har fått utbetalt 42 924 kr for perioden. Etter dette vedtaket har du rett på 40 880 kr. Du har difor fått utbetalt 2 044 kr for mykje. Beløpet blir trekt i stønaden du får framover (sotjl. § 40).

Vi trekkjer 1 000 kr av kvar utbetaling til beløpet er trekt inn, aldri meir enn utbetalinga (sotjl. § 40). Trekket blir fordelt på utbetalingane slik:

Utbetalingsdag  Før trekk     Trekk   Utbetalt  Står att
--------------  ---------  --------  ---------  --------
10.07.2026      20 440 kr  1 000 kr  19 440 kr  1 044 kr
12.08.2026      20 440 kr  1 000 kr  19 440 kr     44 kr
11.09.2026      20 440 kr     44 kr  20 396 kr      0 kr

Beløpet er trekt inn i sin heilskap med utbetalinga 11.09.2026.
`
	var b bytes.Buffer
	writeText(&b, &Document{Title: codeTitleChange.M(), Sections: []Section{ChangeSection(c)}}, rules.LangNN)
	_, body, _ := strings.Cut(b.String(), "\n\n")
	if !strings.HasPrefix(body, want) {
		t.Errorf("nn:\n%s\nwant it to start:\n%s", body, want)
	}
	var back bytes.Buffer
	writeText(&back, &Document{Title: codeTitleChange.M(), Sections: []Section{ChangeSection(Change{Paid: calc.Kroner(40880), Owed: calc.Kroner(42924), BackPay: calc.Kroner(2044)})}}, rules.LangNN)
	if !strings.Contains(back.String(), "Du får etterbetalt skilnaden, 2 044 kr.") {
		t.Errorf("nn back pay:\n%s", back.String())
	}
}
