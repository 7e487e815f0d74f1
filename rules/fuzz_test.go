package rules

import (
	"errors"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// FuzzCompile feeds arbitrary rule files to the loader: it must either
// compile or return positioned Errors, never panic; what compiles must
// match a story without panicking.
func FuzzCompile(f *testing.F) {
	f.Add("lists:\n  a: [x*, \"y z\"]\nrules:\n  - id: r\n    severity: low\n    query: $a NEAR/2 q\n")
	f.Add("entities:\n  - id: e\n    kind: vessel\n    aliases: [Ocean Star]\nrules:\n  - id: r\n    severity: high\n    query: '@kind:vessel OR resolution:*'\n")
	f.Add("rules:\n  - id: r\n    severity: low\n    query: |\n      (a OR\n")
	f.Add("rules: [")
	f.Fuzz(func(t *testing.T, src string) {
		rs, err := Compile([]Source{{Name: "fuzz.yaml", Data: []byte(src)}}, Env{})
		if err != nil {
			var errs Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error is not a non-empty Errors: %v", err)
			}
			return
		}
		rs.MatchWith(&story.Story{Title: src, Summary: "x y z q Ocean Star resolution 2397"}, MatchOptions{Explain: true})
	})
}
