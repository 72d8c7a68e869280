package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"kvp/config"
	"kvp/rules"
)

// IOStreams are the command's standard streams; commands never touch os.Stdout.
type IOStreams struct {
	In          io.Reader
	Out         io.Writer
	ErrOut      io.Writer
	IsTerminal  bool // stdout is a terminal
	Width       int  // the terminal's width in columns, when IsTerminal (0: unknown)
	InTerminal  bool // stdin is a terminal
	ErrTerminal bool // stderr is a terminal (progress is shown only then)
}

// Exit codes, documented in every command's help.
const (
	exitOK            = 0
	exitError         = 1 // the input could not be computed: bad file, unknown parameter, I/O
	exitUsage         = 2 // the command line is wrong: unknown flag, bad flag value
	exitNotEligible   = 3 // kvp check: not eligible
	exitUndetermined  = 4 // kvp check: facts are missing
	exitStatusSection = `

EXIT STATUS
  0  success
  1  error: a case or config file that cannot be read or is invalid, a date outside the data
  2  usage: an unknown command or flag, a flag value that is not valid`
)

// exitError carries an exit code with an error.
type codeError struct {
	code int
	err  error
}

func (e *codeError) Error() string { return e.err.Error() }
func (e *codeError) Unwrap() error { return e.err }

// exitCode maps an error to the process exit code: the one place that does.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ce *codeError
	if errors.As(err, &ce) {
		return ce.code
	}
	var fe *config.FlagError
	if errors.As(err, &fe) {
		return exitUsage
	}
	return exitError
}

// app is what the root command's flags fill and each RunE reads to fill its
// command's options: the streams, the global flags and the configuration
// once loaded (Main words an error in its language).
type app struct {
	io      *IOStreams    // stdout is out: written to the real stdout only on success
	stdout  io.Writer     // the real stdout: only kvp batch streams to it
	errRaw  io.Writer     // stderr unquoted: only for the batch progress line's terminal controls
	out     *bytes.Buffer // stdout, written to the real stdout only on success
	cfgFile string
	sets    []string
	cfg     *config.Config
	style   tableStyle // --ascii, KVP_ASCII
	paidIn  io.Reader  // kvp serve: what kvp recalc's --paid reads (the request's "paid"), the case being on stdin
}

// env is what every command's run function gets besides its own options:
// the streams and the effective configuration, loaded on first use.
type env struct {
	IO     *IOStreams
	Config func() (*config.Config, error)
}

// env gives cmd's run function the streams and cmd's configuration.
func (a *app) env(cmd *cobra.Command) env {
	return env{IO: a.io, Config: a.loader(cmd, false)}
}

// loader loads cmd's configuration once. creating is set by a command that
// creates the config file when it is missing (g import --write): a named
// file that is missing is then empty.
func (a *app) loader(cmd *cobra.Command, creating bool) func() (*config.Config, error) {
	return func() (*config.Config, error) {
		if a.cfg == nil {
			cfg, err := config.Load(config.Options{File: a.cfgFile, Flags: cmd.Flags(), Sets: a.sets, Creating: creating})
			if err != nil {
				return nil, err
			}
			a.cfg = cfg
		}
		return a.cfg, nil
	}
}

// format returns the configuration and the output format after config,
// environment and flags, checked against the formats the command supports.
func (e env) format(allowed ...string) (*config.Config, string, error) {
	cfg, err := e.Config()
	if err != nil {
		return nil, "", err
	}
	if t, ok := e.IO.Out.(tableOut); ok {
		if _, err := t.style.ascii(); err != nil {
			return nil, "", err
		}
	}
	if len(allowed) == 0 {
		allowed = []string{"table", "json"}
	}
	format, err := cfg.Choice(config.KeyOutput, allowed)
	return cfg, format, err
}

// start is the preamble of every command: the configuration, its output
// format (checked against formats) and its language.
func (e env) start(formats ...string) (*config.Config, string, locale, error) {
	cfg, format, err := e.format(formats...)
	if err != nil {
		return nil, "", locale{}, err
	}
	l, err := configLocale(cfg)
	return cfg, format, l, err
}

// given returns v when the flag name of cmd was given, else nil: how a
// RunE records in the options which flags were set.
func given[T any](cmd *cobra.Command, name string, v *T) *T {
	if cmd.Flags().Changed(name) {
		return v
	}
	return nil
}

// dated are the options of a command that shows what is in force on a
// date (kvp g, rates): Date is nil without --date.
type dated struct {
	env
	Date *string
}

// startOn is env.start and the date: --date's, or today.
func (o dated) startOn() (*config.Config, string, locale, rules.Date, error) {
	cfg, format, l, err := o.start()
	if err != nil {
		return nil, "", l, 0, err
	}
	if o.Date == nil {
		d, err := today()
		return cfg, format, l, d, err
	}
	d, err := parseDateFlag("date", *o.Date)
	return cfg, format, l, d, err
}

