package config

import (
	"errors"
	"io"
	"io/fs"
	"os"

	"kvp/rules"
)

// MaxFileSize bounds a config, scenario or case file: no real one comes
// near it, and reading is bounded by it.
const MaxFileSize = 4 << 20

var (
	codeTooLarge   = rules.NewCode("err.config.too_large", "path", "mib")
	codeNotRegRead = rules.NewCode("err.config.not_regular_read", "path", "kind")
)

// readFile reads a config or scenario file whole: a regular file (after
// following links) of at most MaxFileSize bytes. A named pipe, a socket, a
// directory or a device is refused before it is opened, since reading one
// could wait forever or never end; the null device reads as empty, the
// usual way to say "no config" (KVP_CONFIG=/dev/null). An error that
// wraps fs.ErrNotExist means the file is missing.
func readFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Op = "open" // what the user asked for; the stat is how it begins
		return nil, pe
	} else if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		if isNullDevice(st) {
			return nil, nil
		}
		return nil, notRegularRead(path, st.Mode())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() { // replaced between Stat and Open
		return nil, notRegularRead(path, st.Mode())
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, rules.Errorf(codeTooLarge, path, MaxFileSize>>20)
	}
	return data, nil
}

// isNullDevice reports whether st is the system's null device.
func isNullDevice(st fs.FileInfo) bool {
	null, err := os.Stat(os.DevNull)
	return err == nil && os.SameFile(st, null)
}

// isNotRegular reports whether err is readFile's refusal of a file that is
// not a regular one.
func isNotRegular(err error) bool {
	var e *rules.Error
	return errors.As(err, &e) && e.Message.Code == codeNotRegRead.ID
}

// notRegularRead refuses to read what path names.
func notRegularRead(path string, mode fs.FileMode) error {
	return rules.Errorf(codeNotRegRead, path, fileKind(mode).M())
}
