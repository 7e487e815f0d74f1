package query

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/language"

	"github.com/sanctionwatch/sanctionwatch/internal/spelling"
)

// fields are the story fields a query may be scoped to; "text" stands for
// title, summary and content together.
var fields = []string{"title", "summary", "content", "text", "author", "category", "link", "feed"}

// prefixes are the words that may precede a colon.
var prefixes = []string{"title", "summary", "content", "text", "author", "category", "link", "feed", "resolution", "regime", "lang"}

// entitySelectors are the forms @selector:name may take.
var entitySelectors = []string{"kind", "list", "regime"}

// Fields returns the names of the story fields a query may be scoped to,
// in a new slice the caller may keep.
func Fields() []string { return append([]string(nil), fields...) }

// lexPrefixed lexes word: as a field scope or a resolution or regime
// reference; the offset is at the colon.
func (lx *lexer) lexPrefixed(p Pos, word string) (token, error) {
	switch {
	case word == "resolution":
		lx.advance()
		return lx.lexResolution(p)
	case word == "regime":
		lx.advance()
		name, err := lx.lexName(p, "regime:")
		if err != nil {
			return token{}, err
		}
		return lx.endOfRef(p, &RegimeRef{At: p, Name: name}, "regime:"+name)
	case word == "lang":
		lx.advance()
		return lx.lexLang(p)
	case contains(fields, word):
		lx.advance()
		return token{kind: tField, text: word}, nil
	}
	return token{}, lx.errorf(p, "unknown field %q%s", word, suggest(word, prefixes))
}

// maxResolution keeps resolution numbers within what a number of the UN
// Security Council can plausibly reach (about 2,800 in 2025).
const maxResolution = 99999

func (lx *lexer) lexResolution(p Pos) (token, error) {
	if r, _ := lx.peek(); r == '*' {
		lx.advance()
		return lx.endOfRef(p, &ResolutionRef{At: p}, "resolution:*")
	}
	start := lx.off
	for r, _ := lx.peek(); r >= '0' && r <= '9'; r, _ = lx.peek() {
		lx.advance()
	}
	digits := lx.src[start:lx.off]
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || n > maxResolution {
		return token{}, lx.errorf(p, "resolution: needs a resolution number from 1 to %d or *, as in resolution:2397", maxResolution)
	}
	return lx.endOfRef(p, &ResolutionRef{At: p, Number: n}, "resolution:"+digits)
}

// lexLang reads lang:code; the code must be one the language detector can
// return, or the rule could never fire.
func (lx *lexer) lexLang(p Pos) (token, error) {
	code, err := lx.lexName(p, "lang:")
	if err != nil {
		return token{}, err
	}
	if !language.Known(code) {
		return token{}, lx.errorf(p, "unknown language %q%s; languages are %s", code,
			suggest(code, language.Codes), strings.Join(language.Codes, ", "))
	}
	return lx.endOfRef(p, &LangRef{At: p, Code: code}, "lang:"+code)
}

// endOfRef refuses a reference glued to more word characters
// (resolution:2397a), which would otherwise read as two terms.
func (lx *lexer) endOfRef(p Pos, n Node, text string) (token, error) {
	if r, size := lx.peek(); size > 0 && (isWordPart(r) || r == '*') {
		return token{}, lx.errorf(lx.pos(), "unexpected %q after %s", r, text)
	}
	return leaf(n, text), nil
}

func (lx *lexer) lexList(p Pos) (token, error) {
	lx.advance()
	name, err := lx.lexName(p, "$")
	if err != nil {
		return token{}, err
	}
	return lx.endOfRef(p, &ListRef{At: p, Name: name}, "$"+name)
}

// lexEntity lexes @name and @selector:name.
func (lx *lexer) lexEntity(p Pos) (token, error) {
	lx.advance()
	name, err := lx.lexName(p, "@")
	if err != nil {
		return token{}, err
	}
	if r, _ := lx.peek(); r != ':' {
		return lx.endOfRef(p, &EntityRef{At: p, By: "id", Name: name}, "@"+name)
	}
	if !contains(entitySelectors, name) {
		return token{}, lx.errorf(p, "unknown entity selector \"@%s:\"%s; use @kind:, @list: or @regime:, or @name for one entity",
			name, suggest(name, entitySelectors))
	}
	lx.advance()
	what := "@" + name + ":"
	id, err := lx.lexName(p, what)
	if err != nil {
		return token{}, err
	}
	return lx.endOfRef(p, &EntityRef{At: p, By: name, Name: id}, what+id)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns ` (did you mean "x"?)` for the candidate nearest to
// word, when it is close enough to be a typo, and "" otherwise.
func suggest(word string, candidates []string) string {
	best, ok := spelling.Nearest(word, candidates)
	if !ok || spelling.Distance(word, best) > 2 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
