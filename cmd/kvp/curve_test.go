package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// svgFills counts the SVG's path elements by their fill colour; the SVG
// must parse as XML.
func svgFills(t *testing.T, b []byte) map[string]int {
	t.Helper()
	fills := map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG does not parse as XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "path" {
			for _, a := range se.Attr {
				if a.Name.Local == "style" {
					for part := range strings.SplitSeq(a.Value, ";") {
						if c, ok := strings.CutPrefix(part, "fill:"); ok {
							fills[strings.ToUpper(c)]++
						}
					}
				}
			}
		}
	}
	return fills
}

// hexColour is c as the SVG writes a fill.
func hexColour(r, g, b uint8) string {
	const digits = "0123456789ABCDEF"
	return "#" + string([]byte{digits[r>>4], digits[r&15], digits[g>>4], digits[g&15], digits[b>>4], digits[b&15]})
}

// runMain runs kvp with args in dir and returns the exit code, stdout and stderr.
func runMain(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errOut bytes.Buffer
	code := Main(args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

// TestCurveChartSVG: the curve's chart parses as XML, has one point of the
// net after tax per point of the curve (and one in the legend), and is the
// same byte for byte when drawn again.
func TestCurveChartSVG(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	args := []string{"curve", "--birth-date", "1990-01-01", "--from", "2026-01-01", "--to", "2026-12-31", "--income-year", "earned",
		"--vary", "work-hours=0..37.5/2.5", "--hourly-wage", "100", "--chart", "a.svg", "-o", "json"}
	if code, _, stderr := runMain(t, dir, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	args[len(args)-3] = "b.svg"
	if code, _, stderr := runMain(t, dir, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a.svg"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.svg"))
	if !bytes.Equal(a, b) {
		t.Error("the SVG differs between two runs")
	}
	if bytes.Contains(a, []byte("@font-face")) || bytes.Contains(a, []byte("base64")) {
		t.Error("the SVG embeds a font")
	}
	fills := svgFills(t, a)
	if got := fills[hexColour(colourNetAfterTax.R, colourNetAfterTax.G, colourNetAfterTax.B)]; got != 16+1 {
		t.Errorf("%d points of the net after tax, want 16 and one in the legend", got)
	}
	// Every point from 2.5 hours on is a cliff at 100 kr an hour (the
	// curve.txtar testscript works one out); none is drawn without a cross.
	if !bytes.Contains(a, []byte("Net, net after tax and stipend by work-hours")) {
		t.Error("no English title")
	}
}

// TestCurveChartLanguage: the chart's title and legend follow --lang.
func TestCurveChartLanguage(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	code, _, stderr := runMain(t, dir, "curve", "--birth-date", "1990-01-01", "--from", "2026-01-01", "--to", "2026-12-31",
		"--vary", "work-hours=0..37.5/7.5", "--chart", "nb.svg", "--lang", "nb")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "nb.svg"))
	for _, want := range []string{"Netto, netto etter skatt og stønad etter work-hours", "kroner i perioden", "stønaden når null", "netto etter skatt"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the nb chart lacks %q", want)
		}
	}
}

// TestCaseloadChartSVG: the caseload chart has one bar per histogram bin
// (Sturges: 1 + ⌊log₂ 5⌋ = 3 bins for 5 cases) and one bar per group.
func TestCaseloadChartSVG(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	cases := `{"birth_date":"1990-01-01","from":"2026-01-05","to":"2026-01-30"}
{"birth_date":"2005-06-01","from":"2026-01-05","to":"2026-01-30"}
{"birth_date":"1990-01-01","from":"2026-01-05","to":"2026-01-30","children":1}
{"birth_date":"1990-01-01","from":"2025-03-03","to":"2025-03-28"}
{"birth_date":"1990-01-01","from":"2026-01-05","to":"2026-01-20"}
`
	scenario := "title: f\nparameters:\n  factor:\n    - {from: 2026-01-01, value: 2.1}\n"
	os.WriteFile(filepath.Join(dir, "cases.jsonl"), []byte(cases), 0o600)
	os.WriteFile(filepath.Join(dir, "f.yaml"), []byte(scenario), 0o600)
	for _, name := range []string{"a.svg", "b.svg"} {
		if code, _, stderr := runMain(t, dir, "compare", "-f", "cases.jsonl", "--scenario", "f.yaml", "--chart", name, "-o", "json"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a.svg"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.svg"))
	if !bytes.Equal(a, b) {
		t.Error("the SVG differs between two runs")
	}
	fills := svgFills(t, a)
	if got, want := fills[hexColour(colourHistogram.R, colourHistogram.G, colourHistogram.B)], histogramBins(5); got != want || want != 3 {
		t.Errorf("%d histogram bars, want %d (3)", got, want)
	}
	if got := fills[hexColour(colourGroups.R, colourGroups.G, colourGroups.B)]; got != 4 {
		t.Errorf("%d group bars, want 4", got)
	}
}

// TestCurveExitCodes: bad input is exit 2 with one line on stderr and
// nothing on stdout.
func TestCurveExitCodes(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	base := []string{"curve", "--birth-date", "1990-01-01", "--from", "2026-01-01", "--to", "2026-12-31"}
	for _, extra := range [][]string{
		{"--vary", "hours=0..10/1"},
		{"--vary", "work-hours=0..10/0"},
		{"--vary", "other-income=0..100000/1"},
		{"--vary", "work-hours=0..10/1", "--chart", "x.pdf"},
		{"--vary", "work-hours=10..0/1"},
		{"--vary", "work-hours=0..10"},
	} {
		code, stdout, stderr := runMain(t, t.TempDir(), append(base, extra...)...)
		if code != exitUsage || stdout != "" || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d, one line on stderr", extra, code, stdout, stderr, exitUsage)
		}
	}
}

// FuzzParseVary: --vary never panics, and a value it accepts has 1 to
// 10 000 points from FROM up to TO.
func FuzzParseVary(f *testing.F) {
	for _, s := range []string{"work-hours=0..37.5/2.5", "g%=-5..5/1", "factor@2026-01-01=2..2.2/0.05", "other-income=0..1e9/1",
		"personal_allowance@2026=1..2/0.0000000001", "=../", "work-hours=0..37.5/-1", "g=99999999999999..999999999999/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseVary(s)
		if err != nil {
			return
		}
		vals := v.values()
		if len(vals) < 1 || len(vals) > maxCurvePoints {
			t.Fatalf("%q: %d points", s, len(vals))
		}
		if !vals[0].Equal(v.From) || vals[len(vals)-1].GreaterThan(v.To) {
			t.Fatalf("%q: points %s..%s outside %s..%s", s, vals[0], vals[len(vals)-1], v.From, v.To)
		}
	})
}

// exampleChartArgs draw examples/curve-work-hours.svg, README's chart.
var exampleChartArgs = []string{"curve", "--birth-date", "1990-01-01", "--from", "2026-01-01", "--to", "2026-12-31",
	"--income-year", "earned", "--vary", "work-hours=0..37.5/2.5", "--hourly-wage", "150", "--chart", "curve-work-hours.svg", "-o", "json"}

// TestExampleChart: the chart committed under examples/ is what kvp draws
// now; go test ./cmd/kvp -run TestExampleChart -update redraws it.
func TestExampleChart(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	if code, _, stderr := runMain(t, dir, exampleChartArgs...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "curve-work-hours.svg"))
	const path = "../../examples/curve-work-hours.svg"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s is not what kvp draws now (%v): go test ./cmd/kvp -run TestExampleChart -update", path, err)
	}
}
