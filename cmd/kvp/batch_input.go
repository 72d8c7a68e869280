package main

import (
	"bufio"
	"bytes"
	"io"
	"path/filepath"
	"strings"
)

// utf8BOM is the byte order mark some editors put first in a UTF-8 file.
var utf8BOM = []byte("\ufeff")

// skipBOM drops a byte order mark at the start of the input.
func skipBOM(br *bufio.Reader) {
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
}

// sniffFormat decides the input format for --input-format auto: by the file
// name's extension when it has one kvp knows (.csv; .jsonl, .ndjson, .json),
// else by the input's first byte that is not blank: '{' is JSON lines,
// anything else CSV. It reads no further than that byte, so that a pipe fed
// line by line is not held up. Call it after skipBOM.
func sniffFormat(name string, br *bufio.Reader) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return "csv"
	case ".jsonl", ".ndjson", ".json":
		return "jsonl"
	}
	const limit = 64 << 10 // a longer blank start is not CSV either
	scanned := 0
	for n := 1; ; {
		b, err := br.Peek(n) // waits for n bytes: n is at most one more than has come
		for ; scanned < len(b); scanned++ {
			switch b[scanned] {
			case ' ', '\t', '\r', '\n':
				continue
			case '{':
				return "jsonl"
			}
			return "csv"
		}
		if err != nil || len(b) >= limit {
			return "jsonl" // blank to the end: an empty batch, or empty-line records
		}
		n = min(max(len(b)+1, br.Buffered()), limit)
	}
}

// csvSource reads CSV records as encoding/csv delimits them: a line end
// inside a quoted field belongs to the field, so a record may span lines.
type csvSource struct {
	r    *bufio.Reader
	line int // lines read so far
}

// csvState is where a CSV scanner is: at a field's start, in a field
// without quotes, in a quoted field, or just after a quote in one.
type csvState uint8

const (
	csvFieldStart csvState = iota
	csvUnquoted
	csvQuoted
	csvQuoteInQuoted
)

// step moves the scanner past byte c; end says c ended the record.
func (s csvState) step(c byte) (next csvState, end bool) {
	switch s {
	case csvQuoted:
		if c == '"' {
			return csvQuoteInQuoted, false
		}
		return csvQuoted, false
	case csvQuoteInQuoted:
		switch c {
		case '"':
			return csvQuoted, false
		case '\r':
			return csvQuoteInQuoted, false
		}
		// After the closing quote only a comma or the line end may come;
		// anything else is encoding/csv's "extraneous quote", and like it
		// the record ends at the line end.
	}
	switch c {
	case '\n':
		return csvFieldStart, true
	case ',':
		return csvFieldStart, false
	case '"':
		if s == csvFieldStart {
			return csvQuoted, false
		}
	}
	return csvUnquoted, false
}

func (s *csvSource) next() ([]byte, int, error) {
	first := s.line + 1
	var buf []byte
	tooLong := false
	state := csvFieldStart
	for {
		part, err := s.r.ReadSlice('\n')
		if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
			return nil, 0, err
		}
		end := false
		if bytes.IndexByte(part, '"') < 0 && state != csvQuoteInQuoted {
			// No quote: the state stays quoted, or the line end ends it.
			if state != csvQuoted && len(part) > 0 {
				switch part[len(part)-1] {
				case '\n':
					state, end = csvFieldStart, true
				case ',':
					state = csvFieldStart
				default:
					state = csvUnquoted
				}
			}
		} else {
			for _, c := range part {
				state, end = state.step(c)
			}
		}
		s.line += bytes.Count(part, []byte{'\n'})
		if !tooLong {
			if len(buf)+len(part) > maxBatchLine+2 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, part...)
			}
		}
		if end || err == io.EOF {
			if err == io.EOF && len(buf) == 0 && !tooLong {
				return nil, 0, io.EOF
			}
			if err == io.EOF && !end {
				s.line++ // the last line has no line end
			}
			if tooLong {
				return nil, first, errLineTooLong
			}
			buf = bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte{'\n'}), []byte{'\r'})
			if len(buf) > maxBatchLine {
				return nil, first, errLineTooLong
			}
			if buf == nil {
				buf = []byte{}
			}
			return buf, first, nil
		}
	}
}

func (s *csvSource) waiting() bool { return s.r.Buffered() == 0 }
