package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"kvp/rules"
)

// The fuzz targets below check more than "no panic": an input either fails
// with a clean error naming the file, or yields parameters that re-encode to
// a file that parses to the same parameters.
//
//	go test -run '^$' -fuzz '^FuzzConfigFile$' -fuzztime 60s ./config
//
// With a short -fuzztime also pass -fuzzminimizetime 5s: by default each new
// interesting input is minimized for up to 60 s, which can eat a whole run.

// fzEnv clears every environment variable Load reads, so that a fuzz or test
// run does not depend on the caller's shell.
func fzEnv(tb interface{ Setenv(k, v string) }) {
	for _, k := range []string{"KVP_CONFIG", EnvSet, "KVP_ROUNDING", "KVP_AGE_SWITCH", "KVP_OUTPUT", "XDG_CONFIG_HOME"} {
		tb.Setenv(k, "")
	}
	tb.Setenv("HOME", os.TempDir()+"/kvp-fuzz-no-home")
}

// fzSeedFiles adds files from examples/ as seeds.
func fzSeedFiles(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("..", "examples", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// fzFileError checks an error about a file: text on every line, the first
// naming the file. (Tax problems are joined one per line; the command line
// prints them on one line.)
func fzFileError(t *testing.T, path string, err error) {
	t.Helper()
	msg := err.Error()
	if first, _, _ := strings.Cut(msg, "\n"); !strings.Contains(first, path) {
		t.Fatalf("error does not name the file %q: %q", path, msg)
	}
	for _, line := range strings.Split(msg, "\n") {
		if strings.TrimSpace(line) == "" {
			t.Fatalf("error has an empty line: %q", msg)
		}
	}
}

// fzEncodeRows writes parameter rows as plain YAML data: from and value as
// the text the file held.
func fzEncodeRows(params map[string][]fileDatedRow) map[string][]map[string]string {
	out := map[string][]map[string]string{}
	for key, rows := range params {
		list := []map[string]string{}
		for _, r := range rows {
			m := map[string]string{"from": r.From.Value, "value": r.Value.Value}
			if r.Ref != "" {
				m["legal_reference"] = r.Ref
			}
			if r.Source != "" {
				m["source"] = r.Source
			}
			list = append(list, m)
		}
		out[key] = list
	}
	return out
}

func fzEncodeTax(tax map[int]map[string]yaml.Node) map[int]map[string]string {
	out := map[int]map[string]string{}
	for y, values := range tax {
		m := map[string]string{}
		for k, n := range values {
			m[k] = n.Value
		}
		out[y] = m
	}
	return out
}

// fzSameParams compares two parameter sets by value; withOrigin also compares
// the references, sources and origins.
func fzSameParams(a, b *rules.Params, withOrigin bool) error {
	type item struct {
		from                string
		value               string
		ref, source, origin string
	}
	norm := func(items []item) []item {
		if !withOrigin {
			for i := range items {
				items[i].ref, items[i].source, items[i].origin = "", "", ""
			}
		}
		return items
	}
	series := map[string][2][]item{}
	add := func(key string, i int, items []item) {
		pair := series[key]
		pair[i] = norm(items)
		series[key] = pair
	}
	for i, p := range []*rules.Params{a, b} {
		for key, s := range map[string]rules.Series[decimal.Decimal]{
			rules.KeyG: p.G, rules.KeyFactor: p.Factor, rules.KeyDayDivisor: p.DayDivisor, rules.KeyChildSupplement: p.ChildSupplement,
		} {
			var items []item
			for _, it := range s.Items {
				// Equal values print alike once trailing zeros go: 2.50 and 2.5.
				items = append(items, item{it.From.String(), it.Value.String(), it.Ref, it.Source, it.Origin})
			}
			add(key, i, items)
		}
		var items []item
		for _, it := range p.Under25Share.Items {
			items = append(items, item{it.From.String(), it.Value.Num.String() + "/" + it.Value.Den.String(), it.Ref, it.Source, it.Origin})
		}
		add(rules.KeyUnder25Share, i, items)
	}
	for key, pair := range series {
		if fmt.Sprint(pair[0]) != fmt.Sprint(pair[1]) {
			return fmt.Errorf("%s: %v, want %v", key, pair[1], pair[0])
		}
	}
	if len(a.Tax) != len(b.Tax) {
		return fmt.Errorf("tax: %d years, want %d", len(b.Tax), len(a.Tax))
	}
	for _, y := range a.Tax.Years() {
		x, z := a.Tax[y], b.Tax[y]
		if !withOrigin {
			x.Source, z.Source = "", ""
			x.Origins, z.Origins = nil, nil
		}
		if fmt.Sprintf("%+v", x) != fmt.Sprintf("%+v", z) {
			return fmt.Errorf("tax %d: %+v, want %+v", y, z, x)
		}
	}
	return nil
}

func FuzzConfigFile(f *testing.F) {
	fzEnv(f)
	fzSeedFiles(f, "config.yaml", "scenario-factor-2027.yaml")
	for _, s := range []string{
		"", "# only a comment\n", "rounding: exact\n", "output: json\nage_switch: next-month\n",
		"parameters:\n  g:\n    - {from: 2027-05-01, value: 143000}\n",
		"parameters:\n  g:\n    - {from: 2027-05-01, value: 143000\n",
		"parameters:\n  g:\n    - from: 2027-02-30\n      value: 1\n",
		"parameters:\n  gg: []\n",
		"parameters:\n  factor:\n    - {from: 2027-01-01, value: 2.50}\n",
		"parameters:\n  under25_share:\n    - {from: 2027-01-01, value: 3/4}\n",
		"parameters:\n  g:\n    - {from: 2027-05-01, value: -1}\n",
		"parameters:\n  g:\n    - {from: [2027], value: 1}\n",
		"tax:\n  2026: {personal_allowance: 120000}\n",
		"tax:\n  2026: {ordinary_rate: 22 %}\n",
		"tax:\n  2040: {personal_allowance: 1}\n",
		"rounding: nav\n\tage_switch: birthday\n",
		"unknown: 1\n",
		"\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	defaults, err := rules.DefaultParams()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "config.yaml"
		origin := rules.OriginFile + ":" + path
		fl, err := parseFile(path, data)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("parse error is not one line: %q", err)
			}
			fzFileError(t, path, err)
			fzLoadFails(t, data)
			return
		}
		p := defaults.Clone()
		if err := fl.apply(p, origin); err != nil {
			fzFileError(t, path, err)
			fzLoadFails(t, data)
			return
		}
		verr := p.Validate()

		// Re-encode what was read and read it again.
		doc := map[string]any{}
		for k, v := range fl.settings() {
			doc[k] = v
		}
		if fl.Parameters != nil {
			doc["parameters"] = fzEncodeRows(fl.Parameters)
		}
		if fl.Tax != nil {
			doc["tax"] = fzEncodeTax(fl.Tax)
		}
		text, err := yaml.Marshal(doc)
		if err != nil {
			t.Fatalf("re-encoding: %v", err)
		}
		fl2, err := parseFile(path, text)
		if err != nil {
			t.Fatalf("re-encoded file does not parse: %v\n%s", err, text)
		}
		if fmt.Sprint(fl.settings()) != fmt.Sprint(fl2.settings()) {
			t.Fatalf("settings %v, re-read %v", fl.settings(), fl2.settings())
		}
		p2 := defaults.Clone()
		if err := fl2.apply(p2, origin); err != nil {
			t.Fatalf("re-encoded file does not apply: %v\n%s", err, text)
		}
		if err := fzSameParams(p, p2, true); err != nil {
			t.Fatalf("after a round trip: %v\n%s", err, text)
		}
		if verr2 := p2.Validate(); (verr == nil) != (verr2 == nil) {
			t.Fatalf("validate %v, after a round trip %v", verr, verr2)
		}

		// The same file through Load, as the command line reads it.
		file := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(Options{File: file})
		if verr != nil {
			if err == nil {
				t.Fatalf("Load accepted a file whose parameters do not validate (%v)", verr)
			}
			return
		}
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if err := fzSameParams(p, cfg.Params, false); err != nil {
			t.Fatalf("Load read other parameters: %v", err)
		}
		for _, s := range cfg.Settings {
			if v, ok := fl.settings()[s.Key]; ok && s.Value != v {
				t.Fatalf("setting %s = %q, the file says %q", s.Key, s.Value, v)
			}
		}
	})
}