// today is the default evaluation date: KVP_TODAY when set (for reproducible
// runs and tests), else the local date. Only cmd reads the clock.
func today() (rules.Date, error) {
	if s := os.Getenv("KVP_TODAY"); s != "" {
		d, err := rules.ParseDate(s)
		if err != nil {
			return 0, fmt.Errorf("KVP_TODAY: %w", err)
		}
		return d, nil
	}
	now := time.Now()
	return rules.NewDate(now.Year(), int(now.Month()), now.Day()), nil
}

// Main runs kvp with args and returns the exit code. Everything a command
// writes on stderr passes through a controlQuoter, so a value read from a
// file or a server cannot drive the terminal; only the batch progress line
// writes its own controls, to errRaw.
func Main(args []string, streams *IOStreams) int {
	quoted := *streams
	quoted.ErrOut = &controlQuoter{w: streams.ErrOut}
	a := &app{stdout: streams.Out, errRaw: streams.ErrOut, out: &bytes.Buffer{}}
	a.style.env = os.Getenv(envASCII)
	quoted.Out = tableOut{a.out, &a.style}
	a.io = &quoted
	root := newRootCmd(a)
	if isCompletionRequest(args) {
		registerCompletions(root)
	}
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(a.out)
	root.SetErr(quoted.ErrOut)
	err := root.Execute()
	if err != nil {
		err = cobraError(root, err)
	}
	code := exitCode(err)
	if code == exitOK || code == exitNotEligible || code == exitUndetermined {
		if _, werr := io.Copy(streams.Out, a.out); werr != nil {
			if errors.Is(werr, syscall.EPIPE) {
				return code // the reader has gone (kvp … | head): nothing to say
			}
			err, code = rules.Errorf(errWritingOutput, werr), exitError
		}
	}
	if err != nil && code != exitNotEligible && code != exitUndetermined {
		if l := errorLang(a, args); rules.Norwegian(l) {
			fmt.Fprintf(quoted.ErrOut, "kvp: feil: %s\n", oneLine(rules.ErrorText(err, l)))
		} else {
			fmt.Fprintf(quoted.ErrOut, "kvp: error: %s\n", oneLine(err.Error()))
		}
	}
	return code
}

// errorLang decides the language of an error message when the command may
// have failed before its configuration was read: the loaded config, else
// --lang on the command line, else KVP_LANG, LC_ALL, LANG and the system's
// language (config.EnvironmentLang).
func errorLang(a *app, args []string) string {
	if a.cfg != nil {
		if l, err := a.cfg.Lang(); err == nil {
			return l
		}
	}
	for i, arg := range args {
		if v, ok := strings.CutPrefix(arg, "--lang="); ok {
			return strings.ToLower(v)
		}
		if arg == "--lang" && i+1 < len(args) {
			return strings.ToLower(args[i+1])
		}
	}
	if e := os.Getenv("KVP_LANG"); e != "" {
		return config.NearestLang(e)
	}
	return config.EnvironmentLang(os.Getenv)
}

// controlQuoter writes to w with every control character quoted: C0 controls
// other than newline and tab, and DEL, as \xNN; C1 controls and the bidi
// overrides as \uNNNN; a byte that is not UTF-8 as \xNN. A rune split
// between two writes is held back until it is whole.
type controlQuoter struct {
	w       io.Writer
	pending []byte // the start of a rune the last write ended in
	buf     []byte
}

func (q *controlQuoter) Write(p []byte) (int, error) {
	data := p
	if len(q.pending) > 0 {
		data = append(q.pending, p...)
		q.pending = nil
	}
	out := q.buf[:0]
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				out = fmt.Appendf(out, `\x%02x`, c)
			} else {
				out = append(out, c)
			}
			i++
			continue
		}
		if !utf8.FullRune(data[i:]) {
			q.pending = append([]byte(nil), data[i:]...)
			break
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = fmt.Appendf(out, `\x%02x`, c)
		case unicode.IsControl(r) || unicode.In(r, unicode.Bidi_Control):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	q.buf = out
	if _, err := q.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// oneLine joins a multi-line error (errors.Join) into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "kvp",
		Short: "Calculate Norway's qualification benefit (kvalifiseringsstønad)",
		Long: `kvp calculates the qualification programme's benefit (kvalifiseringsstønad,
sotjl. §§ 29–40): the grunnbeløp (G) in force, the stipend rates, and the
stipend and child supplement over any period, split wherever G, the rate or
the participant's age changes. Every figure carries its legal reference.

Parameters come from the embedded defaults, overridden by a config file
(--config, $KVP_CONFIG, or the first found of
$XDG_CONFIG_HOME/kvp/config.yaml when XDG_CONFIG_HOME is set; else on
Windows %AppData%\kvp\config.yaml; on macOS ~/Library/Application
Support/kvp/config.yaml, then ~/.config/kvp/config.yaml; on Linux
~/.config/kvp/config.yaml; see kvp config show --help), KVP_* environment
variables and flags, in that order. Each parameter has a range
(g 1 to 10000000 kroner a year, factor more than 0 and at most 10,
under25_share 0 to 1, day_divisor 1 to 366, child_supplement 0 to 10000
kroner a day, tax amounts 0 to 100000000 kroner): a value outside it is an
error naming the parameter.` + exitStatusSection,
		Example: `  kvp calc --birth-date 1999-08-20 --from 2026-01-01 --to 2026-12-31 --children 1
  kvp rates --date 2025-05-01
  kvp g list --from 2020 -o json`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(flagError)
	addGlobalFlags(root, a)
	root.AddCommand(
		newGCmd(a),
		newRatesCmd(a),
		newCalcCmd(a),
		newCheckCmd(a),
		newPeriodCmd(a),
		newTaxCmd(a),
		newCompareCmd(a),
		newRecalcCmd(a),
		newLetterCmd(a),
		newCurveCmd(a),
		newRegulateCmd(a),
		newBatchCmd(a),
		newVersionCmd(a),
		newConfigCmd(a),
		newSchemaCmd(a),
		newServeCmd(a),
	)
	if docs := newDocsCmd(a); docs != nil { // only with -tags docs
		root.AddCommand(docs)
	}
	addLanguagesSection(root)
	return root
}

