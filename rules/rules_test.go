package rules

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/internal/yamlblock"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// mustCompile compiles files from testdata (and inline sources) or fails.
func mustCompile(tb testing.TB, srcs ...Source) *RuleSet {
	tb.Helper()
	rs, err := Compile(srcs, Env{})
	if err != nil {
		tb.Fatalf("compile: %v", err)
	}
	return rs
}

// The default pack compiled once per test binary: it has thousands of
// terms and takes a good fraction of a second to compile (ten times that
// under -race), and a RuleSet is only read once compiled.
var (
	packOnce sync.Once
	packSet  *RuleSet
	packErr  error
)

// defaultPack returns the shared compiled default pack, or fails tb.
func defaultPack(tb testing.TB) *RuleSet {
	tb.Helper()
	packOnce.Do(func() { packSet, packErr = Compile(DefaultPack(), Env{}) })
	if packErr != nil {
		tb.Fatalf("compile the default pack: %v", packErr)
	}
	return packSet
}

func testdataSource(tb testing.TB, name string) Source {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return Source{Name: "testdata/" + name, Data: data}
}

func inline(yaml string) Source {
	return Source{Name: "inline.yaml", Data: []byte(yaml)}
}

func ruleIDs(ms []story.Match) []string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.RuleID
	}
	return ids
}

func TestGoodFileCompilesAndRunsExamples(t *testing.T) {
	rs := mustCompile(t, testdataSource(t, "minimal.good.yaml"))
	st := rs.Stats()
	if st.Rules != 2 || st.Entities != 2 || st.Lists != 1 {
		t.Fatalf("stats = %+v", st)
	}
}

// testEnv declares two sanctions lists, one of them imported with a party
// under an OFAC programme, for the bad files' @list: and @regime: checks.
var testEnv = Env{
	Lists: []string{"un-sc", "ofac-sdn"},
	Entities: []*Entity{{ID: "ofac:1", Name: "Example Trading", Kind: "organisation",
		Aliases: []string{"Example Trading"}, List: "ofac-sdn", Regimes: []string{"russia-eo14024"}}},
}