// fzLoadFails checks that Load refuses a file that parseFile or apply
// refused, and names it.
func fzLoadFails(t *testing.T, data []byte) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(Options{File: file})
	if err == nil {
		t.Fatal("Load accepted a file parseFile or apply refused")
	}
	if !strings.Contains(err.Error(), file) {
		t.Fatalf("Load error does not name the file: %q", err)
	}
}

func FuzzApplySet(f *testing.F) {
	for _, s := range []string{
		"g@2027-05-01=143000", "factor@2027-01-01=2.1", "under25_share@2027-01-01=2/3",
		"day_divisor@2027-01-01=261", "child_supplement@2027-01-01=39", " G @ 2027-05-01 =143000",
		"g@2027-05-01=", "g=143000", "g@2027-02-30=1", "gg@2027-05-01=1", "g@2027-05-01=-1",
		"g@2027-05-01=1e13", "factor@2027-01-01=0.00000000001", "under25_share@2027-01-01=3/2",
		"g@99999-01-01=1", "g@2027-05-01=1=2", "@=", "",
	} {
		f.Add(s)
	}
	defaults, err := rules.DefaultParams()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		p := defaults.Clone()
		if err := ApplySet(p, expr, rules.OriginFlag); err != nil {
			msg := err.Error()
			if strings.TrimSpace(msg) == "" || strings.ContainsAny(msg, "\n\r") {
				t.Fatalf("%q: error is not one line of text: %q", expr, msg)
			}
			return
		}
		lhs, value, _ := strings.Cut(expr, "=")
		key, at, _ := strings.Cut(lhs, "@")
		key = strings.ToLower(strings.TrimSpace(key))
		from, err := rules.ParseDate(strings.TrimSpace(at))
		if err != nil {
			t.Fatalf("%q accepted with a bad date: %v", expr, err)
		}
		stored := fzValueOn(t, p, key, from)
		want := fzValueOn(t, func() *rules.Params {
			q := defaults.Clone()
			if err := q.Set(key, from, value, "", "", rules.OriginFlag); err != nil {
				t.Fatalf("%q: Set refuses what ApplySet took: %v", expr, err)
			}
			return q
		}(), key, from)
		if stored != want {
			t.Fatalf("%q stored %s, want %s", expr, stored, want)
		}
		// The canonical form sets the same value.
		canon := key + "@" + from.String() + "=" + stored
		q := defaults.Clone()
		if err := ApplySet(q, canon, rules.OriginFlag); err != nil {
			t.Fatalf("%q → %q: %v", expr, canon, err)
		}
		if again := fzValueOn(t, q, key, from); again != stored {
			t.Fatalf("%q → %q stored %s, want %s", expr, canon, again, stored)
		}
		perr, qerr := p.Validate(), q.Validate()
		if (perr == nil) != (qerr == nil) {
			t.Fatalf("%q validates %v, %q validates %v", expr, perr, canon, qerr)
		}
		if perr != nil && !strings.Contains(perr.Error(), "("+rules.OriginFlag+")") {
			t.Fatalf("%q: the validate error does not say the value came from a flag: %v", expr, perr)
		}
	})
}

