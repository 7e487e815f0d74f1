package htmltext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Arms  sale\tto   Ukraine", "Arms sale to Ukraine"},
		{"plain trimmed", "  \n word \n ", "word"},
		{"plain lines kept", "one\n\n\ntwo", "one\ntwo"},
		{"entities", "Smith &amp; Wesson &lt;b&gt; &#8217;s&nbsp;rifles", "Smith & Wesson <b> \u2019s rifles"},
		{"tags dropped", "<b>North</b> <i>Korea</i>", "North Korea"},
		{"inline join", "Kala<b>shnikov</b>", "Kalashnikov"},
		{"blocks", "<p>First.</p><p>Second.</p><ul><li>a</li><li>b</li></ul>", "First.\nSecond.\na\nb"},
		{"br", "line one<br>line two<br/>three", "line one\nline two\nthree"},
		{"headings", "<h1>Title</h1>body<h2>Sub</h2>", "Title\nbody\nSub"},
		{"script", "a<script>var x = '<p>no</p>';</script>b", "ab"},
		{"style noscript template", "<style>p{}</style>x<noscript>y</noscript><template><p>z</p></template>w", "xw"},
		{"nested template", "<template><template>a</template>b</template>c", "c"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "ab\nc"},
		{"blockquote", "said<blockquote>quote</blockquote>after", "said\nquote\nafter"},
		{"unclosed", "<p>open <b>bold", "open bold"},
		{"lone lt", "a < b & c", "a < b & c"},
		{"comment", "a<!-- hidden -->b", "ab"},
		{"empty", "", ""},
		{"only markup", "<p></p><br><div> </div>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextHugeInputIsBounded(t *testing.T) {
	in := strings.Repeat("<div>", MaxInput)
	if got := Text(in); got != "" {
		t.Errorf("got %d bytes of text from markup only", len(got))
	}
	words := strings.Repeat("w ", MaxInput)
	if got := Text(words); len(got) > MaxInput {
		t.Errorf("Text returned %d bytes, more than MaxInput", len(got))
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"<p>a &amp; b</p>", "plain", "<script>x", "<<<>>>&&#;", "\xff\xfe<b>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Text(in)
		if !utf8.ValidString(out) {
			t.Errorf("invalid UTF-8 out of %q", in)
		}
		if out != strings.TrimSpace(out) {
			t.Errorf("untrimmed %q out of %q", out, in)
		}
		if strings.Contains(out, "  ") || strings.Contains(out, "\n\n") {
			t.Errorf("uncollapsed %q out of %q", out, in)
		}
	})
}

func BenchmarkText(b *testing.B) {
	in := strings.Repeat("<p>The <b>ministry</b> said &ldquo;arms&rdquo; were shipped.</p>\n", 200)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		Text(in)
	}
}
