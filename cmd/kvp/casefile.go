package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"unicode/utf8"

	"kvp/config/caseinput"
	"kvp/rules"
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
		return nil, rules.FieldErr(name, err)
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
			return nil, name, rules.Errorf(errCaseFile, err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, name, rules.Errorf(errCaseFile, rules.Errorf(errIsDirectory, path))
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(bufio.NewReader(r), caseinput.MaxFileSize+1))
	if err != nil {
		return nil, name, rules.FieldErr(name, err)
	}
	if len(data) > caseinput.MaxFileSize {
		return nil, name, rules.FieldErr(name, rules.Errorf(errLargerThan, caseinput.MaxFileSize>>20))
	}
	if !utf8.Valid(data) {
		return nil, name, rules.FieldErr(name, rules.Errorf(rules.ErrNotUTF8))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, name, rules.FieldErr(name, rules.Errorf(errEmptyFile))
	}
	return data, name, nil
}
