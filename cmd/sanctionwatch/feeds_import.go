package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/feed"
)

// feedsImport prints the feeds of an OPML file as config.yaml entries to
// paste under feeds:, leaving out what cannot be polled (not http or
// https) and URLs already listed, and saying what it left out.
func feedsImport(e *env, args []string) error {
	fs := flag.NewFlagSet("feeds import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { fmt.Fprintln(e.stderr, "usage: sanctionwatch feeds import FILE.opml") }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &exitError{code: 2, err: fmt.Errorf("usage: sanctionwatch feeds import FILE.opml")}
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	feeds, err := feed.ParseOPML(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	kept, dropped := pollable(feeds)
	for _, d := range dropped {
		fmt.Fprintf(e.stderr, "skipped %s\n", d)
	}
	type entry struct {
		Name string   `yaml:"name"`
		URL  string   `yaml:"url"`
		Tags []string `yaml:"tags,omitempty"`
	}
	out := make([]entry, len(kept))
	for i, fd := range kept {
		out[i] = entry{fd.Name, fd.URL, fd.Tags}
	}
	b, err := yaml.Marshal(map[string]any{"feeds": out})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "# %s from %s: paste under feeds: in config.yaml\n%s", plural(len(kept), "feed", "feeds"), path, b)
	return nil
}

// pollable keeps the feeds with an http(s) URL not seen before, and says
// why each other one was left out.
func pollable(feeds []feed.Subscription) (kept []feed.Subscription, dropped []string) {
	seen := map[string]string{}
	for _, f := range feeds {
		u, err := url.Parse(f.URL)
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			dropped = append(dropped, fmt.Sprintf("%q: %s is not an http or https URL", f.Name, f.URL))
		case seen[f.URL] != "":
			dropped = append(dropped, fmt.Sprintf("%q: %s is already listed as %q", f.Name, f.URL, seen[f.URL]))
		default:
			seen[f.URL] = f.Name
			kept = append(kept, f)
		}
	}
	return kept, dropped
}
