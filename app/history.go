package app

import "github.com/sanctionwatch/sanctionwatch/config"

// applyHistory tells the store how much of each new story to keep for
// replay; history.text_cap 0 or history.retention 0 keep nothing.
func (a *App) applyHistory(h config.History) {
	if !h.Keeps() {
		a.store.SetTextCap(0)
		return
	}
	a.store.SetTextCap(h.TextCap)
}
