package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
	"github.com/sanctionwatch/sanctionwatch/store/storetest"
)

// One instance's events lock keeps another waiting; a waiter whose ctx
// ends gives up with that error and takes nothing; release, and the end of
// the holder's ctx without release, each let the next instance in.
func TestLockEventsWaitCancelRelease(t *testing.T) {
	a, b, release := lockedByOne(t)
	ctx := context.Background()
	wait, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := b.LockEvents(wait, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("LockEvents while another instance holds it = %v, want the ctx's deadline", err)
	}
	release()
	held, stop := context.WithCancel(ctx)
	if _, err := b.LockEvents(held, time.Minute); err != nil {
		t.Fatalf("LockEvents after release: %v", err)
	}
	stop() // b never calls release: its ctx ending must free the lock
	again, cancel2 := context.WithTimeout(ctx, 10*time.Second)
	defer cancel2()
	releaseA, err := a.LockEvents(again, time.Minute)
	if err != nil {
		t.Fatalf("LockEvents after the holder's ctx ended: %v", err)
	}
	releaseA()
}

// A server that ends idle transactions after 100 ms must not end the
// lock's while its holder decides: another instance still waits after
// the holder has sat idle for several times that.
func TestLockEventsOutlivesIdleTimeout(t *testing.T) {
	dsn := pgtest.DSN(t)
	admin := storetest.OpenPostgresAt(t, dsn)
	ctx := context.Background()
	if _, err := admin.DB().ExecContext(ctx, `DO $$ BEGIN
		EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = 100', current_database());
		END $$`); err != nil {
		t.Fatal(err)
	}
	// Opened after the change, so that their sessions take it up.
	a, b := storetest.OpenPostgresAt(t, dsn), storetest.OpenPostgresAt(t, dsn)
	release, err := a.LockEvents(ctx, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	time.Sleep(500 * time.Millisecond)
	wait, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := b.LockEvents(wait, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("LockEvents after the holder sat idle past the server's timeout = %v, want to wait", err)
	}
}

// A waiter gives up after its wait with ErrEventsBusy, holding nothing:
// the holder's release lets the next instance in at once.
func TestLockEventsGivesUpAfterItsWait(t *testing.T) {
	_, b, release := lockedByOne(t)
	ctx := context.Background()
	if _, err := b.LockEvents(ctx, 100*time.Millisecond); !errors.Is(err, store.ErrEventsBusy) {
		t.Fatalf("LockEvents while another instance holds it past the wait = %v, want ErrEventsBusy", err)
	}
	release()
	releaseB, err := b.LockEvents(ctx, 100*time.Millisecond)
	if err != nil {
		t.Fatalf("LockEvents after release: %v", err)
	}
	releaseB()
}

// lockedByOne opens one PostgreSQL state as two instances, a holding the
// events lock until release.
func lockedByOne(t *testing.T) (a, b *store.Store, release func()) {
	t.Helper()
	dsn := pgtest.DSN(t)
	a, b = storetest.OpenPostgresAt(t, dsn), storetest.OpenPostgresAt(t, dsn)
	release, err := a.LockEvents(context.Background(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	return a, b, release
}
