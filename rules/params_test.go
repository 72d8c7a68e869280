package rules

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestDefaultParamsLookups(t *testing.T) {
	p, err := DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		date, g, factor, child string
	}{
		{"1967-01-01", "5400", "", ""},
		{"2024-04-30", "118620", "2", "36"},
		{"2024-05-01", "124028", "2", "36"},
		{"2024-06-30", "124028", "2", "36"},
		{"2024-07-01", "124028", "2.041", "36"},
		{"2025-05-01", "130160", "2.041", "37"},
		{"2026-04-30", "130160", "2.041", "38"},
		{"2026-05-01", "136549", "2.041", "38"},
		{"2023-12-31", "118620", "2", "27"},
	}
	for _, tt := range tests {
		d := mustDate(t, tt.date)
		g, err := p.G.At(d)
		if err != nil || g.Value.String() != tt.g {
			t.Errorf("G at %s = %v, %v; want %s", d, g.Value, err, tt.g)
		}
		if tt.factor == "" {
			if _, err := p.Factor.At(d); err == nil {
				t.Errorf("factor at %s: want an error before the programme began", d)
			}
			continue
		}
		if f, _ := p.Factor.At(d); f.Value.String() != tt.factor {
			t.Errorf("factor at %s = %s, want %s", d, f.Value, tt.factor)
		}
		if c, _ := p.ChildSupplement.At(d); c.Value.String() != tt.child {
			t.Errorf("child supplement at %s = %s, want %s", d, c.Value, tt.child)
		}
	}
	if _, err := p.G.At(mustDate(t, "1966-12-31")); err == nil || !strings.Contains(err.Error(), "1967-01-01") {
		t.Errorf("G before 1967: error %v should name the first date", err)
	}
	if s, _ := p.Under25Share.At(mustDate(t, "2026-01-01")); s.Value.String() != "2/3" {
		t.Errorf("under-25 share = %s", s.Value)
	}
}

func TestChangePoints(t *testing.T) {
	p, _ := DefaultParams()
	got := p.ChangePoints(mustDate(t, "2024-01-01"), mustDate(t, "2025-12-31"))
	want := []string{"2024-05-01", "2025-05-01", "2024-07-01", "2025-01-01"}
	if len(got) != len(want) {
		t.Fatalf("ChangePoints = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("ChangePoints[%d] = %s, want %s", i, got[i], want[i])
		}
	}
	// The first day of a period is not a change point inside it.
	if cp := p.ChangePoints(mustDate(t, "2024-05-01"), mustDate(t, "2024-05-31")); len(cp) != 0 {
		t.Errorf("ChangePoints from a change date = %v, want none", cp)
	}
}

// TestAverageGMatchesPublished checks the month-weighted average against
// NAV's published yearly averages for every year since 1967.
func TestAverageGMatchesPublished(t *testing.T) {
	p, _ := DefaultParams()
	f, err := os.Open("testdata/grunnbelop-yearly-average.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 60 {
		t.Fatalf("only %d rows", len(recs))
	}
	for _, r := range recs[1:] {
		y, _ := strconv.Atoi(r[0])
		got, err := p.AverageG(y)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != r[1] {
			t.Errorf("average G %d = %s, published %s", y, got, r[1])
		}
	}
	if _, err := p.AverageG(2027); err == nil {
		t.Error("average G 2027 should be unknown without a 2027 G")
	}
	q := p.Clone()
	if err := q.Set(KeyG, mustDate(t, "2027-05-01"), "143000", "", "test", OriginFlag); err != nil {
		t.Fatal(err)
	}
	// 4 × 136 549 + 8 × 143 000 = 1 690 196; / 12 = 140 849.67 → 140 850
	if got, err := q.AverageG(2027); err != nil || got.String() != "140850" {
		t.Errorf("average G 2027 with a set G = %v, %v", got, err)
	}
	if _, err := p.AverageG(2027); err == nil {
		t.Error("Clone shares items with the original")
	}
}

