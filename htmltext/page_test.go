package htmltext

import (
	"strings"
	"testing"
)

func TestPage(t *testing.T) {
	tests := []struct {
		name, in, title, text string
	}{
		{
			name:  "article preferred",
			in:    `<html><head><title>Site | Story</title></head><body><nav>Home News</nav><p>teaser</p><article><h1>Arms deal</h1><p>Body text.</p><aside>Related</aside></article><footer>(c)</footer></body></html>`,
			title: "Site | Story",
			text:  "Arms deal\nBody text.",
		},
		{
			name:  "og title wins",
			in:    `<html><head><title>Site</title><meta property="og:title" content="Real &amp; title"></head><body><main>Text</main></body></html>`,
			title: "Real & title",
			text:  "Text",
		},
		{
			name:  "no article",
			in:    `<title>T</title><header>Menu</header><div>One</div><div>Two</div><footer>Foot</footer>`,
			title: "T",
			text:  "One\nTwo",
		},
		{
			name:  "unclosed article",
			in:    `<p>before</p><article><p>inside`,
			title: "",
			text:  "inside",
		},
		{
			name:  "nested article",
			in:    `<article>a<article>b</article>c</article>after`,
			title: "",
			text:  "a\nb\nc",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, text, err := Page(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if title != tt.title || text != tt.text {
				t.Errorf("Page = %q, %q; want %q, %q", title, text, tt.title, tt.text)
			}
		})
	}
}
