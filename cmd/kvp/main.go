// Command kvp calculates the qualification benefit (kvalifiseringsstønad) of
// Norway's qualification programme: eligibility, the stipend over any period,
// the programme's time limits and the tax-relevant amounts.
package main

import (
	"os"
	"strconv"

	"golang.org/x/term"
)

func main() {
	restore := utf8Console()
	code := Main(os.Args[1:], &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, IsTerminal: isTerminal(os.Stdout),
		Width: terminalWidth(os.Stdout), InTerminal: isTerminal(os.Stdin), ErrTerminal: isTerminal(os.Stderr)})
	restore()
	os.Exit(code)
}

// terminalWidth is the width of the terminal f is, else $COLUMNS, else 0.
func terminalWidth(f *os.File) int {
	if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
		return w
	}
	w, _ := strconv.Atoi(os.Getenv("COLUMNS"))
	return max(w, 0)
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
