package main

import (
	"bufio"
	"encoding/json"
	"io"
	"math/rand/v2"

	"github.com/shopspring/decimal"

	"kvp/config/caseinput"

	"kvp/rules"
)

// generateCases writes n realistic synthetic cases as JSON lines: ages 18–66
// at the start, periods of one month to three years starting 2024–2026,
// 0–4 children, some with work hours, other benefits and absence. The same
// seed gives the same cases. It serves benchmarks and load tests.
// months > 0 fixes every period at that many months.
func generateCases(w io.Writer, n int, seed uint64, months int) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := json.NewEncoder(bw)
	base := rules.NewDate(2024, 1, 1)
	for range n {
		from := base.AddDays(rng.IntN(3 * 365)).FirstOfMonth()
		length := 1 + rng.IntN(36)
		if rng.IntN(2) == 0 {
			length = 12 // one year, the typical decision
		}
		if months > 0 {
			length = months
		}
		to := from.AddMonths(length).AddDays(-1)
		age := 18 + rng.IntN(49)
		birth := from.AddDays(-(age*365 + rng.IntN(365)))
		cf := caseinput.Case{BirthDate: &birth, From: &from, To: &to}
		if k := rng.IntN(5); k > 0 && rng.IntN(3) == 0 {
			for range k {
				cf.ChildBirthDates = append(cf.ChildBirthDates, from.AddDays(-rng.IntN(17*365)))
			}
		} else {
			k := rng.IntN(5) * rng.IntN(2)
			cf.Children = &k
		}
		if rng.IntN(5) == 0 {
			hours := 5 + rng.IntN(20)
			cf.WorkHours = []caseinput.WorkHours{{Hours: caseinput.Number{Decimal: decimal.NewFromInt(int64(hours))}}}
		}
		if rng.IntN(10) == 0 {
			bf := from.AddDays(rng.IntN(max(1, int(to-from))))
			bt := min(to, bf.AddDays(14+rng.IntN(60)))
			cf.OtherBenefits = []caseinput.OtherBenefit{{Kind: []string{"dagpenger", "sykepenger", "foreldrepenger"}[rng.IntN(3)], From: &bf, To: &bt, PerDay: &caseinput.Number{Decimal: decimal.NewFromInt(int64(300 + rng.IntN(900)))}}}
		}
		if rng.IntN(8) == 0 {
			d := from.AddDays(rng.IntN(max(1, int(to-from))))
			cf.Absence = []caseinput.Absence{{Date: &d}}
		}
		if err := enc.Encode(&cf); err != nil {
			return err
		}
	}
	return bw.Flush()
}
