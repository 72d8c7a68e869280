package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/config"
	"kvp/rules"
)

// defaultGURL is NAV's public G history since 1967: the path is
// /api/v1/historikk/grunnbeløp, with the ø percent-encoded as UTF-8.
const defaultGURL = "https://g.nav.no/api/v1/historikk/grunnbel%C3%B8p?fra=1967-01-01"

// maxGBody bounds what kvp g fetch reads: the whole history is about 15 KB.
const maxGBody = 10 << 20

// navGEntry is one entry of NAV's G service data (g.nav.no), in either key
// navG is a checked entry of NAV's G data (rules.ParseNAVG).
type navG = rules.NAVG

// parseNAVG reads NAV's G data (rules.ParseNAVG).
var parseNAVG = rules.ParseNAVG

type gChange struct {
	From      rules.Date  `json:"from"`
	G         calc.Money  `json:"g"`
	PerMonth  calc.Money  `json:"g_per_month"`
	Was       *calc.Money `json:"was,omitempty"`
	WasOrigin string      `json:"was_origin,omitempty"`
}

// gImport is what an import changes in the effective parameters.
type gImport struct {
	SchemaVersion int       `json:"schema_version"`
	Source        string    `json:"source"`
	Entries       int       `json:"entries"`
	New           []gChange `json:"new"`
	Changed       []gChange `json:"changed"`
	Unchanged     int       `json:"unchanged"`
	Warnings      []string  `json:"warnings"`
	Written       bool      `json:"written"`
	ConfigFile    string    `json:"config_file,omitempty"`
	Backup        string    `json:"backup,omitempty"`
}

// planGImport compares the imported G values with the effective parameters p.
// A yearly average NAV gives that differs from the one kvp computes from the
// merged G table is a warning: the table may lack a change within the year.
func planGImport(p *rules.Params, source string, entries []navG) gImport {
	plan := gImport{SchemaVersion: schemaVersion, Source: source, Entries: len(entries), New: []gChange{}, Changed: []gChange{}, Warnings: []string{}}
	merged := p.Clone()
	for _, e := range entries {
		c := gChange{From: e.From, G: calc.M(decimal.NewFromInt(e.G)), PerMonth: calc.M(rules.GPerMonth(decimal.NewFromInt(e.G)))}
		i := slices.IndexFunc(p.G.Items, func(it rules.Dated[decimal.Decimal]) bool { return it.From == e.From })
		switch {
		case i < 0:
			plan.New = append(plan.New, c)
		case !p.G.Items[i].Value.Equal(decimal.NewFromInt(e.G)):
			was := calc.M(p.G.Items[i].Value)
			c.Was, c.WasOrigin = &was, p.G.Items[i].Origin
			plan.Changed = append(plan.Changed, c)
		default:
			plan.Unchanged++
			continue
		}
		merged.G.Set(rules.Dated[decimal.Decimal]{From: e.From, Value: decimal.NewFromInt(e.G), Ref: rules.RefG, Source: source})
	}
	for _, e := range entries {
		if e.Average == 0 {
			continue
		}
		if avg, err := merged.AverageG(e.From.Year()); err == nil && !avg.Equal(decimal.NewFromInt(e.Average)) {
			plan.Warnings = append(plan.Warnings, fmt.Sprintf("gjennomsnittPerÅr %d: %s gives %d, but kvp computes %s from the G table",
				e.From.Year(), source, e.Average, avg))
		}
	}
	return plan
}

// values returns the new and changed G values to write to a config file.
func (g gImport) values(source string) []config.GValue {
	var out []config.GValue
	for _, c := range slices.Concat(g.New, g.Changed) {
		out = append(out, config.GValue{From: c.From, Value: c.G.Decimal().IntPart(), Source: source})
	}
	slices.SortFunc(out, func(a, b config.GValue) int { return int(a.From) - int(b.From) })
	return out
}

// importG shows what NAV's G data (read from source) changes and, with
// write, merges it into the config file. configSource is the source noted
// in the config file.
func importG(e env, configFile, source string, data []byte, write bool, configSource string) error {
	cfg, format, err := e.format()
	if err != nil {
		return err
	}
	entries, err := parseNAVG(source, data)
	if err != nil {
		return err
	}
	plan := planGImport(cfg.Params, source, entries)
	for _, w := range plan.Warnings {
		fmt.Fprintf(e.IO.ErrOut, "kvp: warning: %s\n", w)
	}
	path := cfg.File
	if path == "" {
		path = config.FilePath(configFile)
	}
	changes := len(plan.New) + len(plan.Changed)
	if write && changes > 0 {
		backup, err := config.MergeGValues(path, plan.values(configSource))
		if err != nil {
			return err
		}
		plan.Written, plan.ConfigFile, plan.Backup = true, path, backup
	}
	if format == "json" {
		return writeJSON(e.IO.Out, plan)
	}
	return printGImport(e.IO, plan, write, path)
}

