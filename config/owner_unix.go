//go:build unix

package config

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// fileOwner returns the owner and group of fi.
func fileOwner(fi fs.FileInfo) (uid, gid int, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return -1, -1, false
	}
	return int(st.Uid), int(st.Gid), true
}

// keepOwner gives f the owner and group of old, so that a write by root (or
// into a set-group-ID directory) does not change them.
func keepOwner(f *os.File, old fs.FileInfo) error {
	uid, gid, ok := fileOwner(old)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if u, g, _ := fileOwner(st); u == uid && g == gid {
		return nil
	}
	if err := f.Chown(uid, gid); err != nil {
		return fmt.Errorf("cannot keep the owner %d:%d of the file: %w", uid, gid, err)
	}
	return nil
}
