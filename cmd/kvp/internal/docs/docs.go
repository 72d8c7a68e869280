// Package docs writes kvp's man and Markdown reference pages from its
// command tree. It is kept out of the kvp binary (cobra/doc and its Markdown
// renderer cost start-up time on every run): the tests use it
// (TestDocsUpToDate), and so does kvp built with -tags docs
// (go run -tags docs ./cmd/kvp docs --dir DIR).
package docs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"
)

// Write writes the man and Markdown pages of root's tree into dir/man and
// dir/md and returns the number of pages of each kind.
func Write(root *cobra.Command, dir string) (int, error) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	n := 0
	var walk func(c *cobra.Command)
	var cmds []*cobra.Command
	walk = func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		cmds = append(cmds, c)
		if c.IsAvailableCommand() || c == root {
			n++
		}
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
				walk(sub)
			}
		}
	}
	walk(root)
	man, md := filepath.Join(dir, "man"), filepath.Join(dir, "md")
	for _, d := range []string{man, md} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return 0, err
		}
	}
	// A fixed date, so that generating the pages twice gives the same bytes
	// and CI can check that the checked-in copies are up to date.
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	header := &doc.GenManHeader{Section: "1", Date: &date, Source: "kvp", Manual: "kvp manual"}
	restore := escapeForMan(cmds)
	err := doc.GenManTree(root, header, man)
	restore()
	if err != nil {
		return 0, fmt.Errorf("man pages: %w", err)
	}
	if err := doc.GenMarkdownTree(root, md); err != nil {
		return 0, fmt.Errorf("markdown pages: %w", err)
	}
	return n, nil
}

// escapeMarkdown escapes the characters md2man would read as emphasis or
// as an escape, so that help text is shown as written: "$XDG_CONFIG_HOME
// … KVP_*" became "$XDG_CONFIG" and an italic "HOME … KVP" in the man page.
// Code is left as it is, where md2man shows every character: a `code span`
// (a flag's placeholder) and a line indented by a tab or four spaces (a
// code block, as in cobra's completion help).
func escapeMarkdown(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "    ") {
			continue
		}
		var b strings.Builder
		code := false
		for _, r := range line {
			switch {
			case r == '`':
				code = !code
			case !code && (r == '_' || r == '*' || r == '\\'):
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// escapeForMan escapes the long descriptions and flag usages of cmds, which
// cobra's man pages pass through md2man as Markdown (the examples are in a
// code block, the Markdown pages are left as written), and returns the
// function that puts the texts back.
func escapeForMan(cmds []*cobra.Command) (restore func()) {
	var undo []func()
	seen := map[*pflag.Flag]bool{}
	for _, c := range cmds {
		long := c.Long
		c.Long = escapeMarkdown(long)
		undo = append(undo, func() { c.Long = long })
		for _, fs := range []*pflag.FlagSet{c.LocalNonPersistentFlags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) {
				if seen[f] {
					return
				}
				seen[f] = true
				usage := f.Usage
				f.Usage = escapeMarkdown(usage)
				undo = append(undo, func() { f.Usage = usage })
			})
		}
	}
	return func() {
		for _, u := range undo {
			u()
		}
	}
}