func printGImport(s *IOStreams, plan gImport, write bool, path string) error {
	changes := len(plan.New) + len(plan.Changed)
	if changes == 0 {
		_, err := fmt.Fprintf(s.Out, "nothing to change: all %d G values from %s are already in effect\n", plan.Entries, plan.Source)
		return err
	}
	rows := make([][]string, 0, changes)
	for _, c := range plan.New {
		rows = append(rows, []string{c.From.String(), c.G.StringFixed(0), c.PerMonth.StringFixed(0), "new"})
	}
	for _, c := range plan.Changed {
		rows = append(rows, []string{c.From.String(), c.G.StringFixed(0), c.PerMonth.StringFixed(0), "changed: was " + c.Was.StringFixed(0) + " (" + c.WasOrigin + ")"})
	}
	slices.SortFunc(rows, func(x, y []string) int { return strings.Compare(x[0], y[0]) })
	if err := table(s.Out, []string{"from", "G", "G per month", "change"}, rows, 1, 2); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(s.Out, "%d new, %d changed, %d unchanged, from %s\n",
		len(plan.New), len(plan.Changed), plan.Unchanged, plan.Source); err != nil {
		return err
	}
	switch {
	case plan.Written && plan.Backup != "":
		_, err := fmt.Fprintf(s.Out, "wrote %d G values to %s (the old file is %s)\n", changes, plan.ConfigFile, plan.Backup)
		return err
	case plan.Written:
		_, err := fmt.Fprintf(s.Out, "wrote %d G values to %s (a new file)\n", changes, plan.ConfigFile)
		return err
	case !write:
		fmt.Fprintf(s.ErrOut, "kvp: hint: add --write to merge them into %s\n", path)
	}
	return nil
}

// gImportOptions are kvp g import's options. ConfigFile is --config: the
// file to write when no config file is loaded.
type gImportOptions struct {
	env
	ConfigFile, File string
	write            bool
}

func newGImportCmd(a *app) *cobra.Command {
	var o gImportOptions
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import G values from NAV's G service data (a file, or - for stdin)",
		Long: `Read NAV's G service data (g.nav.no): one object, as from
/api/v1/grunnbeløp, or an array, as from /api/v1/historikk/grunnbeløp, with
either key spelling (grunnbeløp or grunnbeloep, grunnbeløpPerMåned or
grunnbeloepPerMaaned, gjennomsnittPerÅr or gjennomsnittPerAar). Every entry
is checked: ISO dates, whole positive kroner (a G of at most 10000000), and
G per month equal to G/12 rounded. A key given twice in an object is refused;
a UTF-8 byte order mark is skipped. A yearly average (gjennomsnittPerÅr)
that differs from the one kvp computes is a warning.

kvp shows what would change against the effective parameters: new dates and
changed values. With --write it merges them into the config file (--config,
$KVP_CONFIG, else $XDG_CONFIG_HOME/kvp/config.yaml or
~/.config/kvp/config.yaml, created with its directory if missing) under
parameters.g. The file is replaced atomically, with its mode and owner;
comments and other keys are kept, and the old file is kept as FILE.bak; if
writing fails, the config file is unchanged. Only a regular file is written:
a symbolic link is followed (and kept), while a directory, a device, a pipe
or a link to nowhere is refused. Two writers at once take turns (a lock,
FILE.lock, removed after) and lose no update; temporary files that a killed
writer left are removed.` + exitStatusSection,
		Example: `  kvp g import grunnbelop.json
  curl -s 'https://g.nav.no/api/v1/grunnbel%C3%B8p?dato=2026-05-01' | kvp g import -
  kvp g import historikk.json --write`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf(errImportArgs, len(args))
			}
			o.env, o.ConfigFile, o.File = env{IO: a.io, Config: a.loader(cmd, o.write)}, a.cfgFile, args[0]
			return runGImport(&o)
		},
	}
	cmd.Flags().BoolVar(&o.write, "write", false, "merge the new and changed G values into the config file")
	return cmd
}

// runGImport is kvp g import: NAV's G data from a file or stdin.
func runGImport(o *gImportOptions) error {
	name := o.File
	var data []byte
	var err error
	if name == "-" {
		name = "stdin"
		data, err = io.ReadAll(o.IO.In)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return err
	}
	d, err := today()
	if err != nil {
		return err
	}
	return importG(o.env, o.ConfigFile, name, data, o.write, fmt.Sprintf("NAV G data (%s), imported %s", name, d))
}

// gFetchOptions are kvp g fetch's options; Context ends the request.
type gFetchOptions struct {
	env
	ConfigFile string
	Context    context.Context
	rawURL     string
	timeout    time.Duration
	write      bool
}