// addGlobalFlags adds the flags every command takes (kvp serve builds a
// small tree per request with them).
func addGlobalFlags(root *cobra.Command, a *app) {
	pf := root.PersistentFlags()
	pf.StringVar(&a.cfgFile, "config", "", "config `FILE` (default $KVP_CONFIG, else $XDG_CONFIG_HOME/kvp/config.yaml, else the system's config directory: see kvp config show --help)")
	pf.StringP("output", "o", "table", "output `FORMAT`: table or json")
	pf.BoolVar(&a.style.flag, "ascii", false, "draw tables with + - | instead of box drawing, for consoles that cannot show it (also KVP_ASCII=1)")
	pf.String("lang", "", "output `LANGUAGE`: nb (Norwegian bokmål), nn (Norwegian nynorsk) or en (default: KVP_LANG, the config file, LC_ALL, LANG, then on Windows the display language; e.g. --lang nn)")
	pf.String("as-of", "", "price with the parameters as known on `DATE` (a value known later is not used; G counts as known from the day NAV began to pay it)")
	pf.StringArrayVar(&a.sets, "set", nil, "override a dated parameter, `KEY@DATE=VALUE` (e.g. g@2027-05-01=143000); repeatable")
}

// addLanguagesSection puts a LANGUAGES section before the EXIT STATUS of c's
// help and its commands': --help is English, the output is not.
func addLanguagesSection(c *cobra.Command) {
	if i := strings.Index(c.Long, "\n\nEXIT STATUS"); i >= 0 && !c.Hidden {
		c.Long = c.Long[:i] + languagesSection(c.CommandPath()) + c.Long[i:]
	}
	for _, sub := range c.Commands() {
		addLanguagesSection(sub)
	}
}

// languagesSection says which languages a command's output has.
func languagesSection(path string) string {
	const choose = `chosen by
  --lang, else KVP_LANG, else the config file's lang, else LC_ALL or LANG
  (nn_NO… is nynorsk, nb_NO… and no_NO… bokmål, any other English), else on
  Windows the display language (nb-NO, nn-NO), else English.`
	switch path {
	case "kvp batch":
		return `

LANGUAGES
  The records on stdout and the summary's JSON are the same in every language.
  The words on stderr (progress, summary label, errors) are in nb (Norwegian
  bokmål), nn (Norwegian nynorsk) or en (English), ` + choose + `
  Example: kvp batch -f cases.csv --lang nn`
	case "kvp version", "kvp g import", "kvp g fetch":
		return `

LANGUAGES
  The output is in English; an error is in nb (Norwegian bokmål),
  nn (Norwegian nynorsk) or en (English), ` + choose
	}
	return `

LANGUAGES
  Tables, headings, verdicts, warnings, errors and --explain are in nb
  (Norwegian bokmål), nn (Norwegian nynorsk) or en (English), ` + choose + `
  nb and nn write amounts "265 656,56 kr" and dates "01.05.2026"; JSON is the
  same in every language.
  Example: kvp calc -f case.yaml --lang nn`
}

// isCompletionRequest says args ask cobra's hidden completion command for
// candidates: only then are the flags' value completions registered
// (registerCompletions walks every command's flags, which a run that
// computes something does not need: issue 19).
func isCompletionRequest(args []string) bool {
	return len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf(errNoArguments, cmd.CommandPath(), rules.Quote(args[0]))
	}
	return nil
}

// parseDateFlag reads a date flag; a bad value is a usage error naming the flag.
func parseDateFlag(name, value string) (rules.Date, error) {
	d, err := rules.ParseDate(value)
	if err != nil {
		return 0, flagUsageError(name, err)
	}
	return d, nil
}

// addWideFlag adds --wide (kvp calc, check, period): every column, with no
// width limit.
func addWideFlag(cmd *cobra.Command, wide *bool) {
	cmd.Flags().BoolVar(wide, "wide", false, "show every column at any width (by default the tables fit the terminal, or 120 columns)")
}
