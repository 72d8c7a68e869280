package config

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"kvp/rules"
)

// Config files are read strictly (issue 16 #12): an unknown key inside an
// entry, a date given twice in one list, a second YAML document and a
// wrong type are each refused with the file, the line, the key path and
// what is expected.
func TestConfigFileStrict(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"unknown key in a G entry",
			"parameters:\n  g:\n    - {from: 2027-05-01, value: 143000, sourse: x}\n",
			"config.yaml: line 3: unknown field parameters.g[0].sourse"},
		{"unknown key in a block entry",
			"parameters:\n  g:\n    - from: 2027-05-01\n      value: 143000\n      legal_ref: x\n",
			"config.yaml: line 5: unknown field parameters.g[0].legal_ref"},
		{"a date given twice",
			"parameters:\n  g:\n    - {from: 2027-05-01, value: 143000}\n    - {from: 2027-05-01, value: 150000}\n",
			"config.yaml: line 4: parameters.g[1].from: 2027-05-01 is given twice, first at line 3: give each date once"},
		{"a date given twice, written two ways",
			"parameters:\n  factor:\n    - {from: 2027-01-01, value: 2.1}\n    - {from: \"2027-01-01\", value: 2.2}\n",
			"config.yaml: line 4: parameters.factor[1].from: 2027-01-01 is given twice, first at line 3"},
		{"a second document",
			"rounding: nav\n---\nrounding: exact\n",
			"config.yaml: line 2: a second YAML document: a config file holds one mapping of settings"},
		{"an empty second document",
			"rounding: nav\n---\n",
			"config.yaml: line 2: a second YAML document"},
		{"a setting given twice",
			"rounding: nav\nrounding: exact\n",
			"config.yaml: line 2: rounding: given twice, first at line 1"},
		{"a parameter given twice",
			"parameters:\n  g: []\n  g: []\n",
			"config.yaml: line 3: parameters.g: given twice, first at line 2"},
		{"a tax year given twice",
			"tax:\n  2026: {}\n  02026: {}\n",
			"config.yaml: line 3: tax.02026: given twice, first at line 2"},
		{"a tax key given twice",
			"tax:\n  2026: {personal_allowance: 1, personal_allowance: 2}\n",
			"config.yaml: line 2: tax.2026.personal_allowance: given twice"},
		{"an entry that is a number",
			"parameters:\n  g: [5]\n",
			"config.yaml: line 2: parameters.g[0]: expected a mapping, got 5"},
		{"a tax year that is a number",
			"tax:\n  2026: 5\n",
			"config.yaml: line 2: tax.2026: expected a mapping, got 5"},
		{"a tax year that is not a number",
			"tax:\n  abc: {}\n",
			`config.yaml: line 2: tax: "abc" is not an income year from 1900 to 2199`},
		{"a tax year with a fraction",
			"tax:\n  2026.5: {}\n",
			`config.yaml: line 2: tax: "2026.5" is not an income year from 1900 to 2199`},
		{"a setting that is a list",
			"rounding: [1]\n",
			"config.yaml: line 1: rounding: expected text, got a list"},
		{"a source that is a mapping",
			"parameters:\n  g:\n    - {from: 2027-05-01, value: 1, source: {a: 1}}\n",
			"config.yaml: line 3: parameters.g[0].source: expected text, got a mapping"},
		{"parameters as a list",
			"parameters: [1]\n",
			"config.yaml: line 1: parameters: expected a mapping, got a list"},
		{"the file a list",
			"- 1\n",
			"config.yaml: line 1: expected a mapping of settings, got a list"},
		{"an entry without a value",
			"parameters:\n  g:\n    - {from: 2027-05-01}\n",
			"config.yaml: line 3: parameters.g[0]: each entry needs from: YYYY-MM-DD and value: NUMBER"},
		{"an unknown parameter",
			"parameters:\n  gee: []\n",
			`config.yaml: line 2: parameters: unknown parameter "gee": expected one of g, factor`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fzEnv(t)
			path := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(path, []byte(tc.data), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(Options{File: path})
			if err == nil {
				t.Fatalf("accepted %q", tc.data)
			}
			msg := strings.ReplaceAll(err.Error(), filepath.Dir(path)+string(filepath.Separator), "")
			if !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q,\nwant one line containing %q", msg, tc.want)
			}
		})
	}
}