// fzValueOn returns the value of key set exactly on from, as text
// (trailing zeros dropped, so equal values read alike).
func fzValueOn(t *testing.T, p *rules.Params, key string, from rules.Date) string {
	t.Helper()
	if key == rules.KeyUnder25Share {
		v, err := p.Under25Share.At(from)
		if err != nil || v.From != from {
			t.Fatalf("%s not set on %s", key, from)
		}
		return v.Value.String()
	}
	var s rules.Series[decimal.Decimal]
	switch key {
	case rules.KeyG:
		s = p.G
	case rules.KeyFactor:
		s = p.Factor
	case rules.KeyDayDivisor:
		s = p.DayDivisor
	case rules.KeyChildSupplement:
		s = p.ChildSupplement
	default:
		t.Fatalf("unknown key %q accepted", key)
	}
	v, err := s.At(from)
	if err != nil || v.From != from {
		t.Fatalf("%s not set on %s", key, from)
	}
	return v.Value.String()
}

func FuzzParseScenario(f *testing.F) {
	fzSeedFiles(f, "scenario-g-2027.yaml", "scenario-factor-2027.yaml", "config.yaml")
	for _, s := range []string{
		"title: t\n",
		"title: \"  \"\n",
		"title: t\nparameters:\n  g:\n    - {from: 2027-05-01, value: 143000}\n",
		"title: t\nparameters:\n  g:\n    - {from: 2027-05-01, value: 0}\n",
		"title: t\nparameters:\n  under25_share:\n    - {from: 2027-01-01, value: 1/2}\n",
		"title: t\ntax:\n  2026: {personal_allowance: 120000, note: \"a, b\"}\n",
		"title: t\ntax:\n  2026: {step9_rate: 0.1}\n",
		"title: t\ndescription: >\n  folded\n  text\nlegal_basis: x\n",
		"description: no title\n",
		"title: [a]\n",
		"",
	} {
		f.Add([]byte(s))
	}
	defaults, err := rules.DefaultParams()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "scenario.yaml"
		s, err := ParseScenario(path, data)
		if err != nil {
			fzFileError(t, path, err)
			return
		}
		if strings.TrimSpace(s.Title) == "" {
			t.Fatalf("accepted a scenario without a title")
		}
		p := defaults.Clone()
		if err := s.Apply(p); err != nil {
			t.Fatalf("ParseScenario accepted it, Apply refuses: %v", err)
		}
		doc := map[string]any{"title": s.Title}
		if s.Description != "" {
			doc["description"] = s.Description
		}
		if s.LegalBasis != "" {
			doc["legal_basis"] = s.LegalBasis
		}
		if s.params != nil {
			doc["parameters"] = fzEncodeRows(s.params)
		}
		if s.tax != nil {
			doc["tax"] = fzEncodeTax(s.tax)
		}
		text, err := yaml.Marshal(doc)
		if err != nil {
			t.Fatalf("re-encoding: %v", err)
		}
		s2, err := ParseScenario(path, text)
		if err != nil {
			t.Fatalf("re-encoded scenario does not parse: %v\n%s", err, text)
		}
		if s2.Title != s.Title || s2.Description != s.Description || s2.LegalBasis != s.LegalBasis {
			t.Fatalf("texts %q %q %q, want %q %q %q", s2.Title, s2.Description, s2.LegalBasis, s.Title, s.Description, s.LegalBasis)
		}
		p2 := defaults.Clone()
		if err := s2.Apply(p2); err != nil {
			t.Fatalf("re-encoded scenario does not apply: %v", err)
		}
		if err := fzSameParams(p, p2, true); err != nil {
			t.Fatalf("after a round trip: %v\n%s", err, text)
		}
		if Hash(p) != Hash(p2) {
			t.Fatalf("hash %s, after a round trip %s", Hash(p), Hash(p2))
		}
	})
}
