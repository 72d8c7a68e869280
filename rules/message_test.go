package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

// TestMessageRender: arguments are written the language's way (dates
// 01.05.2026, periods with a dash, "1 dag"), and a string argument, such as
// a path or a key, is never changed.
func TestMessageRender(t *testing.T) {
	from, _ := ParseDate("2026-07-16")
	deadline, _ := ParseDate("2026-07-15")
	app, _ := ParseDate("2026-01-15")
	m := WarnStartDeadlineMissed.M(from, Days(1), deadline, app)
	tests := []struct{ lang, want string }{
		{LangEN, "the programme started 2026-07-16, 1 day after the deadline 2026-07-15 (six months after the application of 2026-01-15)"},
		{LangNB, "programmet startet 16.07.2026, 1 dag etter fristen 15.07.2026 (seks måneder etter søknaden 15.01.2026)"},
		{LangNN, "programmet starta 16.07.2026, 1 dag etter fristen 15.07.2026 (seks månader etter søknaden 15.01.2026)"},
	}
	for _, tt := range tests {
		if got := m.Text(tt.lang); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
	p := Period{From: app, To: from}
	o := WarnOverlap.M("leave[0]", p, "empty dir/case.yaml", p)
	if got, want := o.Text(LangNB), "leave[0] 15.01.2026–16.07.2026 overlapper empty dir/case.yaml 15.01.2026–16.07.2026: dagene de har felles, telles ikke to ganger"; got != want {
		t.Errorf("nb: %q, want %q", got, want)
	}
	if got, want := o.Text(LangNN), "leave[0] 15.01.2026–16.07.2026 overlappar empty dir/case.yaml 15.01.2026–16.07.2026: dagane dei har felles, blir ikkje talde to gonger"; got != want {
		t.Errorf("nn: %q, want %q", got, want)
	}
	// nynorsk writes numbers, dates and periods as bokmål does: 20 dagar, 1 234,5.
	for _, tt := range []struct {
		v    any
		want string
	}{
		{Days(20), "20 dagar"},
		{Days(1), "1 dag"},
		{from, "16.07.2026"},
		{p, "15.01.2026–16.07.2026"},
		{decimal.RequireFromString("1234.5"), "1 234,5"},
	} {
		if got := FormatValue(tt.v, LangNN); got != tt.want {
			t.Errorf("nn %v: %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestWarningJSON: a warning is {code, args, text, legal_reference}, the
// text English, the arguments in their declared order.
func TestWarningJSON(t *testing.T) {
	from, _ := ParseDate("2026-07-16")
	app, _ := ParseDate("2026-08-01")
	b, err := json.Marshal(Warn(WarnStartBeforeApplication.M(from, app), "sotjl. § 31"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"code":"period.start_before_application","args":{"start":"2026-07-16","application":"2026-08-01"},` +
		`"text":"the programme starts 2026-07-16, before the application date 2026-08-01","legal_reference":"sotjl. § 31"}`
	if string(b) != want {
		t.Errorf("JSON\n %s\nwant\n %s", b, want)
	}
}

// TestErrorText: a coded error is written in the language asked for, and
// what wraps it (a field, a file) stays as the caller wrote it; in a joined
// error each part is written on its own.
func TestErrorText(t *testing.T) {
	_, err := ParseDate("2026-02-30")
	wrapped := fmt.Errorf("case.yaml: line 3: from: %w", err)
	if got, want := ErrorText(wrapped, LangNB), `case.yaml: line 3: from: "2026-02-30" finnes ikke: måned 02 i 2026 har 28 dager`; got != want {
		t.Errorf("nb: %q, want %q", got, want)
	}
	if got := ErrorText(wrapped, LangEN); got != wrapped.Error() {
		t.Errorf("en: %q, want %q", got, wrapped.Error())
	}
	_, err2 := ParsePeriod("2026-02-01..2026-01-01")
	joined := errors.Join(fmt.Errorf("to: %w", err), errors.New("plain: empty"), fmt.Errorf("leave[0]: %w", err2))
	want := "to: \"2026-02-30\" finnes ikke: måned 02 i 2026 har 28 dager\nplain: empty\nleave[0]: \"2026-02-01..2026-01-01\" slutter før den starter"
	if got := ErrorText(joined, LangNB); got != want {
		t.Errorf("joined nb: %q, want %q", got, want)
	}
	var c Coded
	if !errors.As(wrapped, &c) || c.Msg().Code != ErrDayNotInMonth.ID {
		t.Errorf("not coded: %v", wrapped)
	}
}
