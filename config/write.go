package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"kvp/rules"
)

// GValue is one grunnbeløp to write under parameters.g in a config file.
type GValue struct {
	From   rules.Date
	Value  int64 // kroner a year
	Source string
}

// FilePath returns the config file Load reads for the --config value flag:
// flag, else $KVP_CONFIG, else the first of Locations that is there, else
// the first of them. It is "" only when no location is known.
func FilePath(flag string) string {
	if flag != "" {
		return flag
	}
	if p := os.Getenv("KVP_CONFIG"); p != "" {
		return p
	}
	return defaultPath(os.Getenv)
}

// MergeGValues adds values to parameters.g in the config file at path,
// replacing an entry with the same from date, and creates the file (and its
// directory) when it does not exist. Comments and every other key survive.
//
// Only a regular file is written, after following symbolic links (the link
// is kept); a directory, a device, a pipe or a link to nowhere is refused.
// Writers take a lock (path.lock, removed after) and read the file under
// it, so two at once lose neither update; temporary files a killed writer
// left are removed. The new file is written to a temporary file in the same
// directory, with the old file's mode and owner, synced, and renamed over
// the old one, so a reader sees either the old file or the new one, never
// half of it. The old file is kept as path.bak, whose name is returned (""
// when there was no old file). On any error the file at path is unchanged.
func MergeGValues(path string, values []GValue) (backup string, err error) {
	return mergeGValues(path, values, writeAll)
}

// writeFunc writes data to a file being prepared. Tests replace it to make a
// write fail halfway.
type writeFunc func(f *os.File, data []byte) error

func writeAll(f *os.File, data []byte) error {
	_, err := f.Write(data)
	return err
}

// lockWait is how long a writer waits for another to finish.
const lockWait = 10 * time.Second

func mergeGValues(path string, values []GValue, write writeFunc) (string, error) {
	if path == "" {
		return "", rules.Errorf(codeNoLocation)
	}
	target, err := writeTarget(path)
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", rules.Errorf(codeConfigFile, err)
	}
	unlock, err := lock(target+".lock", lockWait)
	if err != nil {
		return "", rules.Errorf(codeWriting, path, err)
	}
	defer unlock()
	removeStaleTemps(dir, filepath.Base(target))

	// Under the lock: what is there now is what the merge starts from.
	st, err := os.Lstat(target)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", rules.Errorf(codeConfigFile, err)
	case exists && !st.Mode().IsRegular():
		return "", notRegular(path, st.Mode())
	}
	var old []byte
	if exists {
		if old, err = readFile(target); err != nil {
			return "", rules.Errorf(codeConfigFile, err)
		}
	}
	data, err := mergeG(target, old, values)
	if err != nil {
		return "", err
	}
	// Never write a file that Load would then reject.
	if err := checkFile(target, data); err != nil {
		return "", rules.Errorf(codeMergedWouldNotLoad, err)
	}
	mode := fs.FileMode(0o644)
	if exists {
		mode = st.Mode().Perm()
	}
	tmp, err := writeTemp(dir, filepath.Base(target), data, mode, st, write)
	if err != nil {
		return "", rules.Errorf(codeWriting, path, err)
	}
	backup := ""
	if exists {
		backup = target + ".bak"
		if err := writeFileAtomic(backup, old, mode, st, write); err != nil {
			_ = os.Remove(tmp)
			return "", rules.Errorf(codeKeepingBackup, path, err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		_ = os.Remove(tmp)
		return "", rules.Errorf(codeWriting, path, err)
	}
	syncDir(dir)
	return backup, nil
}

// writeTarget returns the file that writing path replaces: path, or the file
// its symbolic links lead to. Anything but a regular file or a missing one
// is an error, and so is a link to nowhere (writing would replace the link
// with a file, or create a file wherever it points).
func writeTarget(path string) (string, error) {
	lst, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil
	}
	if err != nil {
		return "", rules.Errorf(codeConfigFile, err)
	}
	target := path
	if lst.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			if dest, rerr := os.Readlink(path); rerr == nil && errors.Is(err, fs.ErrNotExist) {
				return "", rules.Errorf(codeDanglingLink, path, dest)
			}
			return "", rules.Errorf(codeConfigFile, err)
		}
	}
	st, err := os.Stat(target)
	if err != nil {
		return "", rules.Errorf(codeConfigFile, err)
	}
	if !st.Mode().IsRegular() {
		return "", notRegular(path, st.Mode())
	}
	return target, nil
}

// notRegular refuses to replace what path names.
func notRegular(path string, mode fs.FileMode) error {
	return rules.Errorf(codeNotRegular, path, fileKind(mode).M())
}

// fileKind is what a file that is not a regular one is: a directory, a
// device, a named pipe, ….
func fileKind(mode fs.FileMode) rules.Code {
	switch {
	case mode.IsDir():
		return codeKindDirectory
	case mode&fs.ModeDevice != 0:
		return codeKindDevice
	case mode&fs.ModeNamedPipe != 0:
		return codeKindPipe
	case mode&fs.ModeSocket != 0:
		return codeKindSocket
	case mode&fs.ModeSymlink != 0:
		return codeKindSymlink
	}
	return codeKindOther
}

