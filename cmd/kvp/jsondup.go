package main

import (
	"fmt"
	"strings"
)

// A JSON case file that gives a key twice would have encoding/json keep the
// last value without a word (and it matches keys without regard to case, so
// "from" and "From" are the same key). A case file must not hide one of two
// values, so decodeCaseText refuses it, naming the key and both lines.

// jsonRepeatedKey returns an error naming the first key that an object of
// the valid JSON text data gives twice (letter case aside, as encoding/json
// matches keys: bytes.EqualFold), or nil.
func jsonRepeatedKey(data []byte) error {
	if !jsonMayRepeatKey(data) {
		return nil
	}
	type seen struct {
		line int
		key  string
	}
	byParent := map[string][]seen{}
	for _, sp := range jsonSpots(data) {
		if sp.kind != spotKey {
			continue
		}
		parent, _ := parentPath(sp.path)
		for _, s := range byParent[parent] {
			if !strings.EqualFold(s.key, sp.text) {
				continue
			}
			what := fmt.Sprintf("given twice, first at line %d", s.line) // as YAML files say it
			if s.line == sp.line {
				what = "given twice"
			}
			return fmt.Errorf("%s", at(sp.line, sp.path, what))
		}
		byParent[parent] = append(byParent[parent], seen{line: sp.line, key: sp.text})
	}
	return nil
}

// jsonMayRepeatKey is the fast test for jsonRepeatedKey: one pass over the
// bytes of a valid JSON text, with no allocation for ordinary case files.
// It reports true when an object gives the same key twice (ASCII letter case
// aside), and also whenever a key has an escape or a byte beyond ASCII
// (Unicode folding can match "ſ" with "s"), which only jsonRepeatedKey's
// decoded comparison can settle.
func jsonMayRepeatKey(data []byte) bool {
	type frame struct {
		object bool
		keys   int // where this object's keys start in keys
	}
	var stackBuf [16]frame
	var keyBuf [64][2]int
	stack, keys := stackBuf[:0], keyBuf[:0]
	expectKey := false
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '{', '[':
			stack = append(stack, frame{object: data[i] == '{', keys: len(keys)})
			expectKey = data[i] == '{'
		case '}', ']':
			if len(stack) == 0 {
				return true // not valid JSON: let the slow path decide
			}
			keys = keys[:stack[len(stack)-1].keys]
			stack = stack[:len(stack)-1]
			expectKey = false
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1].object
		case '"':
			j, plain := i+1, true
			for ; j < len(data) && data[j] != '"'; j++ {
				if data[j] >= 0x80 {
					plain = false
				} else if data[j] == '\\' {
					plain = false
					j++
				}
			}
			if j >= len(data) {
				return true
			}
			if expectKey {
				if !plain {
					return true
				}
				key := data[i+1 : j]
				for _, k := range keys[stack[len(stack)-1].keys:] {
					if asciiEqualFold(data[k[0]:k[1]], key) {
						return true
					}
				}
				keys = append(keys, [2]int{i + 1, j})
				expectKey = false
			}
			i = j
		}
	}
	return false
}

// asciiEqualFold compares ASCII a and b with letters folded to lower case.
func asciiEqualFold(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
