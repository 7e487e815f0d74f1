package query

import (
	"strings"
	"testing"
)

func TestWalk(t *testing.T) {
	n, err := Parse(`title:(@dprk OR $munitions) NEAR/5 "arms deal" -resolution:2397 regime:iran`)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	Walk(n, func(n Node) bool {
		switch n.(type) {
		case *ListRef, *EntityRef, *ResolutionRef, *RegimeRef, *Term:
			refs = append(refs, n.String())
		}
		return true
	})
	want := `@dprk $munitions "arms deal" resolution:2397 regime:iran`
	if got := strings.Join(refs, " "); got != want {
		t.Errorf("Walk visited %q, want %q", got, want)
	}
}

func TestWalkSkipsChildren(t *testing.T) {
	n, err := Parse("arms -(chair OR sofa) deal")
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	Walk(n, func(n Node) bool {
		if _, ok := n.(*Term); ok {
			seen = append(seen, n.String())
		}
		_, isNot := n.(*Not)
		return !isNot
	})
	if got := strings.Join(seen, " "); got != "arms deal" {
		t.Errorf("Walk visited %q, want the terms outside NOT only", got)
	}
}

func TestPositions(t *testing.T) {
	q := "arms OR\n  title:“Кремль” NEAR/3 @dprk"
	n, err := Parse(q)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Pos{
		"arms":                        {0, 1, 1},
		`title:"Кремль" NEAR/3 @dprk`: {35, 2, 18},
		`title:"Кремль"`:              {10, 2, 3},
		`"Кремль"`:                    {16, 2, 9},
		"@dprk":                       {42, 2, 25},
	}
	Walk(n, func(n Node) bool {
		if p, ok := want[n.String()]; ok && n.Pos() != p {
			t.Errorf("%s at %+v, want %+v", n, n.Pos(), p)
		}
		return true
	})
}

func TestRegexCompiled(t *testing.T) {
	tests := []struct {
		in, text string
		want     bool
	}{
		{`/kh-\d+/`, "a KH-55 missile", false},
		{`/kh-\d+/i`, "a KH-55 missile", true},
		{`/a\/b/`, "x a/b y", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			re := n.(*Regex).Re
			if got := re.MatchString(tt.text); got != tt.want {
				t.Errorf("%s matches %q = %v, want %v", tt.in, tt.text, got, tt.want)
			}
		})
	}
}

func TestCanonicalForm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a1 -b1", "a1 NOT b1"},
		{"a1 AND (b1 OR c1)", "a1 (b1 OR c1)"},
		{"“arms  deal”*", `"arms deal*"`},
		{"NOT (a1 b1)", "NOT (a1 b1)"},
		{"a1 NEAR/2 (b1 NEAR/3 c1)", "a1 NEAR/2 (b1 NEAR/3 c1)"},
		{"(a1 NEAR/2 b1) NEAR/3 c1", "a1 NEAR/2 b1 NEAR/3 c1"},
		{"a1 W/2 b1 PRE/4 c1", "a1 NEAR/2 b1 ONEAR/4 c1"},
		{"title:(a1 OR b1) NOT c1", "title:(a1 OR b1) NOT c1"},
		{"@kind:vessel @dprk resolution:* regime:libya", "@kind:vessel @dprk resolution:* regime:libya"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := n.String(); got != tt.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStringOfBuiltTrees(t *testing.T) {
	word := func(w string) Node { return &Term{Words: []string{w}} }
	tests := []struct {
		n    Node
		want string
	}{
		{&Or{Xs: []Node{&Or{Xs: []Node{word("a1"), word("b1")}}, word("c1")}}, "(a1 OR b1) OR c1"},
		{&And{Xs: []Node{&Or{Xs: []Node{word("a1"), word("b1")}}, &And{Xs: []Node{word("c1"), word("d1")}}}}, "(a1 OR b1) (c1 d1)"},
		{&Not{X: &Near{L: word("a1"), R: word("b1"), N: 3}}, "NOT a1 NEAR/3 b1"},
		{&Scope{Field: "title", X: &Not{X: word("a1")}}, "title:(NOT a1)"},
	}
	for _, tt := range tests {
		if got := tt.n.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestFields(t *testing.T) {
	got := Fields()
	got[0] = "changed"
	for _, f := range Fields() {
		if _, err := Parse(f + ":arms"); err != nil {
			t.Errorf("field %q from Fields does not parse: %v", f, err)
		}
	}
	if Fields()[0] == "changed" {
		t.Error("Fields returns the package's own slice")
	}
}
