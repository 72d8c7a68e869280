// Command kvp calculates the qualification benefit (kvalifiseringsstønad) of
// Norway's qualification programme: eligibility, the stipend over any period,
// the programme's time limits and the tax-relevant amounts.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, IsTerminal: isTerminal(os.Stdout), InTerminal: isTerminal(os.Stdin), ErrTerminal: isTerminal(os.Stderr)}))
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
