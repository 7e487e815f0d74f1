package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// stmtCache keeps the statements of the poll's hot path prepared. SQLite
// compiles a statement's text on every plain Exec, and for a poll that
// finds nothing new (a 304, a body already read) compiling its few
// statements cost more than running them. The texts are constants of
// this package, so the cache stays small.
type stmtCache struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// prepared returns query prepared on the database, preparing it once.
// The cache is not locked while preparing: that waits for the one
// connection, which a transaction may hold while it looks up its own
// statements here.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.get(query); ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c := &s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.stmts[query]; ok {
		st.Close() // another caller prepared it meanwhile
		return prev, nil
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) get(query string) (*sql.Stmt, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.stmts[query]
	return st, ok
}

// txStmt returns query bound to tx: the statement prepared at Open when the
// query is one of txStatements, else one prepared for tx alone. (Preparing
// on the database here would wait for the one connection, which tx holds.)
func (s *Store) txStmt(ctx context.Context, tx *sqlTx, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.get(query); ok {
		return tx.StmtContext(ctx, st), nil
	}
	return tx.PrepareContext(ctx, query)
}

// txStatements are the statements every poll's commit runs.
var txStatements = []string{saveFeedSQL, itemsSeenSQL, insertStorySQL, refreshStorySQL}

// prepareTx prepares txStatements; Open calls it before any transaction.
func (s *Store) prepareTx(ctx context.Context) error {
	for _, q := range txStatements {
		if _, err := s.prepared(ctx, q); err != nil {
			return fmt.Errorf("prepare statements: %w", err)
		}
	}
	return nil
}