// The same file text, spread over several problems, shows the first five
// and counts the rest.
func TestConfigFileProblemsCounted(t *testing.T) {
	data := "parameters:\n  g:\n"
	for day := 1; day <= 8; day++ {
		data += fmt.Sprintf("    - {from: 2027-05-%02d, value: 1, x: 1}\n", day)
	}
	_, err := parseFile("config.yaml", []byte(data))
	if err == nil {
		t.Fatal("accepted")
	}
	msg := err.Error()
	if got := strings.Count(msg, "unknown field"); got != 5 || !strings.HasSuffix(msg, "; and 3 more") {
		t.Errorf("%d problems shown in %q, want 5 and 3 more", got, msg)
	}
}

// --write refuses a file of two documents rather than dropping the second
// (issue 16 #12), and leaves it as it was.
func TestMergeGValuesRefusesSecondDocument(t *testing.T) {
	text := "rounding: nav\n---\nrounding: exact\n"
	path := cfgWrite(t, "config.yaml", []byte(text))
	_, err := MergeGValues(path, []GValue{gv(t, "2028-05-01", 150000)})
	if err == nil || !strings.Contains(err.Error(), "line 2: a second YAML document") {
		t.Errorf("err %v, want the second document refused", err)
	}
	if b, _ := os.ReadFile(path); string(b) != text {
		t.Errorf("the file is now %q", b)
	}
}

// Scenario files are read as strictly as config files.
func TestScenarioStrict(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"unknown key in an entry",
			"title: t\nparameters:\n  g:\n    - {from: 2027-05-01, value: 143000, sourse: x}\n",
			"scenario.yaml: line 4: unknown field parameters.g[0].sourse"},
		{"a date given twice",
			"title: t\nparameters:\n  g:\n    - {from: 2027-05-01, value: 143000}\n    - {from: 2027-05-01, value: 150000}\n",
			"scenario.yaml: line 5: parameters.g[1].from: 2027-05-01 is given twice, first at line 4"},
		{"a second document",
			"title: t\n---\ntitle: u\n",
			"scenario.yaml: line 2: a second YAML document: a scenario file holds one scenario"},
		{"a title given twice",
			"title: t\ntitle: u\n",
			"scenario.yaml: line 2: title: given twice, first at line 1"},
		{"a title that is a list",
			"title: [t]\n",
			"scenario.yaml: line 1: title: expected text, got a list"},
		{"a setting in a scenario",
			"title: t\nrounding: exact\n",
			"scenario.yaml: line 2: unknown field rounding"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseScenario("scenario.yaml", []byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v,\nwant one line containing %q", err, tc.want)
			}
		})
	}
}

// Config and scenario files are limited as case files are (issue 16 #16):
// a larger one is refused without being read whole.
func TestFileSizeLimit(t *testing.T) {
	fzEnv(t)
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("# a comment\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(300 << 20); err != nil { // 300 MB, sparse
		t.Fatal(err)
	}
	_ = f.Close()
	want := "big.yaml: larger than 4 MiB"
	if _, err := Load(Options{File: big}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load: %v, want %q", err, want)
	}
	if _, err := LoadScenario(big); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("LoadScenario: %v, want %q", err, want)
	}
	at := filepath.Join(dir, "at-limit.yaml")
	data := append([]byte("rounding: exact\n"), make([]byte, MaxFileSize-16)...)
	for i := 16; i < len(data); i++ {
		data[i] = '\n'
	}
	if err := os.WriteFile(at, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg, err := Load(Options{File: at}); err != nil || cfg.Get(KeyRounding) != "exact" {
		t.Errorf("a file of exactly 4 MiB: %v", err)
	}
}

