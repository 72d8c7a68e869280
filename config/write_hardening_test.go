package config

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// --write replaces only a regular file: a directory, a device, a named pipe
// or a link to nowhere is a one-line error and stays as it was (issue 16 #1,
// #14).
func TestMergeGValuesOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a-dir")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{sub: "is a directory, not a regular file"}
	if err := os.Symlink("nowhere.yaml", filepath.Join(dir, "dangling.yaml")); err == nil {
		cases[filepath.Join(dir, "dangling.yaml")] = "is a symbolic link to nowhere.yaml, which does not exist: create that file or remove the link"
	}
	if runtime.GOOS != "windows" {
		fifo := filepath.Join(dir, "fifo")
		if err := mkfifo(fifo); err == nil {
			cases[fifo] = "is a named pipe, not a regular file"
		}
		if err := os.Symlink(fifo, filepath.Join(dir, "to-fifo")); err == nil {
			cases[filepath.Join(dir, "to-fifo")] = "is a named pipe, not a regular file"
		}
		if runtime.GOOS == "linux" && os.Geteuid() == 0 { // the mknod: a null device of our own
			dev := filepath.Join(dir, "mynull")
			if err := mknodNull(dev); err == nil {
				cases[dev] = "is a device, not a regular file"
			}
		}
	}
	names := func() []string {
		entries, _ := os.ReadDir(dir)
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	before := names()
	for path, want := range cases {
		was, _ := os.Lstat(path)
		_, err := MergeGValues(path, []GValue{gv(t, "2028-05-01", 150000)})
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err %v, want one line with %q", filepath.Base(path), err, want)
		}
		is, err := os.Lstat(path)
		if err != nil || is.Mode() != was.Mode() {
			t.Errorf("%s: changed from %v to %v", filepath.Base(path), was.Mode(), is.Mode())
		}
	}
	if after := names(); !slices.Equal(after, before) {
		t.Errorf("the directory held %v, now %v", before, after)
	}
}

// A missing file is created, with its directory, as --help promises.
func TestMergeGValuesCreatesMissingDirs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "dir", "config.yaml")
	backup, err := MergeGValues(path, []GValue{gv(t, "2028-05-01", 150000)})
	if err != nil || backup != "" {
		t.Fatalf("backup %q, err %v", backup, err)
	}
	if g := loadG(t, path, "2028-05-01"); g != "150000 NAV test" {
		t.Errorf("G = %s", g)
	}
}

// Run as root, --write keeps the file's owner and group (and the backup's).
func TestMergeGValuesKeepsOwner(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() != 0 {
		t.Skip("needs root on a Unix system")
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(withComments), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 4321, 8765); err != nil {
		t.Fatal(err)
	}
	if _, err := MergeGValues(path, []GValue{gv(t, "2028-05-01", 150000)}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + ".bak"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		uid, gid, _ := fileOwner(st)
		if uid != 4321 || gid != 8765 || st.Mode().Perm() != 0o640 {
			t.Errorf("%s: owner %d:%d mode %v, want 4321:8765 0640", filepath.Base(p), uid, gid, st.Mode().Perm())
		}
	}
}

// writerChildEnv makes the test binary a writer: TestWriterChild merges the
// dates it is given into the file, or, with "loop", forever.
const writerChildEnv = "KVP_TEST_WRITER_CHILD"

func TestWriterChild(t *testing.T) {
	spec := os.Getenv(writerChildEnv)
	if spec == "" {
		t.Skip("a helper process for the concurrency and kill tests")
	}
	path, dates, _ := strings.Cut(spec, "|")
	for i := 0; ; i++ {
		for _, d := range strings.Split(dates, ",") {
			if d == "loop" {
				d = fmt.Sprintf("%d-05-01", 2030+i%50)
			}
			if _, err := MergeGValues(path, []GValue{gv(t, d, 150000+int64(i))}); err != nil {
				fmt.Fprintln(os.Stderr, "writer:", err)
				os.Exit(1)
			}
		}
		if !strings.Contains(dates, "loop") {
			os.Exit(0)
		}
	}
}

func writer(t *testing.T, path, dates string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriterChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), writerChildEnv+"="+path+"|"+dates)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// Writers at once lose no update: each takes the lock, reads the file as the
// one before left it and merges its value into that (issue 16 #6).
func TestMergeGValuesConcurrentWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	const writers, each = 4, 6
	var cmds []*exec.Cmd
	for w := range writers {
		var dates []string
		for i := range each {
			dates = append(dates, fmt.Sprintf("%d-05-01", 2030+w*each+i))
		}
		cmds = append(cmds, writer(t, path, strings.Join(dates, ",")))
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("a writer failed: %v", err)
		}
	}
	cfg, err := Load(Options{File: path})
	if err != nil {
		t.Fatal(err)
	}
	for w := range writers * each {
		d := gv(t, fmt.Sprintf("%d-05-01", 2030+w), 0).From
		if g, err := cfg.Params.G.At(d); err != nil || g.From != d {
			t.Errorf("the G of %s was lost", d)
		}
	}
	assertOnly(t, filepath.Dir(path), "config.yaml", "config.yaml.bak")
}

// kill -9 at any moment leaves the config file whole, and the next write
// cleans what the killed one left (a temporary file, the lock) (issue 16 #14).
func TestMergeGValuesKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(withComments), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Second)
	kills := 0
	for time.Now().Before(deadline) {
		c := writer(t, path, "loop")
		time.Sleep(time.Duration(20+rand.IntN(40)) * time.Millisecond)
		_ = c.Process.Kill()
		_ = c.Wait()
		kills++
		if _, err := Load(Options{File: path}); err != nil {
			t.Fatalf("after %d kills the config file does not load: %v", kills, err)
		}
	}
	if _, err := MergeGValues(path, []GValue{gv(t, "2099-05-01", 150000)}); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, filepath.Dir(path), "config.yaml", "config.yaml.bak")
	t.Logf("%d kills", kills)
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %v, want only %v", dir, got, names)
	}
}
