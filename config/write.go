package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

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
// flag, else $KVP_CONFIG, else $XDG_CONFIG_HOME/kvp/config.yaml or
// ~/.config/kvp/config.yaml. It is "" only when none of these is set.
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
// The new file is written to a temporary file in the same directory, synced,
// and renamed over the old one, so a reader sees either the old file or the
// new one, never half of it. The old file is kept as path.bak, whose name is
// returned ("" when there was no old file). On any error the file at path is
// unchanged.
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

func mergeGValues(path string, values []GValue, write writeFunc) (string, error) {
	if path == "" {
		return "", errors.New("no config file location: name one with --config or set $XDG_CONFIG_HOME or $HOME")
	}
	// Write through a symbolic link to the file it names, and keep the link.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	old, err := os.ReadFile(path)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("config file: %w", err)
	}
	data, err := mergeG(path, old, values)
	if err != nil {
		return "", err
	}
	// Never write a file that Load would then reject.
	if err := checkFile(path, data); err != nil {
		return "", fmt.Errorf("the merged config file would not load: %w", err)
	}
	mode := fs.FileMode(0o644)
	dir := filepath.Dir(path)
	if exists {
		if st, err := os.Stat(path); err == nil {
			mode = st.Mode().Perm()
		}
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("config file: %w", err)
	}
	tmp, err := writeTemp(dir, filepath.Base(path), data, mode, write)
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	backup := ""
	if exists {
		backup = path + ".bak"
		if err := writeFileAtomic(backup, old, mode, write); err != nil {
			_ = os.Remove(tmp)
			return "", fmt.Errorf("keeping a backup of %s: %w", path, err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	syncDir(dir)
	return backup, nil
}

// writeFileAtomic writes data to path through a synced temporary file.
func writeFileAtomic(path string, data []byte, mode fs.FileMode, write writeFunc) error {
	tmp, err := writeTemp(filepath.Dir(path), filepath.Base(path), data, mode, write)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes data to a new file next to name and syncs it; it returns
// the file's name, or removes it on error.
func writeTemp(dir, name string, data []byte, mode fs.FileMode, write writeFunc) (tmpName string, err error) {
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
	var doc yaml.Node
	if err := yaml.Unmarshal(old, &doc); err != nil {
		return nil, fmt.Errorf("%s: %s", path, yamlMessage(err))
	}
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
		return nil, fmt.Errorf("%s:%d: expected a mapping of settings at the top", path, root.Line)
	}
	params := mappingValue(root, "parameters", yaml.MappingNode)
	if params.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: parameters: expected a mapping of parameter keys", path, params.Line)
	}
	g := mappingValue(params, rules.KeyG, yaml.SequenceNode)
	if g.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: parameters.g: expected a list of {from, value} entries", path, g.Line)
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
			return fmt.Errorf("%s:%d: parameters.g: each entry needs from: YYYY-MM-DD and value: NUMBER", path, e.Line)
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
