// Command archive writes a release archive (tar.gz or zip, by the output's
// name) that is the same bytes on every run and every machine: entries in
// name order under one folder, every time the given one, owner 0, modes 0755
// for an executable and 0644 otherwise, no extra fields, gzip without a name
// or a time. Used by .ci/release.
//
//	go run ./.ci/archive -o dist/kvp_v1.2.0_linux_amd64.tar.gz -dir kvp_v1.2.0_linux_amd64 -mtime 1764590000 -C stage .
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", "", "the archive to write: NAME.tar.gz or NAME.zip")
	dir := flag.String("dir", "", "the folder the entries are in, inside the archive")
	mtime := flag.Int64("mtime", 0, "the time of every entry, in seconds since 1970 (SOURCE_DATE_EPOCH)")
	base := flag.String("C", ".", "the directory whose files go in")
	flag.Parse()
	if *out == "" || *dir == "" || *mtime <= 0 {
		fmt.Fprintln(os.Stderr, "archive: -o, -dir and -mtime are required")
		os.Exit(2)
	}
	if err := write(*out, *dir, *base, time.Unix(*mtime, 0).UTC()); err != nil {
		fmt.Fprintln(os.Stderr, "archive:", err)
		os.Exit(1)
	}
}

// entry is one file of the archive.
type entry struct {
	name string // slash-separated, under the folder
	src  string
	exec bool
}

func write(out, dir, base string, mtime time.Time) error {
	var files []entry
	err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(base, p)
		if err != nil {
			return err
		}
		files = append(files, entry{path.Join(dir, filepath.ToSlash(rel)), p, info.Mode()&0o111 != 0})
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(files, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	switch {
	case strings.HasSuffix(out, ".zip"):
		err = writeZip(f, files, mtime)
	case strings.HasSuffix(out, ".tar.gz"):
		err = writeTarGz(f, dir, files, mtime)
	default:
		err = fmt.Errorf("%s: the name must end in .tar.gz or .zip", out)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out)
	}
	return err
}

func mode(e entry) int64 {
	if e.exec {
		return 0o755
	}
	return 0o644
}

func writeTarGz(w io.Writer, dir string, files []entry, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression) // no Name, ModTime zero: gzip -n
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	hdr := func(h *tar.Header) *tar.Header {
		h.ModTime, h.Uid, h.Gid, h.Uname, h.Gname, h.Format = mtime, 0, 0, "", "", tar.FormatUSTAR
		return h
	}
	if err := tw.WriteHeader(hdr(&tar.Header{Typeflag: tar.TypeDir, Name: dir + "/", Mode: 0o755})); err != nil {
		return err
	}
	for _, e := range files {
		data, err := os.ReadFile(e.src)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(hdr(&tar.Header{Typeflag: tar.TypeReg, Name: e.name, Mode: mode(e), Size: int64(len(data))})); err != nil {
			return err
		}
		if _, err := tw.Write(data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, files []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, e := range files {
		data, err := os.ReadFile(e.src)
		if err != nil {
			return err
		}
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime}
		h.SetMode(fs.FileMode(mode(e)))
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}
