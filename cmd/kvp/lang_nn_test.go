package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"unicode"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/spf13/cobra"

	"kvp/rules"
)

// bokmalOnly are word forms that are bokmål and never nynorsk: none may be
// in nynorsk output. Words both standards share ("etter", "ingen", "vedtak")
// are not here.
var bokmalOnly = wordSet(`ikke fra hva hvis hvordan hvor hvem hver hvert hvilken hvilke
	noen noe mye være bare mer høyst senest seneste mens uten utenfor dem ble fikk
	dager måneder uke uken uker mottar mottas utbetales statsforvalteren
	ytelse ytelsen ytelser beregnes beregnet begrunnelse advarsel advarsler kilde
	saksbehandler saksbehandleren forskuddstrekk fradrag opptjening opptjent avbrudd
	hjemmel gjennomsnittlig tidligere lovlig årlig mangler trekkes telles gjelder gjaldt
	timer sosialtjenesteloven folketrygdloven skatteloven forvaltningsloven
	arbeidsmarkedsloven domstolloven utlendingsloven endret forskriften gi`) // nynorsk may write gi; kvp writes gje

// nynorskOnly are word forms that are nynorsk and never bokmål: none may be
// in bokmål output.
var nynorskOnly = wordSet(`ikkje frå kva korleis kven kvar nokon noko mykje
	vere berre meir høgst seinast seinaste medan utan utanfor dei fekk
	dagar månader mottek ytingar rekna heimel sakshandsamar sakshandsamaren
	frådrag forskotstrekk opptening opptent avbrot gjennomsnittleg tidlegare lovleg
	årleg manglar talde galdt timar åtvaring åtvaringar kjelde statsforvaltaren
	sosialtenestelova folketrygdlova skattelova forvaltningslova arbeidsmarknadslova
	domstollova utlendingslova`)

func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		out[w] = true
	}
	return out
}

// words are the lower-cased words of s: runs of letters, so that "frå-datoen"
// is "frå" and "datoen".
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

// foreignWords returns the words of s that are in banned.
func foreignWords(s string, banned map[string]bool) []string {
	var out []string
	for _, w := range words(s) {
		if banned[w] {
			out = append(out, w)
		}
	}
	return out
}

