//go:build !unix

package config

import (
	"io/fs"
	"os"
)

// fileOwner: this system has no Unix owner to keep.
func fileOwner(fs.FileInfo) (uid, gid int, ok bool) { return -1, -1, false }

// keepOwner: a new file on this system inherits the directory's access
// rules; there is no owner to copy.
func keepOwner(*os.File, fs.FileInfo) error { return nil }
