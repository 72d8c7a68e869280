//go:build !docs

package main

import "github.com/spf13/cobra"

// newDocsCmd is nil without -tags docs: the man and Markdown pages are
// written by kvp/cmd/kvp/internal/docs, which the kvp binary does not link.
func newDocsCmd(*app) *cobra.Command { return nil }
