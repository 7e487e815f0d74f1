package sanctions

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// sniffBytes is how much of a file DetectFormat reads: enough for an XML
// declaration and root element, or a CSV header and first row.
const sniffBytes = 4096

// DetectFormat tells a list's format from its first bytes, so that a user
// comparing two downloads need not name it: the UN list is XML with a
// CONSOLIDATED_LIST root, FollowTheMoney exports are JSON lines,
// OpenSanctions' simple CSV has an "id,schema,name" header, and OFAC's
// CSV files have no header and start with a numeric ent_num.
func DetectFormat(r io.Reader) (string, error) {
	head, err := io.ReadAll(io.LimitReader(r, sniffBytes))
	if err != nil {
		return "", fmt.Errorf("detect list format: %w", err)
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	first, _, _ := strings.Cut(string(head), "\n")
	switch {
	case bytes.HasPrefix(head, []byte("<")) && bytes.Contains(head, []byte("CONSOLIDATED_LIST")):
		return FormatUN, nil
	case bytes.HasPrefix(head, []byte("{")):
		return FormatFTM, nil
	case strings.HasPrefix(strings.ToLower(first), "id,schema,name"):
		return FormatOSSimple, nil
	case ofacRow(first):
		return FormatOFAC, nil
	}
	return "", errors.New("cannot tell the list format from its first bytes (want UN XML, OFAC CSV, OpenSanctions FtM JSON lines or targets.simple.csv); name it with --format")
}

// ofacRow reports whether a line looks like an OFAC primary row: a
// numeric ent_num, then a quoted name.
func ofacRow(line string) bool {
	num, rest, ok := strings.Cut(line, ",")
	return ok && num != "" && strings.Trim(num, "0123456789") == "" && strings.HasPrefix(rest, `"`)
}

// detectFile runs DetectFormat on a local file.
func detectFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	format, err := DetectFormat(bufio.NewReader(f))
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return format, nil
}

// loadForDiff reads a local list file for a comparison. format "" is
// detected. An OFAC file whose companion files cannot be found by name
// (a renamed download) is read alone: names and programmes still
// compare, only aliases and addresses are missing on both sides.
func loadForDiff(ctx context.Context, format, path string) ([]Party, error) {
	if format == "" {
		var err error
		if format, err = detectFile(path); err != nil {
			return nil, err
		}
	}
	if format == FormatOFAC && !haveOFACSiblings(path) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		ps, err := ParseOFAC(OFACFiles{Primary: f})
		if err != nil {
			return nil, fmt.Errorf("load list %s: %w", path, err)
		}
		return ps, nil
	}
	return Load(ctx, config.List{Name: path, Format: format, URL: path}, nil)
}

func haveOFACSiblings(primary string) bool {
	alt, add, comments, err := OFACSiblings(primary)
	if err != nil {
		return false
	}
	for _, p := range []string{alt, add, comments} {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}
