package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"
)

// dialect is what differs between the two databases for the store's own
// SQL: placeholders, and which text to run where the two have no common
// form (JSON functions). Everything else is written once in SQL both
// accept: INSERT ... ON CONFLICT, RETURNING, CASE, times as fixed-width
// UTC text that sorts as it reads (byte order; PostgreSQL columns are
// COLLATE "C" for that).
type dialect struct {
	postgres bool
	rebound  sync.Map // query text -> the same with $n placeholders
}

// q returns query in the dialect's placeholder form. The store writes ?
// (SQLite's form); PostgreSQL wants $1, $2, ... The texts are constants of
// this package or built from a few of them, so the cache stays small.
func (d *dialect) q(query string) string {
	if !d.postgres {
		return query
	}
	if out, ok := d.rebound.Load(query); ok {
		return out.(string)
	}
	out := numberPlaceholders(query)
	d.rebound.Store(query, out)
	return out
}

// pick returns lite on SQLite and pg on PostgreSQL.
func (d *dialect) pick(lite, pg string) string {
	if d.postgres {
		return pg
	}
	return lite
}

// numberPlaceholders turns each ? outside a quoted literal into $n.
func numberPlaceholders(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n, quote := 0, byte(0)
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// sqlDB is the database with every query put in the dialect's form, so the
// store's methods read the same for both databases.
type sqlDB struct {
	*sql.DB
	d *dialect
}

func (db *sqlDB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.DB.ExecContext(ctx, db.d.q(query), args...)
}

func (db *sqlDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.DB.QueryContext(ctx, db.d.q(query), args...)
}

func (db *sqlDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return db.DB.QueryRowContext(ctx, db.d.q(query), args...)
}

func (db *sqlDB) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return db.DB.PrepareContext(ctx, db.d.q(query))
}

func (db *sqlDB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sqlTx, error) {
	tx, err := db.DB.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &sqlTx{Tx: tx, d: db.d}, nil
}

// sqlTx is a transaction of sqlDB, rewriting its queries the same way.
type sqlTx struct {
	*sql.Tx
	d *dialect
}

func (tx *sqlTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.Tx.ExecContext(ctx, tx.d.q(query), args...)
}

func (tx *sqlTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return tx.Tx.QueryContext(ctx, tx.d.q(query), args...)
}

func (tx *sqlTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.Tx.QueryRowContext(ctx, tx.d.q(query), args...)
}

func (tx *sqlTx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return tx.Tx.PrepareContext(ctx, tx.d.q(query))
}

// matchedRules returns a FROM item m, one row per match of the
// story.Alert JSON in column col (none for a notice, which has no
// matches), and the expression of the match's rule id. The item may name
// columns of the tables before it, in both databases.
func (d *dialect) matchedRules(col string) (from, rule string) {
	if d.postgres {
		// A lax JSON path yields nothing for a null or missing array.
		return `jsonb_path_query(` + col + `::jsonb, 'lax $.matches[*].rule') m(rule)`, `(m.rule #>> '{}')`
	}
	return `json_each(` + col + `, '$.matches') m`, `json_extract(m.value, '$.rule')`
}

// jsonStrings is a FROM item named alias, one row per string of the JSON
// array in column col, the string in its column value.
func (d *dialect) jsonStrings(col, alias string) string {
	if d.postgres {
		return `jsonb_array_elements_text(` + col + `::jsonb) ` + alias + `(value)`
	}
	return `json_each(` + col + `) ` + alias
}
