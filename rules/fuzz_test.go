package rules

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// The fuzz targets below check more than "no panic": an input either fails
// with a clean error (non-empty, one line, or one line per joined problem
// naming the file) or yields a value that validates and re-encodes to text
// that parses to the same value.
//
// Run one for a while with, e.g.:
//
//	go test -run '^$' -fuzz '^FuzzParseDate$' -fuzztime 60s ./rules
//
// With a short -fuzztime also pass -fuzzminimizetime 5s: by default each new
// interesting input is minimized for up to 60 s, which can eat a whole run.

// fuzzCleanError fails unless err reads as one line of text.
func fuzzCleanError(t *testing.T, input string, err error) {
	t.Helper()
	msg := err.Error()
	if strings.TrimSpace(msg) == "" {
		t.Fatalf("%q: empty error text", input)
	}
	if strings.ContainsAny(msg, "\n\r") {
		t.Fatalf("%q: error is not one line: %q", input, msg)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2026-05-01", "1999-08-20", "2024-02-29", "2025-02-29", "2026-02-30",
		"1900-01-01", "2199-12-31", "1899-12-31", "2200-01-01", "99999-01-01",
		"2026-13-01", "2026-00-10", "2026-1-01", "+026-01-01", "2026-01-0x",
		"", "2026_01_01", "２０２６-01-01", "-001-01-01",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		// A second opinion: the standard library's strict layout, bounded to
		// the years kvp accepts.
		ref, refErr := time.Parse("2006-01-02", s)
		refOK := refErr == nil && ref.Year() >= MinYear && ref.Year() <= MaxYear && ref.Format("2006-01-02") == s
		if err != nil {
			fuzzCleanError(t, s, err)
			if refOK {
				t.Fatalf("ParseDate(%q) = %v, but it is a date in %d–%d", s, err, MinYear, MaxYear)
			}
			return
		}
		if !refOK {
			t.Fatalf("ParseDate(%q) = %s, but time.Parse says %v", s, d, refErr)
		}
		if y, m, day := d.YMD(); y != ref.Year() || m != int(ref.Month()) || day != ref.Day() {
			t.Fatalf("ParseDate(%q) = %d-%d-%d, want %s", s, y, m, day, ref.Format("2006-01-02"))
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
		text, _ := d.MarshalText()
		var u Date
		if err := u.UnmarshalText(text); err != nil || u != d {
			t.Fatalf("text round trip of %q: %v, %v", s, u, err)
		}
		if d.Weekday() != (int(ref.Weekday())+6)%7 {
			t.Fatalf("%s: weekday %d, time says %s", s, d.Weekday(), ref.Weekday())
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{
		"2026-01-01..2026-06-30", "2026-06-15..2026-06-19", "2016-02-01..2016-12-31", "2026-06-29..2026-06-30",
		"2026-06-30..2026-01-01", "2026-01-01..", "..2026-01-01", "2026-01-01...2026-01-02",
		"2026-01-01..2026-02-30", "2026-01-01", "", "..",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			fuzzCleanError(t, s, err)
			return
		}
		if p.To < p.From {
			t.Fatalf("ParsePeriod(%q) = %s ends before it starts", s, p)
		}
		if p.Days() < 1 {
			t.Fatalf("ParsePeriod(%q) has %d days", s, p.Days())
		}
		back, err := ParsePeriod(p.String())
		if err != nil || back != p {
			t.Fatalf("round trip of %q via %q: %v, %v", s, p.String(), back, err)
		}
	})
}

func FuzzParseRatio(f *testing.F) {
	for _, s := range []string{
		"2/3", "0.7", "1", "0", " 2 / 3 ", "2/0", "2/-3", "-1", "1/3/4", "a/b",
		"1e5", "1e-3/7", "2.50/3.0", "−1", "", "/", "1e10000",
	} {
		f.Add(s)
	}
	defaults, err := DefaultParams()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRatio(s)
		if err != nil {
			fuzzCleanError(t, s, err)
			return
		}
		if !r.Den.IsPositive() {
			t.Fatalf("ParseRatio(%q): denominator %s is not positive", s, r.Den)
		}
		back, err := ParseRatio(r.String())
		if err != nil {
			t.Fatalf("ParseRatio(%q) = %s, which does not parse: %v", s, r, err)
		}
		if !back.Num.Equal(r.Num) || !back.Den.Equal(r.Den) {
			t.Fatalf("round trip of %q via %q: %s/%s, want %s/%s", s, r.String(), back.Num, back.Den, r.Num, r.Den)
		}
		text, _ := r.MarshalText()
		if string(text) != r.String() {
			t.Fatalf("MarshalText %q, String %q", text, r.String())
		}
		// As a parameter, a share is valid exactly when 0 <= num <= den.
		p := defaults.Clone()
		if err := p.Set(KeyUnder25Share, NewDate(2027, 1, 1), s, "", "fuzz", OriginFlag); err != nil {
			t.Fatalf("Set(%q) failed after ParseRatio accepted it: %v", s, err)
		}
		verr := p.Validate()
		if inRange := !r.Num.IsNegative() && !r.Num.GreaterThan(r.Den); inRange != (verr == nil) {
			t.Fatalf("share %s: in range %v, but Validate says %v", r, inRange, verr)
		}
		if verr != nil && !strings.Contains(verr.Error(), KeyUnder25Share) {
			t.Fatalf("share %s: error %q does not name %s", r, verr, KeyUnder25Share)
		}
	})
}

