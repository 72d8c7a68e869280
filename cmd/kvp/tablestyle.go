package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"kvp/rules"
)

// envASCII asks for tables drawn with + - | instead of box drawing, for
// consoles that cannot show box drawing (an old Windows console font, a
// serial terminal, a log viewer): KVP_ASCII=1, as --ascii does.
const envASCII = "KVP_ASCII"

// tableOut is stdout as the commands see it: the buffer that becomes stdout
// on success, and the table style --ascii or KVP_ASCII chose. Tables learn
// the style from the writer they are given, so no command passes it along.
type tableOut struct {
	*bytes.Buffer
	style *tableStyle
}

// tableStyle is the table style of one run.
type tableStyle struct {
	flag bool   // --ascii
	env  string // KVP_ASCII's value
}

// ascii reports whether tables are drawn in ASCII: --ascii, or KVP_ASCII=1.
// A KVP_ASCII other than 1, 0 or empty is an error naming it.
func (s *tableStyle) ascii() (bool, error) {
	switch s.env {
	case "", "0":
		return s.flag, nil
	case "1":
		return true, nil
	}
	return false, fmt.Errorf("%s: %w", envASCII, rules.Errorf(rules.ErrNotOneOf, rules.Quote(s.env), "1, 0"))
}

// asciiTables reports whether tables written to w are drawn in ASCII.
func asciiTables(w io.Writer) bool {
	if t, ok := w.(tableOut); ok {
		a, _ := t.style.ascii() // a bad KVP_ASCII has stopped the command before (env.format)
		return a
	}
	return false
}

// tableSymbols is the table option that draws in ASCII when w asks for it.
func tableSymbols(w io.Writer) []tablewriter.Option {
	if asciiTables(w) {
		return []tablewriter.Option{tablewriter.WithSymbols(tw.NewSymbols(tw.StyleASCII))}
	}
	return nil
}