// A named pipe given as --config (or as a scenario) is refused at once,
// never read (reading would wait for a writer forever); the null device
// still reads as an empty config, the usual way to say "no config".
func TestReadOnlyRegularFiles(t *testing.T) {
	fzEnv(t)
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "a-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{filepath.Join(dir, "a-dir"): "a-dir is a directory, not a regular file"}
	if runtime.GOOS != "windows" {
		fifo := filepath.Join(dir, "fifo")
		if err := mkfifo(fifo); err == nil {
			cases[fifo] = "fifo is a named pipe, not a regular file"
		}
	}
	for path, want := range cases {
		done := make(chan error, 2)
		go func() {
			_, err := Load(Options{File: path})
			done <- err
			_, err = LoadScenario(path)
			done <- err
		}()
		for _, what := range []string{"Load", "LoadScenario"} {
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
					t.Errorf("%s(%s): %v, want one line with %q", what, filepath.Base(path), err, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s(%s) blocks", what, filepath.Base(path))
			}
		}
	}
	if _, err := os.Stat(os.DevNull); err == nil {
		if cfg, err := Load(Options{File: os.DevNull}); err != nil || cfg.File != os.DevNull {
			t.Errorf("--config %s: %v, want an empty config", os.DevNull, err)
		}
	}
}

// Errors echo at most the start of a value (issue 16 #16): a 1 MB bad value
// is not printed back.
func TestErrorsCutLongValues(t *testing.T) {
	fzEnv(t)
	long := strings.Repeat("x", 1<<20)
	check := func(t *testing.T, what string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: accepted", what)
		}
		msg := err.Error()
		if len(msg) > 400 || !(strings.Contains(msg, strings.Repeat("x", 60)) || strings.Contains(msg, strings.Repeat("9", 60))) || !strings.Contains(msg, "…") {
			t.Errorf("%s: error of %d bytes, want the value cut to 80 with …: %.300q", what, len(msg), msg)
		}
	}
	key := strings.Repeat("x", 1000) // YAML's longest plain key is 1024
	for _, tc := range []struct{ name, data string }{
		{"lang", "lang: " + long + "\n"},
		{"a G value", "parameters:\n  g:\n    - {from: 2027-05-01, value: " + long + "}\n"},
		{"a G value as text", "parameters:\n  g:\n    - {from: 2027-05-01, value: \"" + long + "\"}\n"},
		{"a from date", "parameters:\n  g:\n    - {from: 2027-05-01" + long + ", value: 1}\n"},
		{"an unknown key", key + ": 1\n"},
		{"an unknown parameter", "parameters:\n  " + key + ": []\n"},
		{"an unknown key in an entry", "parameters:\n  g:\n    - {from: 2027-05-01, value: 1, " + key + ": 1}\n"},
		{"a tax year", "tax:\n  " + key + ": {}\n"},
		{"a tax year that is a number", "tax:\n  " + strings.Repeat("9", 1000) + ": {}\n"},
		{"a tax key", "tax:\n  2026: {" + key + ": 1}\n"},
		{"a tax value", "tax:\n  2026: {personal_allowance: " + long + "}\n"},
		{"an entry that is a value", "parameters:\n  g: [" + long + "]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := cfgWrite(t, "config.yaml", []byte(tc.data))
			cfg, err := Load(Options{File: path})
			if err == nil {
				_, err = cfg.Lang()
			}
			check(t, tc.name, err)
			if tc.name != "lang" {
				_, err := ParseScenario("scenario.yaml", []byte("title: t\n"+tc.data))
				check(t, "scenario: "+tc.name, err)
			}
		})
	}
	for _, expr := range []string{"g@2027-05-01=" + long, "g@" + long + "=1", long + "@2027-05-01=1", "g" + long} {
		check(t, "--set "+expr[:20], ApplySet(cfgDefaults(t), expr, rules.OriginFlag))
		_, err := Load(Options{Sets: []string{expr}})
		check(t, "Load --set "+expr[:20], err)
	}
	t.Setenv("KVP_ROUNDING", long)
	cfg, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.Choice(KeyRounding, nil)
	check(t, "KVP_ROUNDING", err)
}

// rules.Quote cuts at a character boundary and keeps control characters
// quoted.
func TestQuoteCuts(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"nav", `"nav"`},
		{strings.Repeat("a", 80), `"` + strings.Repeat("a", 80) + `"`},
		{strings.Repeat("a", 81), `"` + strings.Repeat("a", 80) + `"…`},
		{strings.Repeat("a", 79) + "øø", `"` + strings.Repeat("a", 79) + `"…`},
		{"\x1b]0;PWNED\a", `"\x1b]0;PWNED\a"`},
	} {
		if got := rules.Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%.20q…) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
