package sanctions

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// MaxListBytes bounds one list file. OpenSanctions' whole consolidated
// export is the largest source we read; a bigger body is a misconfigured
// URL or an endless response, and is refused rather than cut short.
const MaxListBytes = 1 << 30

// The list formats of config.List.Format.
const (
	FormatUN       = "un-xml"
	FormatOFAC     = "ofac-csv"
	FormatFTM      = "opensanctions-ftm"
	FormatOSSimple = "opensanctions-csv"
)

// ErrTooLarge is returned when a list file exceeds MaxListBytes.
var ErrTooLarge = errors.New("list file exceeds the size limit")

// Load reads and parses one configured list from a local path or an
// http(s) URL. For OFAC the URL names the primary file and the others are
// found beside it (see OFACSiblings). Parties get src.Name as their List.
// A failed fetch, a non-200 response, an oversized body or a parse error
// fails the whole load.
func Load(ctx context.Context, src config.List, client *http.Client) ([]Party, error) {
	ps, err := load(ctx, src, client)
	if err != nil {
		return nil, fmt.Errorf("load list %s: %w", src.Name, err)
	}
	for i := range ps {
		ps[i].List = src.Name
	}
	return ps, nil
}

func load(ctx context.Context, src config.List, client *http.Client) ([]Party, error) {
	var parse func(io.Reader) ([]Party, error)
	switch src.Format {
	case FormatOFAC:
		return loadOFAC(ctx, src.URL, client)
	case FormatUN:
		parse = ParseUN
	case FormatFTM:
		parse = ParseFTM
	case FormatOSSimple:
		parse = ParseOSSimple
	default:
		return nil, fmt.Errorf("unknown format %q", src.Format)
	}
	r, err := open(ctx, client, src.URL)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return parse(r)
}

// loadOFAC opens the four files of a set and parses them together.
func loadOFAC(ctx context.Context, primary string, client *http.Client) ([]Party, error) {
	alt, add, comments, err := OFACSiblings(primary)
	if err != nil {
		return nil, err
	}
	var files [4]io.ReadCloser
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
			}
		}
	}()
	for i, loc := range []string{primary, alt, add, comments} {
		if files[i], err = open(ctx, client, loc); err != nil {
			return nil, err
		}
	}
	return ParseOFAC(OFACFiles{Primary: files[0], Alt: files[1], Add: files[2], Comments: files[3]})
}

// OFACSiblings derives the alternate-name, address and comments files from
// the primary file of an OFAC CSV set, in the same folder or URL path:
//
//	sdn.csv        -> alt.csv, add.csv, sdn_comments.csv (SDN list)
//	cons_prim.csv  -> cons_alt.csv, cons_add.csv, cons_comments.csv (Consolidated)
//	NAME-sdn-REST  -> NAME-sdn-alt-REST, NAME-sdn-add-REST, NAME-sdn-comments-REST
//	NAME-prim-REST -> NAME-alt-REST, NAME-add-REST, NAME-comments-REST
//
// The official names keep the case of the primary (SDN.CSV -> ALT.CSV). The
// last two forms serve dated mirrors such as "ofac-sdn-2021-07.csv".
func OFACSiblings(primary string) (alt, add, comments string, err error) {
	dir, base, join := splitLocation(primary)
	upper := base == strings.ToUpper(base)
	cased := func(s string) string {
		if upper {
			return strings.ToUpper(s)
		}
		return s
	}
	three := func(a, b, c string) (string, string, string, error) {
		return join(dir, a), join(dir, b), join(dir, c), nil
	}
	switch lower := strings.ToLower(base); {
	case lower == "sdn.csv":
		return three(cased("alt.csv"), cased("add.csv"), cased("sdn_comments.csv"))
	case lower == "cons_prim.csv":
		return three(cased("cons_alt.csv"), cased("cons_add.csv"), cased("cons_comments.csv"))
	case strings.Contains(base, "-sdn-"):
		r := func(part string) string { return strings.Replace(base, "-sdn-", "-sdn-"+part+"-", 1) }
		return three(r("alt"), r("add"), r("comments"))
	case strings.Contains(base, "-prim-"):
		r := func(part string) string { return strings.Replace(base, "-prim-", "-"+part+"-", 1) }
		return three(r("alt"), r("add"), r("comments"))
	}
	return "", "", "", fmt.Errorf("%s: cannot tell the other files of the OFAC set from this name (want sdn.csv, cons_prim.csv, *-sdn-* or *-prim-*)", primary)
}

// splitLocation splits a URL or path into its folder and file name, with
// the matching way to join them back.
func splitLocation(loc string) (dir, base string, join func(dir, base string) string) {
	if u, err := url.Parse(loc); err == nil && isHTTP(u) {
		dir, base = path.Split(u.Path)
		return dir, base, func(d, b string) string {
			v := *u
			v.Path = d + b
			return v.String()
		}
	}
	return filepath.Dir(loc), filepath.Base(loc), func(d, b string) string { return filepath.Join(d, b) }
}

func isHTTP(u *url.URL) bool { return u.Scheme == "http" || u.Scheme == "https" }

// open returns the body of a URL or a local file, bounded by MaxListBytes.
func open(ctx context.Context, client *http.Client, loc string) (io.ReadCloser, error) {
	u, err := url.Parse(loc)
	if err != nil || !isHTTP(u) {
		f, err := os.Open(loc)
		if err != nil {
			return nil, err
		}
		return limited(f), nil
	}
	if client == nil {
		return nil, fmt.Errorf("fetch %s: no HTTP client", loc)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, loc, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", loc, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", loc, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("fetch %s: %s", loc, resp.Status)
	}
	return limited(resp.Body), nil
}

// limitedReader fails with ErrTooLarge past MaxListBytes, so an oversized
// list is an error and never a silently truncated import.
type limitedReader struct {
	rc   io.ReadCloser
	left int64
}

func limited(rc io.ReadCloser) io.ReadCloser { return &limitedReader{rc: rc, left: MaxListBytes} }

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// Whether the file ends at the limit is only known by reading one
		// byte more.
		var one [1]byte
		if n, err := l.rc.Read(one[:]); n > 0 {
			return 0, ErrTooLarge
		} else if err != nil {
			return 0, err
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.rc.Read(p)
	l.left -= int64(n)
	return n, err
}

func (l *limitedReader) Close() error { return l.rc.Close() }