// FuzzParamsSet covers the value half of --set and of a config file's
// parameters: whatever Set accepts is stored as the value it reads, and its
// text form sets the same value again.
func FuzzParamsSet(f *testing.F) {
	for _, kv := range [][2]string{
		{KeyG, "143000"}, {KeyFactor, "2.041"}, {KeyUnder25Share, "2/3"}, {KeyDayDivisor, "260"},
		{KeyChildSupplement, "39"}, {KeyG, "1e12"}, {KeyG, "999999999999.9999999999"}, {KeyG, "0.00000000001"},
		{KeyG, "-5"}, {KeyG, " 12 "}, {"G", "1"}, {"bogus", "1"}, {KeyFactor, "abc"}, {KeyG, ""},
	} {
		f.Add(kv[0], kv[1])
	}
	defaults, err := DefaultParams()
	if err != nil {
		f.Fatal(err)
	}
	on := NewDate(2027, 5, 1)
	f.Fuzz(func(t *testing.T, key, value string) {
		p := defaults.Clone()
		if err := p.Set(key, on, value, "", "fuzz", OriginFlag); err != nil {
			fuzzCleanError(t, key+"="+value, err)
			return
		}
		q := defaults.Clone()
		switch key {
		case KeyUnder25Share:
			got, err := p.Under25Share.At(on)
			if err != nil || got.From != on {
				t.Fatalf("%s=%q not stored on %s: %v", key, value, on, err)
			}
			if err := q.Set(key, on, got.Value.String(), "", "fuzz", OriginFlag); err != nil {
				t.Fatalf("%s: re-setting %q: %v", key, got.Value, err)
			}
			again, _ := q.Under25Share.At(on)
			if !again.Value.Num.Equal(got.Value.Num) || !again.Value.Den.Equal(got.Value.Den) {
				t.Fatalf("%s: %q → %s → %s", key, value, got.Value, again.Value)
			}
		default:
			got, err := p.decimalSeries(key).At(on)
			if err != nil || got.From != on {
				t.Fatalf("%s=%q not stored on %s: %v", key, value, on, err)
			}
			want, err := decimal.NewFromString(strings.TrimSpace(value))
			if err != nil || !got.Value.Equal(want) {
				t.Fatalf("%s=%q stored as %s", key, value, got.Value)
			}
			if err := q.Set(key, on, got.Value.String(), "", "fuzz", OriginFlag); err != nil {
				t.Fatalf("%s: re-setting %q: %v", key, got.Value, err)
			}
			again, _ := q.decimalSeries(key).At(on)
			if !again.Value.Equal(got.Value) {
				t.Fatalf("%s: %q → %s → %s", key, value, got.Value, again.Value)
			}
		}
		// Validation may refuse the value (a negative G), but cleanly and
		// naming the parameter.
		if err := p.Validate(); err != nil {
			if msg := err.Error(); strings.TrimSpace(msg) == "" || !strings.Contains(msg, key) {
				t.Fatalf("%s=%q: validate error %q does not name the parameter", key, value, msg)
			}
		}
	})
}

// fuzzTaxSeed is a small valid tax file with a Finnmark step and a note.
const fuzzTaxSeed = `year,parameter,value,source
2030,ordinary_rate,0.22,a
2030,ordinary_rate_finnmark,0.185,a
2030,personal_allowance,108550,a
2030,finnmark_allowance,30000,a
2030,min_deduction_rate,0.46,a
2030,min_deduction_cap,92000,"a; b"
2030,step1_from,217400,a
2030,step1_rate,0.017,a
2030,step2_from,306050,a
2030,step2_rate,0.04,a
2030,step2_rate_finnmark,0.02,a
2030,trygdeavgift_rate,0.077,a
2030,trygdeavgift_lower_limit,99650,a
2030,trygdeavgift_phase_in,0.25,a
2030,trygdeavgift_rate_low,0.051,a
2030,note,"a note, with a comma",b
`

