package main

import (
	"encoding/json"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"kvp/calc"
	"kvp/config"
	"kvp/rules"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// schemaVersion is the version of every JSON document kvp prints. It changes
// when a field is removed or changes meaning, not when one is added.
const schemaVersion = 2

// writeJSON prints v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// maxTableWidth is how wide the narrow tables of kvp calc, check and period
// are off a terminal, in columns (runes).
const maxTableWidth = 120

// printer writes a command's tables in l to w, each at most width columns
// wide (0: no limit). wide asks for every column (--wide).
type printer struct {
	w     io.Writer
	l     locale
	width int
	wide  bool
}

// printer is how kvp calc, check and period print on s: the narrow tables fit
// the terminal's width, or maxTableWidth off a terminal; --wide shows every
// column with no limit.
func (s *IOStreams) printer(l locale, wide bool) printer {
	p := printer{w: s.Out, l: l, width: maxTableWidth, wide: wide}
	switch {
	case wide:
		p.width = 0
	case s.IsTerminal && s.Width > 0:
		p.width = s.Width
	}
	return p
}

// table prints rows under header, fitted to p's width.
func (p printer) table(header []string, rows [][]string, right ...int) error {
	return fitTable(p.w, p.width, nil, header, rows, right...)
}

// tableWithout is table without the columns drop.
func (p printer) tableWithout(drop []int, header []string, rows [][]string, right ...int) error {
	return fitTable(p.w, p.width, drop, header, rows, right...)
}

// table prints rows under header. Columns listed in right are right-aligned
// (money and counts).
func table(w io.Writer, header []string, rows [][]string, right ...int) error {
	return fitTable(w, 0, nil, header, rows, right...)
}

// fitTable prints rows under header without the columns drop, at most width
// columns wide (0: no limit): the widest text column is narrowed until the
// table fits, its cells wrapped between words. Right-aligned columns (money,
// counts) and words are never broken, so a table can stay wider than a very
// narrow width.
func fitTable(w io.Writer, width int, drop []int, header []string, rows [][]string, right ...int) error {
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignLeft
	}
	for _, i := range right {
		align[i] = tw.AlignRight
	}
	if len(drop) > 0 {
		align, header = without(align, drop), without(header, drop)
		kept := make([][]string, len(rows))
		for j, r := range rows {
			kept[j] = without(r, drop)
		}
		rows = kept
	}
	if width > 0 {
		rows = fitColumns(width, header, rows, align)
	}
	t := tablewriter.NewTable(w, append([]tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
	}, tableSymbols(w)...)...)
	t.Header(header)
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}

// fitColumns returns rows with the cells of the left-aligned columns wrapped
// so that the table is at most width columns wide, where words allow.
func fitColumns(width int, header []string, rows [][]string, align []tw.Align) [][]string {
	n := len(header)
	widths, least := make([]int, n), make([]int, n) // now, and the longest word
	for i, h := range header {
		widths[i], least[i] = runes(h), runes(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], runes(c))
			for _, word := range strings.Fields(c) {
				least[i] = max(least[i], runes(word))
			}
		}
	}
	total := 3*n + 1 // "│ " before each cell, " " after it, and the last "│"
	for _, x := range widths {
		total += x
	}
	narrowed := false
	for total > width {
		widest := -1
		for i := range widths {
			if align[i] == tw.AlignLeft && widths[i] > least[i] && (widest < 0 || widths[i] > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
		total--
		narrowed = true
	}
	if !narrowed {
		return rows
	}
	out := make([][]string, len(rows))
	for j, r := range rows {
		out[j] = make([]string, len(r))
		for i, c := range r {
			out[j][i] = c
			if align[i] == tw.AlignLeft && runes(c) > widths[i] {
				out[j][i] = wrapWords(c, widths[i])
			}
		}
	}
	return out
}

// without returns s without the elements at the indexes drop.
func without[T any](s []T, drop []int) []T {
	out := make([]T, 0, len(s))
	for i, x := range s {
		if !slices.Contains(drop, i) {
			out = append(out, x)
		}
	}
	return out
}

// wrapWords breaks s between words into lines of at most width runes.
func wrapWords(s string, width int) string {
	var b strings.Builder
	line := 0
	for _, word := range strings.Fields(s) {
		n := runes(word)
		switch {
		case line == 0:
		case line+1+n > width:
			b.WriteByte('\n')
			line = 0
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += n
	}
	return b.String()
}

// runes is the width of s in columns: its runes.
func runes(s string) int { return utf8.RuneCountInString(s) }

// heading prints a section title before a table.
func heading(w io.Writer, title string) {
	_, _ = io.WriteString(w, "\n"+title+"\n")
}

// version is the tool's version; release builds set it with
// -ldflags "-X main.version=v1.2.3". Otherwise the module version from the
// build information is used.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// stamp identifies what produced a result, so that a run can be reproduced:
// the same version, parameters and policy give byte-identical output.
type stamp struct {
	Version    string `json:"kvp_version"`
	ParamsHash string `json:"params_hash"`
	Rounding   string `json:"rounding,omitempty"`
	// AsOf is the day the parameters are as known on (--as-of), when given.
	AsOf *rules.Date `json:"as_of,omitempty"`
}

// caseStamp is the stamp of a case priced with params: the configuration's,
// or as known on the case's own as_of (calcOptions.params).
func caseStamp(cfg *config.Config, params *rules.Params, rounding string) stamp {
	st := newStamp(cfg, rounding)
	if params != cfg.Params {
		st.AsOf, st.ParamsHash = params.AsOf, paramsHash(params)
	}
	return st
}

func newStamp(cfg *config.Config, rounding string) stamp {
	return stamp{Version: toolVersion(), ParamsHash: paramsHash(cfg.Params), Rounding: rounding, AsOf: cfg.Params.AsOf}
}

// paramsHashes are the hashes of the parameter sets kvp serve keeps loaded
// (and never changes): hashing is a large share of a small calculation.
var paramsHashes sync.Map // *rules.Params → string

// calculators are the calculators of those parameter sets.
var calculators sync.Map // *rules.Params → *calc.Calculator

// rememberParamsHash hashes p once for every later stamp of it, and makes
// its calculator once for every later calculation.
func rememberParamsHash(p *rules.Params) {
	paramsHashes.Store(p, config.Hash(p))
	calculators.Store(p, calc.NewCalculator(p))
}

// calculatorFor is calc.NewCalculator(p), made once where p is one kvp
// serve keeps (a calculator is safe for concurrent use: batch workers share one).
func calculatorFor(p *rules.Params) *calc.Calculator {
	if k, ok := calculators.Load(p); ok {
		return k.(*calc.Calculator)
	}
	return calc.NewCalculator(p)
}

// paramsHash is config.Hash(p), remembered where p is one kvp serve keeps.
func paramsHash(p *rules.Params) string {
	if h, ok := paramsHashes.Load(p); ok {
		return h.(string)
	}
	return config.Hash(p)
}