func TestWordsAreWholeWords(t *testing.T) {
	for _, tc := range []struct {
		text   string
		banned map[string]bool
		want   []string
	}{
		{"fråvær 14.05.2026 blir ikkje trekt", bokmalOnly, nil},
		{"fravær trekkes ikke", bokmalOnly, []string{"trekkes", "ikke"}},
		{"Frå-datoen, IKKJE", nynorskOnly, []string{"frå", "ikkje"}},
		{"ikkjefrå fraværet hvisk", bokmalOnly, nil}, // parts of words are not words
		{"Fra 01.05.2026: 21 dager", bokmalOnly, []string{"fra", "dager"}},
	} {
		if got := foreignWords(tc.text, tc.banned); !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestCatalogPurity: no nynorsk text of the catalogue has a bokmål-only
// word, and no bokmål text a nynorsk-only one.
func TestCatalogPurity(t *testing.T) {
	cat := rules.Catalog()
	for lang, banned := range map[string]map[string]bool{rules.LangNN: bokmalOnly, rules.LangNB: nynorskOnly} {
		if len(cat[lang]) == 0 {
			t.Fatalf("no %s catalogue", lang)
		}
		for code, text := range cat[lang] {
			if w := foreignWords(text, banned); w != nil {
				t.Errorf("%s.json: %s: %v in %q", lang, code, w, text)
			}
		}
	}
}

// TestCatalogFormat: each catalogue file is one key per line, sorted, as
// en.json is, so that a text added to one file is added the same way to
// the others.
func TestCatalogFormat(t *testing.T) {
	files, err := filepath.Glob("../../rules/catalog/*.json")
	if err != nil || len(files) < len(rules.Languages) {
		t.Fatalf("catalogue files %v: %v", files, err)
	}
	line := regexp.MustCompile(`^ ("[a-zA-Z0-9_.-]+"): ".*",?$`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if lines[0] != "{" || lines[len(lines)-1] != "}" {
			t.Errorf("%s: not one object of one key per line", f)
			continue
		}
		prev := ""
		for i, l := range lines[1 : len(lines)-1] {
			m := line.FindStringSubmatch(l)
			last := i == len(lines)-3
			switch {
			case m == nil:
				t.Errorf("%s:%d: not ` \"key\": \"text\",`: %q", f, i+2, l)
			case strings.HasSuffix(l, ",") == last:
				t.Errorf("%s:%d: a comma after every line but the last", f, i+2)
			case m[1] <= prev:
				t.Errorf("%s:%d: %s is not after %s", f, i+2, m[1], prev)
			}
			if m != nil {
				prev = m[1]
			}
		}
	}
}

// sourceData are parameter sources and references from rules/data, and the
// keywords a user types: they are the same in every language.
var sourceData = []string{
	"uforetrygd, alderspensjon, dagpenger, tiltakspenger, sykepenger",
	`bare " in non-quoted-field`, // encoding/csv's error, untranslated in every language
}

// quoted is a value the user gave, echoed in an error as written.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// TestLanguagePurityOverScripts runs every kvp invocation of every
// testscript (testdata/script/*.txtar, with the script's files,
// environment and standard input) again in nynorsk and in bokmål, and
// fails on a word of the other standard in what it writes. The scripts'
// assertions are left out: the output is in another language than they
// expect. --lang is set on each invocation (replacing the script's own);
// the ones run through sh get KVP_LANG as well.
func TestLanguagePurityOverScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every testscript twice")
	}
	scripts, err := filepath.Glob("testdata/script/*.txtar")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no testscripts: %v", err)
	}
	for _, tc := range []struct {
		lang           string
		banned, marker map[string]bool
	}{
		{rules.LangNN, bokmalOnly, nynorskOnly},
		{rules.LangNB, nynorskOnly, bokmalOnly},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			dir := t.TempDir()
			for _, s := range scripts {
				a, err := txtar.ParseFile(s)
				if err != nil {
					t.Fatal(err)
				}
				a.Comment = []byte(rewriteScript(string(a.Comment)))
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var runs, marked atomic.Int64
			t.Cleanup(func() {
				// Each invocation ran, and most wrote words of the language
				// (the rest write numbers, JSON or help).
				if runs.Load() < 500 || marked.Load() < runs.Load()/2 {
					t.Errorf("%d invocations checked, %d with %s words", runs.Load(), marked.Load(), tc.lang)
				}
				t.Logf("%d invocations checked, %d with %s words", runs.Load(), marked.Load(), tc.lang)
			})
			testscript.Run(t, testscript.Params{
				Dir:             dir,
				Setup:           scriptSetup,
				ContinueOnError: true,
				Cmds: map[string]func(*testscript.TestScript, bool, []string){
					"langcheck": func(ts *testscript.TestScript, _ bool, args []string) {
						out, errOut, words := runInLang(ts, tc.lang, args)
						if !words {
							return
						}
						runs.Add(1)
						text := wordsOf(args, out, errOut)
						if len(foreignWords(text, tc.marker)) > 0 {
							marked.Add(1)
						}
						for _, l := range strings.Split(text, "\n") {
							if w := foreignWords(l, tc.banned); w != nil {
								ts.Fatalf("%v in --lang %s: %v in %q", args, tc.lang, w, strings.TrimSpace(l))
							}
						}
					},
				},
			})
		})
	}
}

