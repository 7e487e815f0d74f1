package feed

import (
	"net/url"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a page; two links differing only in them are the same story.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "ocid": true, "cmpid": true, "cmp": true,
	"at_medium": true, "at_campaign": true, "at_custom1": true, "at_custom2": true,
	"at_custom3": true, "at_custom4": true, "igshid": true, "_ga": true, "_gl": true,
	"ref_src": true, "smid": true, "smtyp": true,
}

func isTracking(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "utm_") || trackingParams[n]
}

// canonicalLink resolves raw against base and drops what does not name the
// page: tracking parameters and the fragment. Scheme and host are lowercased.
// It returns "" for links that are not http(s) after resolution.
func canonicalLink(raw string, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	u.RawQuery = dropTracking(u.RawQuery)
	return u.String()
}

// dropTracking removes tracking parameters, keeping the others in their
// order and encoding.
func dropTracking(q string) string {
	if q == "" {
		return ""
	}
	parts := strings.Split(q, "&")
	kept := parts[:0]
	for _, p := range parts {
		name, _, _ := strings.Cut(p, "=")
		if un, err := url.QueryUnescape(name); err == nil {
			name = un
		}
		if p != "" && !isTracking(name) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "&")
}

// baseURL picks what relative item links resolve against: the feed's own
// link when it is absolute, else the URL the feed was fetched from.
func baseURL(feedLink, fetched string) *url.URL {
	fetchedURL, _ := url.Parse(fetched)
	if l, err := url.Parse(strings.TrimSpace(feedLink)); err == nil && l.IsAbs() {
		return l
	}
	if l, err := url.Parse(strings.TrimSpace(feedLink)); err == nil && fetchedURL != nil && fetchedURL.IsAbs() && feedLink != "" {
		return fetchedURL.ResolveReference(l)
	}
	return fetchedURL
}
