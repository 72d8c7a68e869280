package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// changeLetterCases are the golden change letters: a back pay after a G
// regulation, and an overpayment with a § 40 recovery plan.
//
// regulation: examples/case-regulate.yaml, one child, paid on the 10th,
// the G of 1 May 2026 (136 549) put into payment on 2026-07-15. May
// (21 days) was paid on 10 June at 1 022 + 38 = 1 060 a day, 22 260 kr;
// owed 1 072 + 38 = 1 110, 23 310 kr: 1 050 kr. June (22 days): 23 320
// against 24 420 kr, 1 100 kr. Back pay 2 150 kr, with the payment of
// 10 August (the first on or after 15 July): the new G is said to be used
// from that payment, not from 15 July, when nothing is paid. In
// "Payments", May and June show what was paid (22 260, 23 320), July
// 25 530 + 2 150 back pay = 27 680 paid out; the paid-out column adds up to
// the period's 119 890 (23 320 + 22 260 + 23 320 + 27 680 + 23 310).
//
// overpayment: examples/recalc-paid.yaml against examples/recalc-now.yaml
// (sykepenger 600 a day for 16 March – 10 April, absence 20 April): March
// −12 × 600 = −7 200 kr, April −8 × 600 − 1 022 = −5 822 kr, 13 022 kr
// over. 20 % of May's 23 310 = 4 662 and of June's 24 420 = 4 884 kr:
// 3 476 kr left when the period ends on 30 June, still owed. In
// "Payments", March and April show the 23 320 paid, May and June the plan's
// 23 310 − 4 662 = 18 648 and 24 420 − 4 884 = 19 536. The reductions name
// the kind (sykepenger) and the day of absence (20 April), not the
// segment 11–30 April.
var changeLetterCases = []struct {
	name string
	args []string
	want []string // in the English text letter, spaces between columns as one
}{
	{"regulation", []string{"--kind", "change", "-f", "../../examples/case-regulate.yaml"}, []string{
		"The basic amount G was raised from NOK 130 160 to NOK 136 549 from 2026-05-01 (ftrl. § 1-4). The new G is used from the payment on 2026-08-10,",
		"Earned Pay date Amount Back pay Paid out",
		"April 2026 2026-05-08 NOK 23 320 NOK 0 NOK 23 320",
		"May 2026 2026-06-10 NOK 22 260 NOK 0 NOK 22 260",
		"June 2026 2026-07-10 NOK 23 320 NOK 0 NOK 23 320",
		"July 2026 2026-08-10 NOK 25 530 NOK 2 150 NOK 27 680",
		"May 2026   2026-06-10  NOK 22 260   NOK 23 310   NOK 1 050",
		"June 2026  2026-07-10  NOK 23 320   NOK 24 420   NOK 1 100",
		"For these payments you have been paid NOK 45 580. Under this decision you are entitled to NOK 47 730. You will be paid the difference of NOK 2 150 in arrears. The back pay is paid together with the payment on 2026-08-10.",
	}},
	{"overpayment", []string{"--kind", "change", "--paid-case", "../../examples/recalc-paid.yaml", "-f", "../../examples/recalc-now.yaml", "--recover", "20%"}, []string{
		"has changed: absence and other benefits.",
		"March 2026  2026-04-10  NOK 23 320  NOK 16 120  NOK −7 200",
		"April 2026  2026-05-12  NOK 23 320  NOK 17 498  NOK −5 822",
		"You have therefore been paid NOK 13 022 too much.",
		"We deduct 20 % of each payment until the amount is recovered, never more than the payment (sotjl. § 40).",
		"2026-06-12 NOK 23 310 NOK 4 662 NOK 18 648 NOK 8 360",
		"2026-07-10 NOK 24 420 NOK 4 884 NOK 19 536 NOK 3 476",
		"When this period ends on 2026-06-30, NOK 3 476 has still not been recovered. You still owe the amount that is left. The NAV office decides in a separate decision whether and how it is to be recovered (sotjl. § 40).",
		"Earned Pay date Amount Deducted Paid out",
		"March 2026 2026-04-10 NOK 23 320 NOK 0 NOK 23 320",
		"April 2026 2026-05-12 NOK 23 320 NOK 0 NOK 23 320",
		"May 2026 2026-06-12 NOK 23 310 NOK 4 662 NOK 18 648",
		"June 2026 2026-07-10 NOK 24 420 NOK 4 884 NOK 19 536",
		"From 2026-03-16 to 2026-04-10 you are entitled to sykepenger (sickness benefit) of NOK 600 a day.",
		"You were absent from the programme without leave on 2026-04-20, 7.5 hours in all.",
		"sosialtjenesteloven) §§ 29, 35, 36, 38, 39 and 40.",
	}},
}

// TestLetterChangeGolden: the change letters in nb, nn and en, in every
// format, are the files in testdata/letter (go test ./cmd/kvp -run
// TestLetterChangeGolden -update rewrites them; read the diff as a
// caseworker), and the English text has the figures worked out by hand.
func TestLetterChangeGolden(t *testing.T) {
	for _, c := range changeLetterCases {
		text := runLetterCase(t, c.args, "en", "text")
		flat := strings.Join(strings.Fields(text), " ")
		for _, w := range c.want {
			if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%s: the letter lacks %q:\n%s", c.name, w, text)
			}
		}
		for _, lang := range []string{"nb", "nn", "en"} {
			for format, ext := range letterExt {
				got := runLetterCase(t, c.args, lang, format)
				path := filepath.Join("testdata", "letter", "change-"+c.name+"."+lang+"."+ext)
				if *update {
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (go test ./cmd/kvp -run TestLetterChangeGolden -update writes it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs from the letter written now:\n%s", path, got)
				}
			}
		}
	}
}

// TestLetterChangeHTMLSameFigures: a change letter's HTML shows the same
// figures, in the same order, as its text.
func TestLetterChangeHTMLSameFigures(t *testing.T) {
	for _, c := range changeLetterCases {
		for _, lang := range []string{"nb", "nn", "en"} {
			text := runLetterCase(t, c.args, lang, "text")
			body := htmlBody(runLetterCase(t, c.args, lang, "html"))
			if a, b := digitRuns.FindAllString(text, -1), digitRuns.FindAllString(body, -1); !slices.Equal(a, b) {
				t.Errorf("%s %s: the HTML's numbers differ from the text's:\n text %v\n html %v", c.name, lang, a, b)
			}
		}
	}
}
