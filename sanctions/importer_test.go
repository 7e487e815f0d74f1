package sanctions

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/storetest"
)

func outboxCount(t *testing.T, st *store.Store, where string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM outbox WHERE ` + where).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// serveFiles serves the current content of files by name, so a test can
// change a list between imports.
func serveFiles(t *testing.T, files map[string]string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestImportLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		files := map[string]string{"consolidated.xml": readFixture(t, "un/v1.xml")}
		srv := serveFiles(t, files)
		src := config.List{Name: "UN", Format: FormatUN, URL: srv.URL + "/consolidated.xml", Route: []string{"desk"}}
		clock := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		im := Importer{Store: st, Client: srv.Client(), AdminRoute: "admin", Now: func() time.Time { return clock }}

		res, err := im.Import(ctx, src)
		if err != nil || !res.First || res.Entries != 4 || res.Queued != 0 {
			t.Fatalf("first import: %+v, %v; want 4 entries recorded without alerts", res, err)
		}
		files["consolidated.xml"] = readFixture(t, "un/v2.xml")
		clock = clock.Add(24 * time.Hour)
		res, err = im.Import(ctx, src)
		if err != nil || res.First || len(res.Changes.Added) != 1 || res.Queued != 3 {
			t.Fatalf("second import: %+v, %v; want 1 added and 3 alerts", res, err)
		}
		if n := outboxCount(t, st, `destination = 'desk' AND title = 'UN 1718 list: 1 entity added'`); n != 1 {
			t.Errorf("%d addition alerts queued, want 1", n)
		}

		// A download cut to one party is refused; the admin hears of it once.
		v2 := files["consolidated.xml"]
		files["consolidated.xml"] = v2[:strings.Index(v2, "<INDIVIDUAL>")] + "</INDIVIDUALS></CONSOLIDATED_LIST>"
		for range 2 {
			_, err = im.Import(ctx, src)
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("empty list: err %v, want ErrEmpty", err)
			}
		}
		if n := outboxCount(t, st, `destination = 'admin'`); n != 1 {
			t.Errorf("%d admin alerts, want 1", n)
		}
		imp, ok, err := st.LastListImport(ctx, "UN")
		if err != nil || !ok || imp.Entries != 4 {
			t.Fatalf("last good import %+v, %v after refusals; want the 4 entries of v2", imp, err)
		}
		// Broken XML fails too and still keeps the last good import.
		files["consolidated.xml"] = v2[:len(v2)/2]
		if _, err := im.Import(ctx, src); err == nil || !strings.Contains(err.Error(), "un xml: line") {
			t.Fatalf("truncated xml: err %v", err)
		}
		status, err := st.ListImports(ctx)
		if err != nil || len(status) != 1 || status[0].Entries != 4 || status[0].LastError == "" {
			t.Errorf("status %+v, %v", status, err)
		}
	})
}

func TestImportRefusesShrink(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "targets.simple.csv")
	head := "id,schema,name,aliases,countries,identifiers,sanctions,first_seen\n"
	var rows strings.Builder
	for _, n := range []string{"ALPHA ONE", "BRAVO TWO", "CHARLIE THREE", "DELTA FOUR", "ECHO FIVE"} {
		rows.WriteString("id-" + strings.Fields(n)[0] + ",Company," + n + ",,,,,\n")
	}
	write := func(body string) {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(head + rows.String())
	src := config.List{Name: "os", Format: FormatOSSimple, URL: path, MaxDrop: 0.5, Route: []string{"desk"}}
	if _, err := Import(ctx, st, src, nil); err != nil {
		t.Fatal(err)
	}
	write(head + strings.SplitAfterN(rows.String(), "\n", 3)[0]) // 5 -> 1: a 80% drop
	_, err := Import(ctx, st, src, nil)
	var se *ShrinkError
	if !errors.As(err, &se) || se.Old != 5 || se.New != 1 {
		t.Fatalf("err %v, want a shrink from 5 to 1", err)
	}
	if n := outboxCount(t, st, `1`); n != 0 {
		t.Errorf("%d alerts queued for a refused import, want none (no flood of removals)", n)
	}
}

func TestLoadOFACOverHTTP(t *testing.T) {
	files := map[string]string{}
	for _, name := range []string{"SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV"} {
		files["ofac/"+name] = readFixture(t, "ofac/"+name)
	}
	srv := serveFiles(t, files)
	ps, err := Load(context.Background(), config.List{Name: "sdn", Format: FormatOFAC, URL: srv.URL + "/ofac/SDN.CSV"}, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 || ps[0].List != "sdn" || AliasCount(ps) == 0 {
		t.Errorf("loaded %+v", ps)
	}
	delete(files, "ofac/ALT.CSV")
	_, err = Load(context.Background(), config.List{Name: "sdn", Format: FormatOFAC, URL: srv.URL + "/ofac/SDN.CSV"}, srv.Client())
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing alt file: err %v, want a 404", err)
	}
}

func TestOFACSiblings(t *testing.T) {
	tests := []struct{ primary, alt, comments string }{
		{"https://example.org/x/SDN.CSV", "https://example.org/x/ALT.CSV", "https://example.org/x/SDN_COMMENTS.CSV"},
		{"lists/sdn.csv", filepath.Join("lists", "alt.csv"), filepath.Join("lists", "sdn_comments.csv")},
		{"cons_prim.csv", "cons_alt.csv", "cons_comments.csv"},
		{"c/ofac-sdn-2021-07.csv", filepath.Join("c", "ofac-sdn-alt-2021-07.csv"), filepath.Join("c", "ofac-sdn-comments-2021-07.csv")},
		{"ofac-cons-prim-2025-12.csv", "ofac-cons-alt-2025-12.csv", "ofac-cons-comments-2025-12.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.primary, func(t *testing.T) {
			alt, _, comments, err := OFACSiblings(tt.primary)
			if err != nil || alt != tt.alt || comments != tt.comments {
				t.Errorf("got %q %q %v, want %q %q", alt, comments, err, tt.alt, tt.comments)
			}
		})
	}
	if _, _, _, err := OFACSiblings("list.csv"); err == nil {
		t.Error("a name without a known form was accepted")
	}
}

func TestDiffFiles(t *testing.T) {
	ch, err := DiffFiles(context.Background(), FormatUN, "testdata/un/v1.xml", "testdata/un/v2.xml")
	if err != nil {
		t.Fatal(err)
	}
	if got := ch.String(); got != "+1 -1 ~1 (1267: +0 -1 ~0; 1718: +1 -0 ~1)" {
		t.Errorf("DiffFiles = %s", got)
	}
}

func TestLoadTooLarge(t *testing.T) {
	r := &limitedReader{rc: nopCloser{strings.NewReader("0123456789")}, left: 4}
	buf := make([]byte, 16)
	var err error
	for err == nil {
		_, err = r.Read(buf)
	}
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err %v, want ErrTooLarge", err)
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

func TestLoadExactLimit(t *testing.T) {
	r := &limitedReader{rc: nopCloser{strings.NewReader("0123")}, left: 4}
	b := make([]byte, 0, 8)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("err %v, want EOF for a file of exactly the limit", err)
			}
			break
		}
	}
	if string(b) != "0123" {
		t.Errorf("read %q", b)
	}
}