func FuzzParseTaxTable(f *testing.F) {
	f.Add(taxCSV)
	f.Add([]byte(fuzzTaxSeed))
	f.Add([]byte(strings.Replace(fuzzTaxSeed, "108550", "108,550", 1)))
	f.Add([]byte(strings.Replace(fuzzTaxSeed, "0.22", "22 %", 1)))
	f.Add([]byte(strings.Replace(fuzzTaxSeed, "0.077", "7.7", 1)))
	f.Add([]byte(strings.Replace(fuzzTaxSeed, "2030,step2_rate,0.04,a\n", "", 1)))
	f.Add([]byte(strings.Replace(fuzzTaxSeed, "306050", "1e4", 1)))
	f.Add([]byte(strings.Replace(fuzzTaxSeed, `"a; b"`, `"a; b`, 1)))
	f.Add([]byte("# nothing\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "tax.csv"
		tt, err := ParseTaxTable(name, data)
		if err != nil {
			// Joined problems come one per line; each names the file.
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, name+":") {
					t.Fatalf("error line %q does not name the file (%q)", line, err)
				}
			}
			return
		}
		for _, y := range tt.Years() {
			if err := tt[y].Validate(); err != nil {
				t.Fatalf("year %d parsed but does not validate: %v", y, err)
			}
		}
		text := fuzzEncodeTaxTable(t, tt)
		back, err := ParseTaxTable(name, text)
		if err != nil {
			t.Fatalf("re-encoded table does not parse: %v\n%s", err, text)
		}
		if len(back) != len(tt) {
			t.Fatalf("re-encoded table has %d years, want %d", len(back), len(tt))
		}
		for _, y := range tt.Years() {
			if err := fuzzSameTaxYear(tt[y], back[y]); err != nil {
				t.Fatalf("year %d after a round trip: %v\n%s", y, err, text)
			}
		}
	})
}

// fuzzEncodeTaxTable writes tt in the file format ParseTaxTable reads.
func fuzzEncodeTaxTable(t *testing.T, tt TaxTable) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(taxHeader); err != nil {
		t.Fatal(err)
	}
	for _, y := range tt.Years() {
		for key, value := range tt[y].Values() {
			if err := w.Write([]string{strconv.Itoa(y), key, value, tt[y].Source}); err != nil {
				t.Fatal(err)
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fuzzSameTaxYear compares two tax years by value. A nil StepsFinnmark means
// the ordinary steps apply in Finnmark too.
func fuzzSameTaxYear(a, b TaxYear) error {
	if a.Year != b.Year || a.Note != b.Note || a.Source != b.Source {
		return fmt.Errorf("year/note/source %d %q %q, want %d %q %q", b.Year, b.Note, b.Source, a.Year, a.Note, a.Source)
	}
	for _, s := range taxScalars() {
		if !s.field(&a).Equal(*s.field(&b)) {
			return fmt.Errorf("%s = %s, want %s", s.key, *s.field(&b), *s.field(&a))
		}
	}
	if la, lb := a.TrygdeavgiftRateLow, b.TrygdeavgiftRateLow; la.Valid != lb.Valid || !la.Decimal.Equal(lb.Decimal) {
		return fmt.Errorf("%s = %v, want %v", TaxKeyTrygdeavgiftRateLow, lb, la)
	}
	same := func(what string, x, y []TaxStep) error {
		if len(x) != len(y) {
			return fmt.Errorf("%s: %d steps, want %d", what, len(y), len(x))
		}
		for i := range x {
			if !x[i].From.Equal(y[i].From) || !x[i].Rate.Equal(y[i].Rate) {
				return fmt.Errorf("%s[%d] = %v, want %v", what, i, y[i], x[i])
			}
		}
		return nil
	}
	finnmark := func(ty TaxYear) []TaxStep {
		if ty.StepsFinnmark == nil {
			return ty.Steps
		}
		return ty.StepsFinnmark
	}
	if err := same("steps", a.Steps, b.Steps); err != nil {
		return err
	}
	return same("Finnmark steps", finnmark(a), finnmark(b))
}
