package main

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// letterCases are the golden letters: a plain grant, an under-25 case
// turning 25 inside the period, children (one turning 18), reductions.
var letterCases = []struct {
	name string
	args []string
}{
	{"plain", []string{"--birth-date", "1990-01-01", "--from", "2026-01-01", "--to", "2026-06-30"}},
	{"turns-25", []string{"--birth-date", "2001-03-15", "--from", "2026-01-01", "--to", "2026-06-30"}},
	{"children", []string{"--birth-date", "1985-05-05", "--from", "2026-01-01", "--to", "2026-12-31",
		"--child-birth-date", "2008-06-10", "--child-birth-date", "2015-02-01"}},
	{"reductions", []string{"-f", "../../examples/case-reductions.yaml", "--withholding-percent", "30"}},
}

var letterExt = map[string]string{"text": "txt", "markdown": "md", "html": "html", "json": "json"}

// runLetterCase runs kvp letter on a case in lang and format; it must
// succeed.
func runLetterCase(t *testing.T, args []string, lang, format string) string {
	t.Helper()
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var out, errOut bytes.Buffer
	full := append([]string{"letter", "--lang", lang, "-o", format}, args...)
	if code := Main(full, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}); code != 0 {
		t.Fatalf("kvp %s: exit %d: %s", strings.Join(full, " "), code, errOut.String())
	}
	return out.String()
}

// letterLangs are the languages of the golden letters: bokmål, nynorsk, English.
var letterLangs = []string{"nb", "nn", "en"}

// TestLetterGolden: the letters of the golden cases in every language of
// letterLangs and every format are the files in testdata/letter (go test
// ./cmd/kvp -run TestLetterGolden -update rewrites them; read the diff as a
// caseworker).
func TestLetterGolden(t *testing.T) {
	for _, c := range letterCases {
		for _, lang := range letterLangs {
			for format, ext := range letterExt {
				t.Run(c.name+"."+lang+"."+ext, func(t *testing.T) {
					got := runLetterCase(t, c.args, lang, format)
					path := filepath.Join("testdata", "letter", c.name+"."+lang+"."+ext)
					if *update {
						if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(path)
					if err != nil {
						t.Fatalf("%v (go test ./cmd/kvp -run TestLetterGolden -update writes it)", err)
					}
					if got != string(want) {
						t.Errorf("%s differs from the letter written now:\n%s", path, got)
					}
				})
			}
		}
	}
}

var (
	digitRuns = regexp.MustCompile(`[0-9]+`)
	htmlTags  = regexp.MustCompile(`<[^>]*>`)
	htmlStyle = regexp.MustCompile(`(?s)<style>.*</style>`)
)

// htmlBody is the text a reader sees in an HTML letter: no style, no tags.
func htmlBody(s string) string {
	body := html.UnescapeString(htmlTags.ReplaceAllString(htmlStyle.ReplaceAllString(s, ""), " "))
	return strings.ReplaceAll(body, "\u00a0", " ") // figures are written with no-break spaces

}

// TestLetterHTMLSameFiguresAsText: the HTML letter shows the same figures,
// in the same order, as the text letter, and every figure and table cell of
// the JSON document is in both.
func TestLetterHTMLSameFiguresAsText(t *testing.T) {
	for _, c := range letterCases {
		for _, lang := range letterLangs {
			text := runLetterCase(t, c.args, lang, "text")
			body := htmlBody(runLetterCase(t, c.args, lang, "html"))
			if a, b := digitRuns.FindAllString(text, -1), digitRuns.FindAllString(body, -1); !slices.Equal(a, b) {
				t.Errorf("%s %s: the HTML's numbers differ from the text's:\n text %v\n html %v", c.name, lang, a, b)
			}
			var doc struct {
				Sections []struct {
					Blocks []struct {
						Sentences []struct {
							Figures []struct{ Text string }
						}
						Table *struct{ Rows [][]struct{ Text string } }
					}
				}
			}
			if err := json.Unmarshal([]byte(runLetterCase(t, c.args, lang, "json")), &doc); err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, s := range doc.Sections {
				for _, b := range s.Blocks {
					var figs []string
					for _, se := range b.Sentences {
						for _, f := range se.Figures {
							figs = append(figs, f.Text)
						}
					}
					if b.Table != nil {
						for _, r := range b.Table.Rows {
							for _, cell := range r {
								figs = append(figs, cell.Text)
							}
						}
					}
					for _, f := range figs {
						n++
						if !strings.Contains(text, f) || !strings.Contains(body, f) {
							t.Errorf("%s %s: figure %q is not in both the text and the HTML letter", c.name, lang, f)
						}
					}
				}
			}
			if n < 10 {
				t.Errorf("%s %s: only %d figures in the JSON letter", c.name, lang, n)
			}
		}
	}
}

// TestLetterHTMLStandalone: the HTML letter runs nothing and fetches
// nothing: no script, no src or href, no @import or url(), and it has a
// print style.
func TestLetterHTMLStandalone(t *testing.T) {
	for _, c := range letterCases {
		for _, lang := range letterLangs {
			h := strings.ToLower(runLetterCase(t, c.args, lang, "html"))
			for _, bad := range []string{"<script", "src=", "href=", "@import", "url(", "<link", "<iframe", "<object", "<img", "javascript:"} {
				if strings.Contains(h, bad) {
					t.Errorf("%s %s: the HTML letter has %q", c.name, lang, bad)
				}
			}
			for _, want := range []string{"<!doctype html>", `<html lang="` + lang + `">`, `<meta charset="utf-8">`, "@media print", "@page"} {
				if !strings.Contains(h, want) {
					t.Errorf("%s %s: the HTML letter lacks %q", c.name, lang, want)
				}
			}
		}
	}
}