// TestBadFilesReportEveryError checks each *.bad.yaml against the errors
// listed in its *.errors golden file, one per line, positions included.
func TestBadFilesReportEveryError(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.bad.yaml")
	if len(files) == 0 {
		t.Fatal("no bad rule files in testdata")
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			_, err := Compile([]Source{testdataSource(t, name)}, testEnv)
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("want Errors, got %v", err)
			}
			golden := strings.TrimSuffix(f, ".yaml") + ".errors"
			got := err.Error() + "\n"
			if os.Getenv("UPDATE_GOLDEN") != "" {
				os.WriteFile(golden, []byte(got), 0o644)
			}
			want, rerr := os.ReadFile(golden)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if got != string(want) {
				t.Errorf("errors differ\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

// TestFastReaderErrorsAsLibrary compiles each bad file that the fast
// reader reads, and again with a tab in a comment added at the end, which
// leaves the file's meaning and lines alone but sends it to the YAML
// library: the errors, positions included, must be the same both ways
// (the fast reader keeps long lists' items as plain values, not nodes).
func TestFastReaderErrorsAsLibrary(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.bad.yaml")
	read := 0
	for _, f := range files {
		src := testdataSource(t, filepath.Base(f))
		if _, ok := yamlblock.Parse(src.Data); !ok {
			if strings.HasPrefix(filepath.Base(f), "long-lists") {
				t.Errorf("%s: not read by the fast reader, which it is there to test", f)
			}
			continue
		}
		read++
		_, fast := Compile([]Source{src}, testEnv)
		lib := Source{Name: src.Name, Data: append(slices.Clip(src.Data), "#\tread by the library\n"...)}
		if _, ok := yamlblock.Parse(lib.Data); ok {
			t.Fatalf("%s: the fast reader read a tab", f)
		}
		_, slow := Compile([]Source{lib}, testEnv)
		if fast == nil || slow == nil || fast.Error() != slow.Error() {
			t.Errorf("%s: errors differ\n--- fast reader\n%v\n--- library\n%v", f, fast, slow)
		}
	}
	if read < 3 {
		t.Errorf("the fast reader read only %d bad files", read)
	}
}

func TestWholeWords(t *testing.T) {
	rs := mustCompile(t, inline(`
rules:
  - id: arms
    severity: low
    query: arms OR sanction*
`))
	tests := []struct {
		text string
		want bool
	}{
		{"Arms for Russia", true},
		{"ARMS", true},
		{"false alarms at farms", false},
		{"harms the armsdealer", false},
		{"sanctioned, sanctioning, Sanctions", true},
		{"unsanctioned rally", false},
		{"san ction", false},
	}
	for _, tt := range tests {
		got := len(rs.Match(&story.Story{Title: tt.text})) > 0
		if got != tt.want {
			t.Errorf("%q: match = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestNear(t *testing.T) {
	rs := mustCompile(t, inline(`
rules:
  - id: near
    severity: low
    query: shells NEAR/2 russia
  - id: onear
    severity: low
    query: shells ONEAR/2 russia
`))
	tests := []struct {
		text string
		want []string
	}{
		{"shells to Russia", []string{"near", "onear"}},
		{"Russia wants shells", []string{"near"}},
		{"shells were sent by train to Russia", nil},
		{"shells. Title: Russia", []string{"near", "onear"}},
	}
	for _, tt := range tests {
		got := ruleIDs(rs.Match(&story.Story{Title: tt.text}))
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q: rules %v, want %v", tt.text, got, tt.want)
		}
	}
	// Words in different fields are never near each other.
	if ms := rs.Match(&story.Story{Title: "shells", Summary: "Russia"}); len(ms) != 0 {
		t.Errorf("NEAR across fields matched: %v", ruleIDs(ms))
	}
}

func TestFieldScope(t *testing.T) {
	rs := mustCompile(t, inline(`
rules:
  - id: title-only
    severity: low
    query: title:embargo
`))
	if len(rs.Match(&story.Story{Summary: "embargo"})) != 0 {
		t.Error("title: scope matched the summary")
	}
	if len(rs.Match(&story.Story{Title: "Embargo"})) != 1 {
		t.Error("title: scope missed the title")
	}
}

func TestCaseSensitiveAlias(t *testing.T) {
	rs := mustCompile(t, testdataSource(t, "minimal.good.yaml"))
	only := MatchOptions{Allow: func(id string, _ []string) bool { return id == "us-only" }}
	for text, want := range map[string]bool{
		"US envoy visits": true, "Tell us more": false, "United States envoy": true, "Us and them": false,
	} {
		got := len(rs.MatchWith(&story.Story{Title: text}, only).Matches) > 0
		if got != want {
			t.Errorf("%q: match = %v, want %v", text, got, want)
		}
	}
}

func TestMatchExplainsHits(t *testing.T) {
	rs := mustCompile(t, testdataSource(t, "minimal.good.yaml"))
	s := &story.Story{Title: "Shells", Summary: "Kim Jong-un's factories make artillery shells for export."}
	ms := rs.Match(s)
	if len(ms) != 1 || ms[0].RuleID != "dprk-munitions" {
		t.Fatalf("matches = %v", ruleIDs(ms))
	}
	m := ms[0]
	if m.Severity != story.SeverityHigh || len(m.Routes) != 1 || m.Routes[0] != "alerts" {
		t.Errorf("match metadata = %+v", m)
	}
	want := map[string]story.Hit{
		"Kim Jong-un":      {Source: story.SourceEntity, Ref: "dprk", Name: "North Korea", Field: story.FieldSummary},
		"artillery shells": {Source: story.SourceList, Ref: "munitions", Field: story.FieldSummary},
	}
	if len(m.Hits) != len(want) {
		t.Fatalf("hits = %+v", m.Hits)
	}
	for _, h := range m.Hits {
		w, ok := want[h.Text]
		if !ok || h.Source != w.Source || h.Ref != w.Ref || h.Name != w.Name || h.Field != w.Field {
			t.Errorf("hit %+v, want %+v", h, w)
		}
		if s.Summary[h.Start:h.End] != h.Text {
			t.Errorf("hit offsets [%d,%d) do not cover %q", h.Start, h.End, h.Text)
		}
	}
	wantSnippet := story.MarkOpen + "Kim Jong-un" + story.MarkClose + "'s factories make " +
		story.MarkOpen + "artillery shells" + story.MarkClose + " for export."
	if m.Snippet != wantSnippet {
		t.Errorf("snippet = %q\nwant %q", m.Snippet, wantSnippet)
	}
}

func TestExplainNearMisses(t *testing.T) {
	rs := mustCompile(t, testdataSource(t, "minimal.good.yaml"))
	res := rs.MatchWith(&story.Story{Title: "Pyongyang parade"}, MatchOptions{Explain: true})
	if len(res.Matches) != 0 || len(res.NearMisses) != 1 {
		t.Fatalf("result = %+v", res)
	}
	nm := res.NearMisses[0]
	if nm.RuleID != "dprk-munitions" || len(nm.Failed) != 1 || len(nm.Hits) != 1 {
		t.Errorf("near miss = %+v", nm)
	}
}

func TestResolutions(t *testing.T) {
	rs := mustCompile(t, inline(`
rules:
  - id: any
    severity: low
    query: resolution:*
  - id: r2397
    severity: low
    query: resolution:2397
  - id: dprk
    severity: low
    query: regime:dprk
  - id: iran
    severity: low
    query: regime:iran
  - id: r1970
    severity: low
    query: resolution:1970
`))
	tests := []struct {
		text string
		want string
	}{
		{"Ship violated Resolution 2397", "any,r2397,dprk"},
		{"under UNSCR 1718", "any,dprk"},
		{"S/RES/2270 (2016) bans coal", "any,dprk"},
		{"resolutions 1718 and 2397", "any,r2397,dprk"},
		{"Security Council resolution 2231 expires", "any,iran"},
		{"the 1718 Committee met", "any,dprk"},
		{"would violate UN Security Council resolutions", "any"},
		{"City council passed resolution 12 on parking", ""},
		{"New Year's resolution 2024", ""},
		{"a 1718 committee of residents", "any,dprk"},
		{"КНДР нарушила резолюцию 2397", "any,r2397,dprk"},
		{"в нарушение резолюции СБ ООН 1718", "any,dprk"},
		{"резолюций 1718 и 2397", "any,r2397,dprk"},
		{"резолюция 2024 года о бюджете", ""},
		{"порушення резолюції Ради безпеки ООН 2231", "any,iran"},
		{"안보리 결의 2397호 위반", "any,r2397,dprk"},
		{"대북제재 결의 제2397호를 위반했다", "any,r2397,dprk"},
		{"违反安理会第2397号决议", "any,r2397,dprk"},
		{"安保理決議2397号に違反", "any,r2397,dprk"},
		{"国連安保理決議第1718号", "any,dprk"},
		{"انتهاك قرار مجلس الأمن 2397", "any,r2397,dprk"},
		{"بموجب القرار ٢٣٩٧ الصادر عن مجلس الأمن", "any,r2397,dprk"},
		{"بموجب القرار ٢٣٩٧", ""}, // قرار is any decision: the council must be named
		{"قرار وزير الداخلية رقم 1718 لسنة 2020", ""},
		{"تحدث الوزير عن قرار فك الارتباط عام 1988", ""},
		{"قرار مجلس الأمن عام 1970", "any"},
		{"В резолюции 1970 года съезд осудил уклонистов", ""},
		{"резолюции Совета Безопасности ООН 1970 г. о Ливии", "any"},
		{"резолюции Совета Безопасности ООН 1970 о Ливии", "any,r1970"},
		{"резолюция съезда партии 1988", ""},
		{"резолюции СБ ООН 1718 и 2397", "any,r2397,dprk"},
		{"la resolución 1970 de 2011 del Consejo de Seguridad", "any,r1970"},
		{"قراري مجلس الأمن 1718 و2397", "any,r2397,dprk"},
		{"القرارين 1718 و2397", ""},
		{"نقض قطعنامه ۲۲۳۱ شورای امنیت", "any,iran"},
		{"Resolution 2231 des UN-Sicherheitsrats", "any,iran"},
		{"la résolution 2231 du Conseil de sécurité", "any,iran"},
		{"la resolución 2231 del Consejo de Seguridad", "any,iran"},
		{"las resoluciones 1718 y 2397", "any,r2397,dprk"},
		{"нарушение резолюций Совета Безопасности ООН", "any"},
		{"решение 15 городского совета", ""},
		{"Le conseil municipal a voté la résolution 12 sur un nouveau parc", ""},
		{"la resolución 45 sobre uno de los parques", ""},
		{"la resolución 45 de la ONU", "any"},
		{"la résolution 12 des Nations unies", "any"},
		{"la résolution 45 de l'ONU", "any"},
		{"Pyongyang viole les résolutions de l’ONU", "any"},
		{"au mépris des résolutions du Conseil de sécurité", "any"},
		{"defying resolutions of the UN Security Council", "any"},
		{"les résolutions du conseil municipal", ""},
		{"la résolution de l'assemblée", ""},
		{"시의회 결의 15호", ""},
	}
	for _, tt := range tests {
		got := strings.Join(ruleIDs(rs.Match(&story.Story{Title: tt.text})), ",")
		if got != tt.want {
			t.Errorf("%q: rules %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestHugeStoryIsBounded(t *testing.T) {
	t.Parallel() // seconds of CPU under -race, independent of the rest
	rs := mustCompile(t, testdataSource(t, "minimal.good.yaml"))
	big := strings.Repeat("Pyongyang artillery shells US ", 350_000) // ~10 MB
	ms := rs.Match(&story.Story{Content: big})
	if len(ms) != 2 {
		t.Fatalf("matches = %v", ruleIDs(ms))
	}
}

func TestInvalidUTF8Story(t *testing.T) {
	rs := mustCompile(t, testdataSource(t, "minimal.good.yaml"))
	ms := rs.Match(&story.Story{Title: "Pyongyang \xff\xfe artillery shells"})
	if len(ms) != 1 {
		t.Fatalf("matches = %v", ruleIDs(ms))
	}
}

func TestInnerWildcardInListItems(t *testing.T) {
	rs := mustCompile(t, inline(`
lists:
  reimposed: ["reimpose* sanctions", "snap* back"]
rules:
  - id: r
    severity: low
    query: $reimposed
`))
	for text, want := range map[string]bool{
		"US reimposes sanctions on Iran": true,
		"Washington reimposed sanctions": true,
		"sanctions reimposed":            false,
		"UN sanctions snapped back":      true,
		"re-imposes sanctions":           false,
	} {
		if got := len(rs.Match(&story.Story{Title: text})) > 0; got != want {
			t.Errorf("%q: match = %v, want %v", text, got, want)
		}
	}
}

func TestManyHitsKeepRareEvidence(t *testing.T) {
	rs := mustCompile(t, inline(`
rules:
  - id: r
    severity: low
    query: shells AND resolution:*
`))
	text := strings.Repeat("shells ", 200) + "in breach of resolution 2397"
	ms := rs.Match(&story.Story{Content: text})
	if len(ms) != 1 {
		t.Fatalf("matches = %v", ruleIDs(ms))
	}
	hits := ms[0].Hits
	if len(hits) != maxHits || hits[len(hits)-1].Source != story.SourceResolution {
		t.Fatalf("%d hits, last %+v; want %d ending with the resolution", len(hits), hits[len(hits)-1], maxHits)
	}
}

// TestPendingListsAcceptUnknownRegimesButNotTypos: before a declared list
// is imported its programmes are unknown, so only a near miss of a known
// regime is an error.
func TestPendingListsAcceptUnknownRegimesButNotTypos(t *testing.T) {
	env := Env{Lists: []string{"ofac-sdn"}, Pending: []string{"ofac-sdn"}}
	src := inline("rules:\n  - id: r\n    severity: low\n    query: '@regime:russia-eo14024'\n")
	if _, err := Compile([]Source{src}, env); err != nil {
		t.Fatalf("pending list: %v", err)
	}
	src = inline("rules:\n  - id: r\n    severity: low\n    query: '@regime:talibam'\n")
	_, err := Compile([]Source{src}, env)
	if err == nil || !strings.Contains(err.Error(), "did you mean @regime:taliban?") {
		t.Fatalf("typo with a pending list: %v", err)
	}
	env.Pending = nil
	src = inline("rules:\n  - id: r\n    severity: low\n    query: '@regime:russia-eo14024'\n")
	if _, err := Compile([]Source{src}, env); err == nil {
		t.Fatal("unknown regime accepted with every list imported")
	}
}

// TestGeneratedRulesAreCheckedLikeWrittenOnes: a generated rule goes
// through the same checks, and quoting in its title cannot break it.
func TestGeneratedRulesAreCheckedLikeWrittenOnes(t *testing.T) {
	env := testEnv
	env.Generated = []Spec{{ID: "listed-ofac-sdn", Title: `Names a party on the "ofac-sdn" list: 'quoted'`,
		Severity: "high", Tags: []string{"sanctions-list"}, Query: "@list:ofac-sdn"}}
	rs, err := Compile(nil, env)
	if err != nil {
		t.Fatal(err)
	}
	res := rs.Match(&story.Story{Title: "Example Trading is named"})
	if got := ruleIDs(res); len(got) != 1 || got[0] != "listed-ofac-sdn" {
		t.Fatalf("matches = %v", got)
	}
	if title := res[0].Title; title != env.Generated[0].Title {
		t.Errorf("title = %q", title)
	}
	env.Generated[0].Query = "@list:ofac-sdm"
	_, err = Compile(nil, env)
	want := GeneratedName + `: rule "listed-ofac-sdn": unknown sanctions list @list:ofac-sdm (did you mean @list:ofac-sdn?)`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
}

// A near miss names the clauses that failed as written, read again from
// the query (a compiled rule keeps no syntax tree): each failing clause of
// a top-level AND, scopes looked through, or the whole query otherwise.
func TestNearMissClauseTexts(t *testing.T) {
	rs := mustCompile(t, inline(`
rules:
  - id: three
    severity: low
    query: 'title:(shells AND (Russia OR Moscow) AND NOT exercise AND (drone NEAR/3 factory))'
  - id: one
    severity: low
    query: 'shells NEAR/2 artillery'
`))
	s := &story.Story{Title: "Shells for a drone exercise", Content: "artillery far away from the shells here"}
	for _, tc := range []struct {
		rs   *RuleSet
		want map[string][]string
	}{
		{rs, map[string][]string{
			"three": {"Russia OR Moscow", "NOT exercise", "drone NEAR/3 factory"},
			"one":   {"shells NEAR/2 artillery"},
		}},
		{rs.Without([]string{"three"}), map[string][]string{
			"three": {"disabled"},
			"one":   {"shells NEAR/2 artillery"},
		}},
	} {
		res := tc.rs.MatchWith(s, MatchOptions{Explain: true})
		got := map[string][]string{}
		for _, nm := range res.NearMisses {
			got[nm.RuleID] = nm.Failed
		}
		for id, want := range tc.want {
			if !slices.Equal(got[id], want) {
				t.Errorf("rule %s failed clauses %q, want %q", id, got[id], want)
			}
		}
	}
}

// Compile reads the Env it is given and writes nothing of it: a daemon may
// compile one config's generated rules from two goroutines (a reload and
// a test run), and the config keeps its own slices.
func TestCompileLeavesTheEnvAlone(t *testing.T) {
	env := testEnv
	env.Generated = []Spec{{ID: "listed-ofac-sdn", Title: "Names a party on the ofac-sdn list", Severity: "high",
		Tags: []string{"sanctions-list"}, Route: []string{"compliance"}, Query: "@list:ofac-sdn"}}
	tags, route := env.Generated[0].Tags, env.Generated[0].Route
	want := []string{tags[0], route[0]}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if _, err := Compile(nil, env); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if &tags[0] != &env.Generated[0].Tags[0] || tags[0] != want[0] || route[0] != want[1] {
		t.Errorf("Compile changed the Env's generated rules: tags %q, route %q", tags, route)
	}
}
