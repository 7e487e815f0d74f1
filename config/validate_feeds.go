package config

import (
	"fmt"
	"os"
	"slices"
	"strings"
)

// listFormats are the sanctions-list formats the importer reads.
var listFormats = []string{"un-xml", "ofac-csv", "opensanctions-ftm", "opensanctions-csv"}

// validateFeeds checks each feed and that names are unique, since the name
// keys the feed's state in the store.
func (ch *checker) validateFeeds(feeds []Feed) {
	seen := map[string]bool{}
	for i, f := range feeds {
		key := fmt.Sprintf("feeds[%d]", i)
		label := ch.uniqueName(key, "feed", f.Name, seen)
		if f.URL == "" {
			ch.errorf(key+".url", "%s: url is required", label)
		} else if !isWebURL(f.URL) {
			ch.errorf(key+".url", "%s: url %q must be an absolute http or https URL", label, f.URL)
		}
		ch.validCron(key+".schedule", f.Schedule, false)
		for name := range f.Headers {
			if name == "" || strings.ContainsAny(name, " \t\r\n:") {
				ch.errorf(key+".headers", "%s: invalid header name %q", label, name)
			}
		}
		ch.noEmpty(key+".tags", label+": tags", f.Tags)
		ch.noEmpty(key+".rules", label+": rules", f.Rules)
	}
}

// validateLists checks each sanctions list; routes must name destinations.
func (ch *checker) validateLists(lists []List, dests []string) {
	seen := map[string]bool{}
	for i, l := range lists {
		key := fmt.Sprintf("lists[%d]", i)
		label := ch.uniqueName(key, "list", l.Name, seen)
		if !slices.Contains(listFormats, l.Format) {
			ch.errorf(key+".format", "%s: format %q is not one of %s", label, l.Format, strings.Join(listFormats, ", "))
		}
		ch.validListURL(key+".url", label, l.URL)
		ch.validCron(key+".schedule", l.Schedule, true)
		if l.MaxDrop < 0 || l.MaxDrop > 1 {
			ch.errorf(key+".max_drop", "%s: max_drop must be between 0 and 1 (a share of the list)", label)
		}
		for j, r := range l.Route {
			ch.knownDestination(fmt.Sprintf("%s.route[%d]", key, j), label+": route", r, dests)
		}
	}
}

// validListURL accepts an http(s) URL or an existing local file.
func (ch *checker) validListURL(key, label, loc string) {
	switch {
	case loc == "":
		ch.errorf(key, "%s: url is required (an http(s) URL or a local file)", label)
	case isRemote(loc):
		if !isWebURL(loc) {
			ch.errorf(key, "%s: url %q must be an http or https URL or a local path", label, loc)
		}
	default:
		if _, err := os.Stat(loc); err != nil {
			ch.errorf(key, "%s: %v", label, describeFileErr(loc, err))
		}
	}
}

// uniqueName reports an empty or repeated name and returns how messages
// should call the item: `feed "bbc"`, or `feeds[3]` when it has no name.
func (ch *checker) uniqueName(key, kind, name string, seen map[string]bool) string {
	switch {
	case strings.TrimSpace(name) == "":
		ch.errorf(key+".name", "%s: name is required", key)
		return key
	case seen[name]:
		ch.errorf(key+".name", "duplicate %s name %q", kind, name)
	}
	seen[name] = true
	return fmt.Sprintf("%s %q", kind, name)
}

// noEmpty reports empty strings in a list of names.
func (ch *checker) noEmpty(key, what string, items []string) {
	for i, s := range items {
		if strings.TrimSpace(s) == "" {
			ch.errorf(fmt.Sprintf("%s[%d]", key, i), "%s: empty entry", what)
		}
	}
}
