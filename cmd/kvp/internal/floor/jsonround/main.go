// Command jsonround is the floor of kvp batch (issue 19): it reads each case
// line with encoding/json into the case's own type (caseinput.Case, whose
// dates and numbers parse themselves) and writes it back with
// encoding/json, on one core, and nothing else: no checks beyond the
// types', no calculation.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"kvp/config/caseinput"
)

func main() {
	in := bufio.NewReaderSize(os.Stdin, 256<<10)
	out := bufio.NewWriterSize(os.Stdout, 256<<10)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<21)
	lines := 0
	for sc.Scan() {
		var c caseinput.Case
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			fmt.Fprintln(os.Stderr, "jsonround:", err)
			os.Exit(1)
		}
		b, _ := json.Marshal(&c)
		out.Write(append(b, '\n'))
		lines++
	}
	out.Flush()
	fmt.Fprintf(os.Stderr, "jsonround: %d lines\n", lines)
}