func newGFetchCmd(a *app) *cobra.Command {
	var o gFetchOptions
	cmd := &cobra.Command{
		Use:   "fetch",
		Short: "Get the G history from NAV's G service (g.nav.no) and import it",
		Long: `Get the history of the grunnbeløp from NAV's public G service and import it
as kvp g import does: show what would change, and with --write merge it into
the config file. This is the only kvp command that uses the network. Without
a network, save the data elsewhere and use kvp g import FILE.

A redirect is followed only to https on the same host (never to another
host, never down to http); the address the data finally came from is the
source shown and written.` + exitStatusSection,
		Example: `  kvp g fetch
  kvp g fetch --write
  kvp g fetch --url http://localhost:8080/historikk.json --timeout 3s -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.ConfigFile, o.Context = env{IO: a.io, Config: a.loader(cmd, o.write)}, a.cfgFile, cmd.Context()
			return runGFetch(&o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.rawURL, "url", defaultGURL, "the `URL` of the G history (NAV's format)")
	f.DurationVar(&o.timeout, "timeout", 10*time.Second, "give up after this `DURATION`")
	f.BoolVar(&o.write, "write", false, "merge the new and changed G values into the config file")
	return cmd
}

// runGFetch is kvp g fetch: NAV's G history from its G service.
func runGFetch(o *gFetchOptions) error {
	u, err := url.Parse(o.rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return flagUsageError("url", rules.Errorf(errNotURL, rules.Quote(o.rawURL)))
	}
	if o.timeout <= 0 {
		return flagUsageError("timeout", rules.Errorf(errNotPositive, o.timeout.String()))
	}
	if _, _, err := o.format(); err != nil {
		return err
	}
	data, final, err := fetchG(o.Context, u, o.timeout)
	if err != nil {
		return err
	}
	d, err := today()
	if err != nil {
		return err
	}
	source := rules.SourceG
	if final.Hostname() != "g.nav.no" {
		source = "G service at " + final.Host
	}
	return importG(o.env, o.ConfigFile, final.Redacted(), data, o.write, fmt.Sprintf("%s, fetched %s", source, d))
}

// fetchG gets u and returns its body and the address it came from after
// redirects, with one-line errors that say what to do next.
func fetchG(ctx context.Context, u *url.URL, timeout time.Duration) ([]byte, *url.URL, error) {
	return getG(ctx, &http.Client{Timeout: timeout, CheckRedirect: gRedirectPolicy}, u, timeout)
}

// redirectError is a redirect that gRedirectPolicy refuses.
type redirectError struct{ from, to *url.URL }

func (e *redirectError) Error() string {
	return fmt.Sprintf("%s redirected to %s: kvp follows a redirect only to https on the same host; fetch the new address with --url if you trust it, or use kvp g import FILE",
		e.from.Redacted(), e.to.Redacted())
}

// gRedirectPolicy follows a redirect only to https on the host first asked:
// G data from elsewhere, or over plain http, would be labelled with a
// source it did not come from.
func gRedirectPolicy(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	if req.URL.Scheme != "https" || !strings.EqualFold(req.URL.Hostname(), first.Hostname()) {
		return &redirectError{from: via[len(via)-1].URL, to: req.URL}
	}
	if len(via) >= 10 {
		return fmt.Errorf("%s: more than 10 redirects", first.Redacted())
	}
	return nil
}

// getG does fetchG's work with client.
func getG(ctx context.Context, client *http.Client, u *url.URL, timeout time.Duration) ([]byte, *url.URL, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "kvp/"+toolVersion())
	resp, err := client.Do(req)
	var re *redirectError
	if errors.As(err, &re) {
		return nil, nil, re
	}
	if err != nil {
		return nil, nil, netError(u, timeout, err)
	}
	defer func() { _ = resp.Body.Close() }()
	final := resp.Request.URL
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("%s answered %s: try again later or use kvp g import FILE", final.Redacted(), resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxGBody+1))
	if err != nil {
		return nil, nil, netError(final, timeout, err)
	}
	switch {
	case len(data) > maxGBody:
		return nil, nil, fmt.Errorf("%s sent more than %d MiB: that is not NAV's G history", final.Redacted(), maxGBody>>20)
	case len(bytes.TrimSpace(data)) == 0:
		return nil, nil, fmt.Errorf("%s sent an empty answer: expected NAV's G history as JSON; try again later or use kvp g import FILE", final.Redacted())
	}
	return data, final, nil
}

// netError words a failed request: a timeout, or a host that cannot be reached.
func netError(u *url.URL, timeout time.Duration, err error) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%s did not answer within %s: check the network, try a longer --timeout, or use kvp g import FILE", u.Host, timeout)
	}
	cause := err.Error()
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &dns):
		cause = "cannot resolve " + dns.Name
		if dns.IsNotFound {
			cause = "no such host " + dns.Name
		}
	case errors.As(err, &op):
		cause = op.Err.Error()
		var sys *os.SyscallError
		if errors.As(op.Err, &sys) {
			cause = sys.Err.Error()
		}
	default:
		var ue *url.Error
		if errors.As(err, &ue) {
			cause = ue.Err.Error()
		}
	}
	return fmt.Errorf("cannot reach %s (%s): check the network or use kvp g import FILE", u.Host, cause)
}
