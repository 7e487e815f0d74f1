package discord

import (
	"net/url"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/language"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// languageLines shows the story's language and, for a story not in
// English, a link to a translation built from the template: the title
// stays as written, so a reader who knows the language loses nothing.
func languageLines(s story.Story, tmpl string) []string {
	if s.Lang == "" {
		return nil
	}
	lines := []string{Escape(language.Name(s.Lang)) + " (" + s.Lang + ")"}
	// A link cut short by the field's limit would be a broken one.
	if link := translateLink(s, tmpl); link != "" && len(link) < maxFieldValue-len(lines[0])-16 {
		lines = append(lines, "[Translate]("+link+")")
	}
	return lines
}

// translateLink fills {url}, {title} and {lang} of tmpl, each escaped for
// a query; "" when there is no template, the story is in English, or the
// result is not a web URL.
func translateLink(s story.Story, tmpl string) string {
	if tmpl == "" || s.Lang == "en" {
		return ""
	}
	link := strings.NewReplacer(
		"{url}", url.QueryEscape(s.Link),
		"{title}", url.QueryEscape(oneLine(s.Title)),
		"{lang}", url.QueryEscape(s.Lang),
	).Replace(tmpl)
	// A ")" would end the Markdown link early.
	return strings.ReplaceAll(safeURL(link), ")", "%29")
}
