package app

import (
	"context"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// Lists that fall due together (cron starts each on its own) must reach
// one import batch, each once, so that the rules compile once for them.
func TestListsDueTogetherMakeOneBatch(t *testing.T) {
	a := &App{listSched: newListSchedule()}
	un := config.List{Name: "un", Schedule: "@every 6h"}
	sdn := config.List{Name: "sdn", Schedule: "@every 6h"}
	a.listSched.fire(un)
	a.listSched.fire(sdn)
	a.listSched.fire(un) // a second firing before the batch ran
	batch := a.dueLists(context.Background())
	if len(batch) != 2 || batch[0].Name != "un" || batch[1].Name != "sdn" {
		t.Fatalf("batch = %v, want un and sdn once each", batch)
	}
	if again := a.dueLists(context.Background()); len(again) != 0 {
		t.Fatalf("a batch was taken twice: %v", again)
	}
	select {
	case <-a.listSched.due:
	default:
		t.Fatal("firing did not wake the list loop")
	}
}
