package caseinput

import (
	"encoding/json"
	"errors"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestCaseID: an id is text or a number, kept as written, echoed and never
// used; an error of a case that has an id still carries it, so a batch can
// join the error record to its input.
func TestCaseID(t *testing.T) {
	for _, tc := range []struct {
		in, json string
		err      string
	}{
		{in: `{"id":"a-17"}`, json: `"a-17"`},
		{in: `{"id":42}`, json: `42`},
		{in: `{"id":-1.5e3}`, json: `-1.5e3`},
		{in: `{"id":"42"}`, json: `"42"`},
		{in: "id: p-9\n", json: `"p-9"`},
		{in: "id: 17\n", json: `17`},
		{in: `{"id":[1]}`, err: `id: expected a string or a number, got a list`},
		{in: `{"id":true}`, err: `id: expected a string or a number, got true`},
	} {
		c, err := Decode([]byte(tc.in))
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%s: error %v, want %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		got, _ := json.Marshal(c.ID)
		if string(got) != tc.json {
			t.Errorf("%s: id %s, want %s", tc.in, got, tc.json)
		}
		// YAML keeps the kind: a number stays a number, text stays text.
		y, _ := yaml.Marshal(c)
		back, err := Decode(y)
		if err != nil || *back.ID != *c.ID {
			t.Errorf("%s: YAML round trip %q gives %+v, %v", tc.in, y, back.ID, err)
		}
	}
	_, err := DecodeJSON([]byte(`{"id":"x","from":"2026-02-30"}`))
	var ce *Error
	if !errors.As(err, &ce) || ce.ID == nil || ce.ID.Text != "x" {
		t.Errorf("error %v does not carry the id", err)
	}
	c, err := DecodeCSV([]string{"id", "from"}, []string{" p-1 ", "2026-01-01"})
	if err != nil || c.ID == nil || *c.ID != (ID{Text: "p-1"}) {
		t.Errorf("CSV id: %+v, %v", c, err)
	}
}
