package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"kvp/cmd/kvp/internal/caseinput"
)

// readCaseFile reads a case from path, or from stdin when path is "-".
// JSON and YAML are both accepted; every problem names the file, the line
// and the key.
func readCaseFile(path string, stdin io.Reader) (*caseinput.Case, error) {
	data, name, err := readInput(path, stdin)
	if err != nil {
		return nil, err
	}
	c, err := caseinput.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// readInput reads a whole file (or stdin for "-") with the size, directory and
// UTF-8 checks every user file gets.
func readInput(path string, stdin io.Reader) ([]byte, string, error) {
	name := path
	var r io.Reader
	if path == "-" {
		name = "stdin"
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, name, fmt.Errorf("case file: %w", err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, name, fmt.Errorf("case file: %s is a directory, not a file", path)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(bufio.NewReader(r), caseinput.MaxFileSize+1))
	if err != nil {
		return nil, name, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > caseinput.MaxFileSize {
		return nil, name, fmt.Errorf("%s: larger than %d MiB", name, caseinput.MaxFileSize>>20)
	}
	if !utf8.Valid(data) {
		return nil, name, fmt.Errorf("%s: not UTF-8 text", name)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, name, fmt.Errorf("%s: empty", name)
	}
	return data, name, nil
}