// lock takes the lock file name, waiting up to wait for another writer. The
// returned function releases it and removes the file.
func lock(name string, wait time.Duration) (func(), error) {
	deadline := time.Now().Add(wait)
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		ok, err := tryLock(f)
		if err != nil {
			_ = f.Close()
			return nil, rules.Errorf(codeLocking, name, err)
		}
		if ok {
			// The file locked must still be the one named: another writer
			// may have removed it (and a third made a new one) meanwhile.
			held, herr := f.Stat()
			now, nerr := os.Stat(name)
			if herr == nil && nerr == nil && os.SameFile(held, now) {
				return func() {
					if removeWhileLocked {
						_ = os.Remove(name)
						_ = f.Close()
						return
					}
					_ = f.Close()
					_ = os.Remove(name)
				}, nil
			}
		}
		_ = f.Close()
		if time.Now().After(deadline) {
			return nil, rules.Errorf(codeLockBusy, wait.String(), name)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// removeStaleTemps removes the temporary files (.NAME.123.tmp and
// .NAME.bak.123.tmp) that a writer killed before its rename left in dir.
// It runs under the lock, so no living writer owns one.
func removeStaleTemps(dir, name string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		for _, base := range []string{name, name + ".bak"} {
			middle, ok := strings.CutPrefix(e.Name(), "."+base+".")
			if middle, ok2 := strings.CutSuffix(middle, ".tmp"); ok && ok2 && middle != "" && strings.Trim(middle, "0123456789") == "" {
				_ = os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// writeFileAtomic writes data to path through a synced temporary file.
func writeFileAtomic(path string, data []byte, mode fs.FileMode, owner fs.FileInfo, write writeFunc) error {
	tmp, err := writeTemp(filepath.Dir(path), filepath.Base(path), data, mode, owner, write)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes data to a new file next to name, with mode and (when
// owner is not nil) owner's owner and group, and syncs it; it returns the
// file's name, or removes it on error.
func writeTemp(dir, name string, data []byte, mode fs.FileMode, owner fs.FileInfo, write writeFunc) (tmpName string, err error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err := write(f, data); err != nil {
		return "", err
	}
	if owner != nil {
		if err := keepOwner(f, owner); err != nil {
			return "", err
		}
	}
	if err := f.Chmod(mode); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// syncDir makes a rename in dir durable where the system supports it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// checkFile parses data as a config file and applies it to the defaults.
func checkFile(path string, data []byte) error {
	f, err := parseFile(path, data)
	if err != nil {
		return err
	}
	p, err := rules.DefaultParams()
	if err != nil {
		return err
	}
	if err := f.apply(p, rules.OriginFile+":"+path); err != nil {
		return err
	}
	return p.Validate()
}

// mergeG returns the config file text old with values merged into parameters.g.
func mergeG(path string, old []byte, values []GValue) ([]byte, error) {
	parsed, err := parseDocument(path, old, codeSecondDocConfig)
	if err != nil {
		return nil, err
	}
	doc := *parsed
	prefix := []byte(nil)
	if doc.Kind == 0 {
		// Empty, or only comments: keep the text and add the new keys below it.
		prefix = old
		if len(prefix) > 0 && !bytes.HasSuffix(prefix, []byte("\n")) {
			prefix = append(prefix, '\n')
		}
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	if isNull(root) {
		*root = yaml.Node{Kind: yaml.MappingNode}
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: %w", path, root.Line, rules.Errorf(codeWantSettings))
	}
	params := mappingValue(root, "parameters", yaml.MappingNode)
	if params.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: parameters: %w", path, params.Line, rules.Errorf(codeWantParameterKeys))
	}
	g := mappingValue(params, rules.KeyG, yaml.SequenceNode)
	if g.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: parameters.g: %w", path, g.Line, rules.Errorf(codeWantGEntries, "{from, value}"))
	}
	for _, v := range values {
		if err := setGEntry(path, g, v); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	buf.Write(prefix)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return buf.Bytes(), nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// mappingValue returns the value of key in the mapping m, adding the key with
// an empty node of kind when it is missing or null.
func mappingValue(m *yaml.Node, key string, kind yaml.Kind) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v := m.Content[i+1]
			if isNull(v) {
				*v = yaml.Node{Kind: kind, Line: v.Line, LineComment: v.LineComment}
			}
			return v
		}
	}
	v := &yaml.Node{Kind: kind}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
	return v
}

// setGEntry replaces the entry of g dated v.From, or inserts a new one before
// the first later entry.
func setGEntry(path string, g *yaml.Node, v GValue) error {
	entry := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: "from"}, {Kind: yaml.ScalarNode, Value: v.From.String()},
		{Kind: yaml.ScalarNode, Value: "value"}, {Kind: yaml.ScalarNode, Value: strconv.FormatInt(v.Value, 10)},
	}}
	if v.Source != "" {
		entry.Content = append(entry.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: "source"},
			&yaml.Node{Kind: yaml.ScalarNode, Value: v.Source, Style: yaml.DoubleQuotedStyle})
	}
	at := len(g.Content)
	for i, e := range g.Content {
		from, ok := entryFrom(e)
		if !ok {
			return fmt.Errorf("%s:%d: parameters.g: %w", path, e.Line, rules.Errorf(codeEntryForm))
		}
		if from == v.From {
			entry.HeadComment, entry.LineComment, entry.FootComment = e.HeadComment, e.LineComment, e.FootComment
			g.Content[i] = entry
			return nil
		}
		if from > v.From && at == len(g.Content) {
			at = i
		}
	}
	g.Content = append(g.Content[:at], append([]*yaml.Node{entry}, g.Content[at:]...)...)
	return nil
}

// entryFrom reads the from date of a parameters.g entry.
func entryFrom(e *yaml.Node) (rules.Date, bool) {
	if e.Kind != yaml.MappingNode {
		return 0, false
	}
	for i := 0; i+1 < len(e.Content); i += 2 {
		if e.Content[i].Value == "from" {
			d, err := rules.ParseDate(e.Content[i+1].Value)
			return d, err == nil
		}
	}
	return 0, false
}
