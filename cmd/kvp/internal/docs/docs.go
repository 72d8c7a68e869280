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
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// Write writes the man and Markdown pages of root's tree into dir/man and
// dir/md and returns the number of pages of each kind.
func Write(root *cobra.Command, dir string) (int, error) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	n := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.DisableAutoGenTag = true
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
	if err := doc.GenManTree(root, header, man); err != nil {
		return 0, fmt.Errorf("man pages: %w", err)
	}
	if err := doc.GenMarkdownTree(root, md); err != nil {
		return 0, fmt.Errorf("markdown pages: %w", err)
	}
	return n, nil
}
