package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kvp/rules"
)

// cfgWrite writes a file under a fresh temporary directory and returns its path.
func cfgWrite(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func cfgDate(t *testing.T, s string) rules.Date {
	t.Helper()
	d, err := rules.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func cfgDefaults(t *testing.T) *rules.Params {
	t.Helper()
	p, err := rules.DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLoadWithoutConfigFileIsDefaults: no file in the default place is not an
// error, and nothing changes.
func TestLoadWithoutConfigFileIsDefaults(t *testing.T) {
	fzEnv(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	cfg, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != "" {
		t.Errorf("File = %q, want none", cfg.File)
	}
	if err := fzSameParams(cfgDefaults(t), cfg.Params, true); err != nil {
		t.Error(err)
	}
	for _, s := range cfg.Settings {
		if s.Origin != rules.OriginDefault {
			t.Errorf("setting %s from %s, want default", s.Key, s.Origin)
		}
	}
}

// TestLoadEmptyConfigFile: an empty file is the defaults.
func TestLoadEmptyConfigFile(t *testing.T) {
	fzEnv(t)
	for _, data := range []string{"", "\n\n", " \t\n"} {
		cfg, err := Load(Options{File: cfgWrite(t, "config.yaml", []byte(data))})
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		if err := fzSameParams(cfgDefaults(t), cfg.Params, false); err != nil {
			t.Errorf("%q: %v", data, err)
		}
	}
}

func TestLoadExampleConfig(t *testing.T) {
	fzEnv(t)
	path := filepath.Join("..", "examples", "config.yaml")
	cfg, err := Load(Options{File: path})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != path {
		t.Errorf("File = %q", cfg.File)
	}
	g, err := cfg.Params.G.At(cfgDate(t, "2027-05-01"))
	if err != nil || g.Value.String() != "143000" || g.Origin != rules.OriginFile+":"+path {
		t.Errorf("G 2027-05-01 = %+v, %v", g, err)
	}
	c, err := cfg.Params.ChildSupplement.At(cfgDate(t, "2027-01-01"))
	if err != nil || c.Value.String() != "39" || c.Ref != "KVP-forskriften § 3" {
		t.Errorf("child supplement 2027 = %+v, %v", c, err)
	}
	for _, s := range cfg.Settings {
		if s.Key == KeyCycleStart || s.Key == KeyAsOf {
			continue // commented out in the example: a date that would change every figure
		}
		if s.Origin != rules.OriginFile+":"+path {
			t.Errorf("setting %s = %s from %s, want the file", s.Key, s.Value, s.Origin)
		}
	}
}

// TestLoadLayers: flags beat the environment, which beats the file.
func TestLoadLayers(t *testing.T) {
	fzEnv(t)
	path := cfgWrite(t, "config.yaml", []byte("rounding: exact\nparameters:\n  g:\n    - {from: 2027-05-01, value: 143000}\n"))
	t.Setenv("KVP_ROUNDING", "nav")
	t.Setenv(EnvSet, "g@2027-05-01=144000, factor@2027-01-01=2.1")
	cfg, err := Load(Options{File: path, Sets: []string{"g@2027-05-01=145000"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Get(KeyRounding); got != "nav" {
		t.Errorf("rounding = %q, want nav from the environment", got)
	}
	g, _ := cfg.Params.G.At(cfgDate(t, "2027-05-01"))
	if g.Value.String() != "145000" || g.Origin != rules.OriginFlag {
		t.Errorf("G = %s from %s, want 145000 from the flag", g.Value, g.Origin)
	}
	f, _ := cfg.Params.Factor.At(cfgDate(t, "2027-01-01"))
	if f.Value.String() != "2.1" || f.Origin != rules.OriginEnv {
		t.Errorf("factor = %s from %s, want 2.1 from the environment", f.Value, f.Origin)
	}
}

// TestLoadBadInput: every broken config gives one error that names the file
// (and the line, where there is one).
func TestLoadBadInput(t *testing.T) {
	fzEnv(t)
	tests := []struct {
		name string
		data string
		want []string // each must appear in the error
	}{
		{"unclosed flow mapping", "rounding: nav\nparameters:\n  g:\n    - {from: 2027-05-01, value: 143000\n", []string{"line "}},
		{"tab indentation", "rounding: nav\nparameters:\n\tg: []\n", []string{"line 3"}},
		{"bad mapping", "rounding: nav\nage_switch: birthday: next-month\n", []string{"line 2"}},
		{"unknown key", "rounding: nav\nroundng: exact\n", []string{"line 2", "roundng"}},
		{"wrong type", "parameters: 5\n", []string{"line 1"}},
		{"date that does not exist", "parameters:\n  g:\n    - from: 2027-02-30\n      value: 1\n", []string{":3:", "parameters.g.from", "2027-02-30"}},
		{"fractional G", "parameters:\n  g:\n    - from: 2027-05-01\n      value: 143000.5\n", []string{":4:", "not a whole number of kroner"}},
		{"year 99999", "parameters:\n  g:\n    - from: 99999-05-01\n      value: 1\n", []string{":3:", "99999-05-01"}},
		{"huge number", "parameters:\n  g:\n    - from: 2027-05-01\n      value: 99999999999999999999\n", []string{":4:", "out of range"}},
		{"not a number", "parameters:\n  factor:\n    - {from: 2027-01-01, value: two}\n", []string{":3:", "not a number"}},
		{"entry without value", "parameters:\n  factor:\n    - {from: 2027-01-01}\n", []string{"line 3: parameters.factor[0]: ", "needs from"}},
		{"unknown parameter", "parameters:\n  gg:\n    - {from: 2027-01-01, value: 1}\n", []string{"unknown parameter \"gg\""}},
		{"rate as percent", "tax:\n  2026: {ordinary_rate: 22 %}\n", []string{"tax.2026", "ordinary_rate"}},
		{"tax year 99999", "tax:\n  99999: {ordinary_rate: 0.22}\n", []string{"99999 is not an income year"}},
		{"negative G", "parameters:\n  g:\n    - {from: 2027-05-01, value: -1}\n", []string{"must be positive"}},
		{"not UTF-8", "rounding: n\xe5v\n", []string{"config.yaml"}},
		{"UTF-16", "\xff\xfer\x00o\x00", []string{"config.yaml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := cfgWrite(t, "config.yaml", []byte(tc.data))
			_, err := Load(Options{File: path})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, path) {
				t.Errorf("error does not name the file: %q", msg)
			}
			if strings.ContainsAny(msg, "\n\r") {
				t.Errorf("error is not one line: %q", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

// TestLoadMissingOrUnreadable: a named file that is missing, or a directory,
// is an error naming it. (A file without read permission cannot be tested
// portably: as root, which CI and containers often are, chmod 000 does not
// stop a read.)
func TestLoadMissingOrUnreadable(t *testing.T) {
	fzEnv(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.yaml")
	for _, tc := range []struct {
		name string
		opts Options
		env  string
		want string
	}{
		{"missing --config", Options{File: missing}, "", "no such file"},
		{"missing $KVP_CONFIG", Options{}, missing, "no such file"},
		{"directory", Options{File: dir}, "", "is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("KVP_CONFIG", tc.env)
			_, err := Load(tc.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, os.ErrNotExist) && tc.want == "no such file" {
				t.Errorf("error %v is not os.ErrNotExist", err)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line containing %q", msg, tc.want)
			}
		})
	}
}

// TestApplySetErrors: --set expressions that are wrong say what is expected.
func TestApplySetErrors(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{"g=143000", "expected KEY@YYYY-MM-DD=VALUE"},
		{"g@2027-05-01=", "expected KEY@YYYY-MM-DD=VALUE"},
		{"gee@2027-05-01=1", `unknown parameter "gee"`},
		{"g@2027-02-30=1", "does not exist"},
		{"g@99999-05-01=1", "is not a date"},
		{"g@2027-05-01=1e30", "out of range"},
		{"g@2027-05-01=99999999999999999999", "out of range"},
		{"factor@2027-05-01=2,1", "is not a number"},
		{"g@2027-05-01=143000.5", "not a whole number of kroner"},
		{"under25_share@2027-05-01=2/0", "positive denominator"},
	} {
		err := ApplySet(cfgDefaults(t), tc.expr, rules.OriginFlag)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ApplySet(%q) = %v, want one line containing %q", tc.expr, err, tc.want)
		}
	}
	// A value that parses but does not validate is a flag error.
	fzEnv(t)
	_, err := Load(Options{Sets: []string{"g@2027-05-01=-1"}})
	var fe *FlagError
	if !errors.As(err, &fe) {
		t.Errorf("Load with a negative G = %v, want a *FlagError", err)
	}
}

func TestExampleScenarios(t *testing.T) {
	for _, name := range []string{"scenario-g-2027.yaml", "scenario-factor-2027.yaml"} {
		s, err := LoadScenario(filepath.Join("..", "examples", name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p, q := cfgDefaults(t), cfgDefaults(t)
		if err := s.Apply(p); err != nil {
			t.Fatal(err)
		}
		if err := s.Apply(q); err != nil {
			t.Fatal(err)
		}
		if Hash(p) != Hash(q) || Hash(p) == Hash(cfgDefaults(t)) {
			t.Errorf("%s: hash %s, again %s, defaults %s", name, Hash(p), Hash(q), Hash(cfgDefaults(t)))
		}
	}
}

func TestScenarioBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"empty", "", "empty scenario file"},
		{"only a comment", "# to do\n", "scenario.yaml"},
		{"no title", "description: d\n", "needs a title"},
		{"broken YAML", "title: t\nparameters:\n  g: [\n", "line"},
		{"unknown key", "title: t\ntitel: u\n", "line 2"},
		{"fractional G", "title: t\nparameters:\n  g:\n    - {from: 2027-05-01, value: 143000.5}\n", "not a whole number of kroner"},
	} {
		_, err := ParseScenario("scenario.yaml", []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "scenario.yaml") {
			t.Errorf("%s: %v, want an error naming the file and containing %q", tc.name, err, tc.want)
		}
	}
	_, err := LoadScenario(filepath.Join(t.TempDir(), "missing.yaml"))
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing scenario: %v", err)
	}
}

// TestLangNynorsk: lang nn from KVP_LANG, a config file or LANG; an
// unknown value names the three languages.
func TestLangNynorsk(t *testing.T) {
	fzEnv(t)
	t.Setenv("KVP_LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	lang := func(file string) (string, error) {
		cfg, err := Load(Options{File: file})
		if err != nil {
			t.Fatal(err)
		}
		return cfg.Lang()
	}
	t.Setenv("LANG", "nn_NO.UTF-8")
	if l, err := lang(""); l != rules.LangNN || err != nil {
		t.Errorf("LANG=nn_NO.UTF-8: %q, %v", l, err)
	}
	t.Setenv("LANG", "")
	if l, err := lang(cfgWrite(t, "c.yaml", []byte("lang: nn\n"))); l != rules.LangNN || err != nil {
		t.Errorf("lang: nn: %q, %v", l, err)
	}
	t.Setenv("KVP_LANG", "NN")
	if l, err := lang(""); l != rules.LangNN || err != nil {
		t.Errorf("KVP_LANG=NN: %q, %v", l, err)
	}
	t.Setenv("KVP_LANG", "nynorsk")
	if _, err := lang(""); err == nil || !strings.Contains(err.Error(), "is not one of nb, nn, en") {
		t.Errorf("KVP_LANG=nynorsk: %v", err)
	}
}