// rewriteScript keeps what a script does (files, environment, standard
// input, conditions) and turns each `exec kvp …` and `exec sh -c '…'` into
// `langcheck …`, dropping the assertions and the expected exit codes.
func rewriteScript(script string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(script, "\n") {
		rest := strings.TrimSpace(line)
		if rest == "" || strings.HasPrefix(rest, "#") {
			b.WriteString(line)
			continue
		}
		var conds []string
		for strings.HasPrefix(rest, "[") {
			i := strings.IndexByte(rest, ']')
			conds = append(conds, rest[:i+1])
			rest = strings.TrimSpace(rest[i+1:])
		}
		neg := ""
		if strings.HasPrefix(rest, "! ") || strings.HasPrefix(rest, "? ") {
			neg, rest = rest[:2], strings.TrimSpace(rest[2:])
		}
		fields := strings.Fields(rest)
		switch fields[0] {
		case "stdout", "stderr", "cmp", "cmpenv", "grep", "exists":
			b.WriteString("\n")
			continue
		case "exec":
			if len(fields) > 1 && (fields[1] == "kvp" || fields[1] == "sh") {
				neg, rest = "", "langcheck "+strings.TrimPrefix(rest, "exec ")
			}
		}
		b.WriteString(strings.Join(append(conds, neg+rest), " ") + "\n")
	}
	return b.String()
}

var langFlag = regexp.MustCompile(`--lang[= ]\S+`)

// runInLang runs args (kvp …, or sh -c '…') with the output language lang
// and returns what it wrote; words is false for output that is not in a
// language (--help, completion, docs).
func runInLang(ts *testscript.TestScript, lang string, args []string) (out, errOut string, words bool) {
	args = slices.Clone(args)
	switch args[0] {
	case "kvp":
		if i := slices.IndexFunc(args, func(a string) bool { return a == "--lang" || strings.HasPrefix(a, "--lang=") }); i < 0 {
			args = append(args, "--lang", lang)
		} else if args[i] == "--lang" && i+1 < len(args) {
			args[i+1] = lang
		} else {
			args[i] = "--lang=" + lang
		}
	case "sh":
		args[len(args)-1] = langFlag.ReplaceAllString(args[len(args)-1], "--lang "+lang)
		old := ts.Getenv("KVP_LANG")
		ts.Setenv("KVP_LANG", lang)
		defer ts.Setenv("KVP_LANG", old)
	}
	var exit *exec.ExitError
	if err := ts.Exec(args[0], args[1:]...); err != nil && !errors.As(err, &exit) {
		ts.Fatalf("%v: %v", args, err)
	}
	for _, a := range args[1:] {
		for _, f := range strings.Fields(a) {
			switch f {
			case "--help", "-h", "help", "completion", "__complete", "docs":
				return "", "", false
			}
		}
	}
	return ts.ReadFile("stdout"), ts.ReadFile("stderr"), true
}

// wordsOf is the text of a run that is in its language: stdout unless it
// is data (JSON, CSV, batch records), and stderr but for the batch stamp
// and the JSON of its summary; the user's quoted values and the
// parameters' sources are left out.
func wordsOf(args []string, out, errOut string) string {
	var b strings.Builder
	data := strings.HasPrefix(strings.TrimSpace(out), "{") || strings.HasPrefix(strings.TrimSpace(out), "[")
	for _, a := range args {
		for _, f := range strings.Fields(a) {
			data = data || f == "batch" || f == "json" || f == "jsonl" || f == "csv" || f == "-ojson" || f == "--output=json"
		}
	}
	if !data {
		b.WriteString(out)
	}
	for _, line := range strings.SplitAfter(errOut, "\n") {
		if strings.HasPrefix(line, "kvp: stempel: ") || strings.HasPrefix(line, "kvp: stamp: ") || strings.HasPrefix(line, "{") {
			continue
		}
		b.WriteString(strings.SplitN(line, "{", 2)[0])
	}
	text := b.String()
	for _, s := range sourceData {
		text = strings.ReplaceAll(text, s, "")
	}
	return quoted.ReplaceAllString(text, "")
}

// TestHelpNamesLanguages: the help of kvp and of each command it runs says
// which languages its output has, before its exit codes.
func TestHelpNamesLanguages(t *testing.T) {
	root := newRootCmd(&app{io: &IOStreams{}, out: &bytes.Buffer{}})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		if c.Runnable() || c == root {
			i, j := strings.Index(c.Long, "\nLANGUAGES\n"), strings.Index(c.Long, "\nEXIT STATUS\n")
			if i < 0 || j < i || !strings.Contains(c.Long[i:j], "nn (Norwegian nynorsk)") {
				t.Errorf("%s: no LANGUAGES section naming nn before EXIT STATUS", c.CommandPath())
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
