//go:build docs

package main

// kvp docs is built only with -tags docs: go run -tags docs ./cmd/kvp docs --dir DIR.

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"kvp/cmd/kvp/internal/docs"
)

// docsOptions are kvp docs' options: Write writes the pages of every
// command into a directory and returns how many.
type docsOptions struct {
	IO    *IOStreams
	Write func(dir string) (int, error)
	dir   string
}

func newDocsCmd(a *app) *cobra.Command {
	var o docsOptions
	cmd := &cobra.Command{
		Use:    "docs",
		Short:  "Write the man pages and Markdown reference pages",
		Hidden: true,
		Long: `Write a man page (DIR/man) and a Markdown page (DIR/md) for every command.
The output depends only on the commands' help, not on the date or the
machine, so the checked-in copies can be compared with a fresh run.` + exitStatusSection,
		Example: `  kvp docs --dir docs
  man ./docs/man/kvp-calc.1`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.IO, o.Write = a.io, func(dir string) (int, error) { return docs.Write(cmd.Root(), dir) }
			return runDocs(&o)
		},
	}
	cmd.Flags().StringVar(&o.dir, "dir", "", "the `DIR` to write man/ and md/ into")
	return cmd
}

// runDocs is kvp docs: the man pages and Markdown pages.
func runDocs(o *docsOptions) error {
	if o.dir == "" {
		return usageErrorf(errRequired, "--dir")
	}
	n, err := o.Write(o.dir)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.IO.Out, "wrote %d man pages to %s and %d Markdown pages to %s\n",
		n, filepath.Join(o.dir, "man"), n, filepath.Join(o.dir, "md"))
	return err
}