func TestSetAndValidate(t *testing.T) {
	p, _ := DefaultParams()
	d := mustDate(t, "2026-05-01")
	if err := p.Set(KeyG, d, "140000", "", "file", OriginFile); err != nil {
		t.Fatal(err)
	}
	if g, _ := p.G.At(d); !g.Value.Equal(decimal.NewFromInt(140000)) || g.Origin != OriginFile {
		t.Errorf("replaced G = %+v", g)
	}
	if err := p.Set(KeyG, d, "-5", "", "file", OriginFile); err != nil {
		t.Fatal(err)
	}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "g entry from 2026-05-01") {
		t.Errorf("Validate of a negative G: %v", err)
	}
	for _, bad := range []struct{ key, v string }{{"gee", "1"}, {KeyG, "abc"}, {KeyUnder25Share, "2/0"}, {KeyFactor, "1e400"}, {KeyG, "136549.5"}, {KeyG, "0.01"}} {
		if err := p.Set(bad.key, d, bad.v, "", "", OriginFlag); err == nil {
			t.Errorf("Set(%s, %s) accepted", bad.key, bad.v)
		}
	}
	q, _ := DefaultParams()
	_ = q.Set(KeyUnder25Share, d, "1.5", "", "", OriginFlag)
	if err := q.Validate(); err == nil {
		t.Error("a share above 1 validated")
	}
}

func TestLoadGErrors(t *testing.T) {
	var p Params
	err := p.loadG("g.csv", []byte("effective_from,g,g_per_month,x\n2020-05-01,100,8,\n2019-05-01,90,7,\n"))
	if err == nil || !strings.Contains(err.Error(), "g.csv:3") {
		t.Errorf("unsorted G: %v", err)
	}
	err = p.loadG("g.csv", []byte("effective_from,g,g_per_month,x\n2020-02-30,100,8,\n"))
	if err == nil || !strings.Contains(err.Error(), "g.csv:2") {
		t.Errorf("bad date: %v", err)
	}
}

// TestKnownOn: G 136 549 (from 2026-05-01) was applied by NAV from
// 2026-06-01 (grunnbelop.csv); on 2026-05-15 the G known was 130 160 (from
// 2025-05-01), carried forward. The factor 2.041 (2024-07-01) has no
// known_from: known from its date in force.
func TestKnownOn(t *testing.T) {
	p, err := DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		asOf, on, wantG string
		notKnown        int
	}{
		{"2026-05-15", "2026-05-20", "130160", 1},
		{"2026-05-31", "2026-05-20", "130160", 1},
		{"2026-06-01", "2026-05-20", "136549", 0},
		{"2025-05-15", "2026-05-20", "124028", 3}, // G 2025 (known 2025-06-02), G 2026, child supplement 2026
		{"2012-05-02", "2012-05-02", "82122", 18}, // 14 G from 2013, factor 2024, child supplement 2024–2026
	} {
		q := p.KnownOn(mustDate(t, c.asOf))
		g, err := q.G.At(mustDate(t, c.on))
		if err != nil {
			t.Fatal(err)
		}
		if g.Value.String() != c.wantG || len(q.NotKnown) != c.notKnown {
			t.Errorf("as of %s: G on %s = %s with %d not known, want %s with %d (%v)", c.asOf, c.on, g.Value, len(q.NotKnown), c.wantG, c.notKnown, q.NotKnown)
		}
		if q.AsOf == nil || q.AsOf.String() != c.asOf {
			t.Errorf("AsOf = %v", q.AsOf)
		}
	}
	if n := len(p.G.Items); n < 60 || p.AsOf != nil {
		t.Error("KnownOn changed the parameters it was called on")
	}
	q := p.KnownOn(mustDate(t, "2026-05-15"))
	if nk := q.NotKnown[0]; nk.Key != KeyG || nk.From.String() != "2026-05-01" || nk.KnownFrom.String() != "2026-06-01" || nk.Value != "136549" {
		t.Errorf("NotKnown = %+v", nk)
	}
	if err := p.SetKnownFrom(KeyFactor, mustDate(t, "2024-07-01"), mustDate(t, "2024-08-01")); err != nil {
		t.Fatal(err)
	}
	f, _ := p.KnownOn(mustDate(t, "2024-07-15")).Factor.At(mustDate(t, "2024-07-15"))
	if f.Value.String() != "2" {
		t.Errorf("factor as known on 2024-07-15 = %s, want 2 (2.041 known from 2024-08-01)", f.Value)
	}
	if err := p.SetKnownFrom(KeyFactor, mustDate(t, "2024-07-02"), mustDate(t, "2024-08-01")); err == nil {
		t.Error("SetKnownFrom on a date with no value: no error")
	}
}
