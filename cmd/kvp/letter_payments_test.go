package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// letterJSON is the part of a JSON letter TestLetterChangePaymentsAgree reads.
type letterJSON struct {
	Sections []struct {
		ID     string `json:"id"`
		Blocks []struct {
			Sentences []struct {
				Code string                     `json:"code"`
				Args map[string]json.RawMessage `json:"args"`
			} `json:"sentences"`
			Table *struct {
				Columns []struct {
					Code string `json:"code"`
				} `json:"columns"`
				Rows [][]struct {
					Value any `json:"value"`
				} `json:"rows"`
			} `json:"table"`
		} `json:"blocks"`
	} `json:"sections"`
}

// tableRows are a table's rows as column code → value (amounts as decimals
// written as strings, dates and months as strings).
type tableRows []map[string]string

// letterTables are a letter's tables by section, each row by column code,
// and its sentences' arguments by code.
func letterTables(t *testing.T, doc string) (tables map[string][]tableRows, args map[string]map[string]string) {
	t.Helper()
	var l letterJSON
	if err := json.Unmarshal([]byte(doc), &l); err != nil {
		t.Fatal(err)
	}
	tables, args = map[string][]tableRows{}, map[string]map[string]string{}
	for _, s := range l.Sections {
		for _, b := range s.Blocks {
			for _, x := range b.Sentences {
				a := map[string]string{}
				for k, v := range x.Args {
					var s string
					if json.Unmarshal(v, &s) == nil {
						a[k] = s
					}
				}
				args[x.Code] = a
			}
			if b.Table == nil {
				continue
			}
			var rows tableRows
			for _, r := range b.Table.Rows {
				m := map[string]string{}
				for i, c := range r {
					if v, ok := c.Value.(string); ok {
						m[strings.TrimPrefix(b.Table.Columns[i].Code, "letter.column.")] = v
					}
				}
				rows = append(rows, m)
			}
			tables[s.ID] = append(tables[s.ID], rows)
		}
	}
	return tables, args
}

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	if s == "" {
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return d
}

// TestLetterChangePaymentsAgree: in a change letter the payments table says
// what the change section says (review finding 3): a payment already made
// shows what was paid, the payment that carries the back pay shows it, a
// payment under the recovery plan shows the plan's figures, and the amounts
// paid out add up to what the period is owed now plus what is still owed
// back when the plan does not finish.
func TestLetterChangePaymentsAgree(t *testing.T) {
	for _, c := range changeLetterCases {
		t.Run(c.name, func(t *testing.T) {
			tables, args := letterTables(t, runLetterCase(t, c.args, "en", "json"))
			if len(tables["payments"]) != 1 || len(tables["change"]) == 0 {
				t.Fatalf("tables: %v", tables)
			}
			pay := map[string]map[string]string{} // by pay date
			sum := decimal.Zero
			for _, r := range tables["payments"][0] {
				pay[r["pay_date"]] = r
				sum = sum.Add(dec(t, r["paid_out"]))
				if want := dec(t, r["amount"]).Add(dec(t, r["back_pay"])).Sub(dec(t, r["deducted"])); !want.Equal(dec(t, r["paid_out"])) {
					t.Errorf("%s: amount + back pay − deducted = %s, paid out %s", r["pay_date"], want, r["paid_out"])
				}
			}
			for _, r := range tables["change"][0] {
				if p := pay[r["pay_date"]]; p == nil || !dec(t, p["amount"]).Equal(dec(t, r["was_paid"])) {
					t.Errorf("made on %s: paid %s, the payments table says %v", r["pay_date"], r["was_paid"], p)
				}
			}
			if w, ok := args["letter.change.back_pay_with"]; ok {
				if p := pay[w["pay_date"]]; p == nil || !dec(t, p["back_pay"]).Equal(dec(t, args["letter.change.back_pay"]["amount"])) {
					t.Errorf("back pay %s with %s, the payments table says %v", args["letter.change.back_pay"]["amount"], w["pay_date"], p)
				}
			}
			if len(tables["change"]) > 1 { // the recovery plan
				for _, r := range tables["change"][1] {
					p := pay[r["pay_date"]]
					if p == nil || !dec(t, p["amount"]).Equal(dec(t, r["before_deduction"])) || !dec(t, p["deducted"]).Equal(dec(t, r["deducted"])) ||
						!dec(t, p["paid_out"]).Equal(dec(t, r["paid_out"])) {
						t.Errorf("plan %v, the payments table says %v", r, p)
					}
				}
			}
			want := dec(t, args["letter.period.total"]["net"]).Add(dec(t, args["letter.change.plan_remaining"]["amount"]))
			if !sum.Equal(want) {
				t.Errorf("paid out in all %s, want the period's %s + still owed %s", sum, args["letter.period.total"]["net"], args["letter.change.plan_remaining"]["amount"])
			}
		})
	}
}
