package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

// referenceJSON is a message's JSON as it was written before issue 19,
// every part by encoding/json.
func referenceJSON(t *testing.T, w Warning) []byte {
	t.Helper()
	var b bytes.Buffer
	code, _ := json.Marshal(w.Code)
	b.WriteString(`{"code":` + string(code) + `,"args":{`)
	for i, a := range w.Args {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(a.Name)
		v, err := json.Marshal(a.Value)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(string(name) + ":" + string(v))
	}
	text, _ := json.Marshal(w.Text(LangEN))
	ref, _ := json.Marshal(w.Ref)
	b.WriteString(`},"text":` + string(text) + `,"legal_reference":` + string(ref) + `}`)
	return b.Bytes()
}

// spaced is a Marshaler whose output encoding/json compacts.
type spaced struct{}

func (spaced) MarshalJSON() ([]byte, error) { return []byte(`{ "a" : [1, 2] }`), nil }

// htmlish is a Marshaler whose string encoding/json escapes.
type htmlish struct{}

func (htmlish) MarshalJSON() ([]byte, error) { return []byte(`"<b>&"`), nil }

// TestMessageJSONAsEncodingJSON: Warning.MarshalJSON and AppendJSON write
// the bytes encoding/json wrote, for every kind of argument value and the
// strings it escapes.
func TestMessageJSONAsEncodingJSON(t *testing.T) {
	d := NewDate(2027, 5, 1)
	nested := ErrAverageGUnknown.M(2027, "g@2027-05-01")
	values := []any{
		"plain", "sotjl. § 36 – æøå", `quote " and \ backslash`, "<tag> & co", "line\nend\ttab", "\u2028 and \u2029",
		"bad \xff utf-8", "", 0, -42, 1 << 40, d, decimal.RequireFromString("136549"), decimal.RequireFromString("-0.125"),
		decimal.New(15, 3), nested, []Message{nested, ErrAverageGMonth.M(2026, nested)}, errors.New("an <error>"), nil,
		2.5, true, spaced{}, htmlish{}, map[string]int{"b": 2, "a": 1}, struct{ X int }{3},
	}
	for i, v := range values {
		for _, w := range []Warning{
			{Message: Message{Code: "test.value", Args: []Arg{{Name: "v", Value: v}}}, Ref: "ref <&>"},
			{Message: ErrAverageGMonth.M(2026, v), Ref: "ftrl. § 1-4"},
		} {
			want := referenceJSON(t, w)
			got, err := w.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("value %d (%T):\n got %s\nwant %s", i, v, got, want)
			}
			appended, err := w.AppendJSON([]byte("x"))
			if err != nil || string(appended) != "x"+string(want) {
				t.Errorf("value %d (%T): AppendJSON %s %v", i, v, appended, err)
			}
			if enc, err := json.Marshal(w); err != nil || !bytes.Equal(enc, want) {
				t.Errorf("value %d (%T): json.Marshal %s %v", i, v, enc, err)
			}
		}
	}
	if _, err := (Message{Code: "test.value", Args: []Arg{{Name: "v", Value: make(chan int)}}}).MarshalJSON(); err == nil {
		t.Error("a value encoding/json cannot write: no error")
	}
}

// FuzzAppendJSONString: a string is quoted as json.Marshal quotes it.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "§ – æ", "<&>", "\u2028", "\xff", "\x00", `"\`, "\U0001F600"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}
