package store

import (
	"strconv"
	"strings"
	"testing"
)

func TestNumberPlaceholders(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT a FROM t WHERE b = ? AND c IN (?, ?)`: `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`,
		`SELECT '?' || "col?" FROM t WHERE x = ?`:     `SELECT '?' || "col?" FROM t WHERE x = $1`,
		`SELECT 'it''s ?', ?`:                         `SELECT 'it''s ?', $1`,
		`SELECT 1`:                                    `SELECT 1`,
	} {
		if got := numberPlaceholders(in); got != want {
			t.Errorf("numberPlaceholders(%q)\n got %q\nwant %q", in, got, want)
		}
	}
	if d := (&dialect{}); d.q("x = ?") != "x = ?" {
		t.Error("the SQLite dialect rewrote a query")
	}
}

// Rewriting keeps every byte but the placeholders, and numbers them 1, 2,
// ... in order.
func FuzzNumberPlaceholders(f *testing.F) {
	f.Add(`SELECT a FROM t WHERE b = ? AND c IN (?, ?)`)
	f.Add(`SELECT '?' || "c?" WHERE x = ?`)
	f.Add(`'unterminated ?`)
	f.Fuzz(func(t *testing.T, in string) {
		if strings.Contains(in, "$") {
			return // the check below takes every $ for a placeholder
		}
		out := numberPlaceholders(in)
		parts := strings.Split(out, "$")
		for k := 1; k < len(parts); k++ {
			num := strconv.Itoa(k)
			if !strings.HasPrefix(parts[k], num) {
				t.Fatalf("placeholder %d misnumbered in %q", k, out)
			}
			parts[k] = parts[k][len(num):]
		}
		if back := strings.Join(parts, "?"); back != in {
			t.Fatalf("numberPlaceholders(%q) = %q, which is not the input with ? numbered", in, out)
		}
	})
}
