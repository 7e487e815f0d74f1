package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// outboxChannel is the PostgreSQL notification channel that says an
// instance queued alerts.
const outboxChannel = "sanctionwatch_outbox"

// notifyOutbox tells every listening instance, when tx commits, that the
// outbox has new alerts. PostgreSQL delivers a NOTIFY only on commit, and
// folds repeats within one transaction, so a sender never wakes for rows
// it cannot see yet. On SQLite every sender is in this process and is
// woken by it directly.
func (s *Store) notifyOutbox(ctx context.Context, tx *sqlTx) error {
	if !s.d.postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_notify(?, '')`, outboxChannel)
	return err
}

// ListenOutbox returns a channel that receives a value when any instance
// sharing the database queues alerts, so a sender can drain the outbox
// within moments instead of at its next poll. Wakes are folded: the
// channel holds at most one, and a sender that wakes reads the whole
// queue. The listener keeps a connection of its own, reconnects after
// losing it (and then wakes once, since a notification may have been
// missed meanwhile), and stops and closes the channel when ctx ends; the
// caller's ctx owns it. On SQLite the channel never fires and closes with
// ctx.
func (s *Store) ListenOutbox(ctx context.Context) (<-chan struct{}, error) {
	wake := make(chan struct{}, 1)
	if !s.d.postgres {
		go func() {
			<-ctx.Done()
			close(wake)
		}()
		return wake, nil
	}
	conn, err := s.listenConn(ctx)
	if err != nil {
		return nil, err
	}
	go s.listen(ctx, conn, wake)
	return wake, nil
}

// listenConn opens a connection of its own that listens on outboxChannel.
func (s *Store) listenConn(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, s.pg.Copy())
	if err != nil {
		return nil, redactConnErr(err)
	}
	if _, err := conn.Exec(ctx, "LISTEN "+outboxChannel); err != nil {
		closeConn(conn)
		return nil, err
	}
	return conn, nil
}

// listenRetry is how long the listener waits before connecting again.
const listenRetry = time.Second

func (s *Store) listen(ctx context.Context, conn *pgx.Conn, wake chan<- struct{}) {
	defer close(wake)
	for {
		if conn != nil {
			if _, err := conn.WaitForNotification(ctx); err == nil {
				signal(wake)
				continue
			}
			closeConn(conn)
			conn = nil
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(listenRetry):
		}
		var err error
		if conn, err = s.listenConn(ctx); err == nil {
			signal(wake) // what was queued while we were away
		}
	}
}

// closeConn says goodbye to the server, giving up after a few seconds on
// a connection that no longer answers.
func closeConn(conn *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn.Close(ctx)
}

// signal leaves one wake in ch unless one is already waiting.
func signal(ch chan<- struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
