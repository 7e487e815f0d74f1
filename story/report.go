package story

// Report is one story of an event as a destination lists it when the
// event's post grows: which outlet told it, under what title, where.
// Reports travel newest first, and several reports of one outlet count as
// one outlet: an outlet never corroborates itself.
type Report struct {
	Outlet string `json:"outlet"` // the feed's name
	Title  string `json:"title"`
	Link   string `json:"link,omitempty"`
}

// Outlets counts the distinct outlets of reports.
func Outlets(reports []Report) int {
	seen := map[string]bool{}
	for _, r := range reports {
		seen[r.Outlet] = true
	}
	return len(seen)
}
