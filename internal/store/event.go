package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// listItem is the part of an event that lists show, stored apart from the full dossier so
// that a page of 50 events does not decode 50 dossiers.
func listItem(e *news.Event) news.Event {
	return news.Event{
		ID: e.ID, Title: e.Title, Articles: e.Articles, First: e.First, Last: e.Last,
		Sources: e.Sources, Langs: e.Langs, When: e.When, Where: e.Where, Lead: e.Lead, Image: e.Image,
	}
}

// summaryText is the event summary as plain text.
func summaryText(e *news.Event) string {
	parts := make([]string, 0, len(e.Summary))
	for _, s := range e.Summary {
		parts = append(parts, strings.TrimSpace(s.Text))
	}
	return strings.Join(parts, " ")
}

// distinctLower returns the distinct non-empty values of s, lower-cased, in first-seen order.
func distinctLower(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		v = strings.ToLower(strings.TrimSpace(v))
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// upsertEvent stores an event and replaces its filter rows (entities, places, languages,
// outlets) and its search entry.
func (db *DB) upsertEvent(ctx context.Context, tx *sql.Tx, e *news.Event, fts *[]ftsRow) error {
	if e.ID == "" {
		return fmt.Errorf("empty event id (title %q)", e.Title)
	}
	full := *e
	full.Related = nil // kept in event_links, where both directions are maintained
	dossier, err := json.Marshal(full)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	item, err := json.Marshal(listItem(e))
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	// An id merged away once may found an event again (clustering split the group off
	// under the id of its earliest article): it is no longer a redirect.
	if _, err := cleaned(tx).ExecContext(ctx, db.q(`DELETE FROM event_redirects WHERE from_id = ?`), e.ID); err != nil {
		return fmt.Errorf("clear redirect: %w", err)
	}
	summary := summaryText(e)
	outlets := distinctLower(e.Sources)
	args := []any{e.ID, e.Title, summary, micros(e.First), micros(e.Last), len(e.Articles), len(outlets), string(item), string(dossier), now()}
	titles, err := db.articleTitles(ctx, tx, e.Articles)
	if err != nil {
		return err
	}
	ftTitle, ftSummary := foldText(e.Title), foldText(summary+" "+titles)
	tsv := ""
	if db.pg {
		tsv = `, tsv`
		args = append(args, ftTitle, ftSummary)
	}
	query := `INSERT INTO events (id, title, summary, first_pub, last_pub, n_articles, n_sources, item, dossier, updated_at` + tsv + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?`
	if db.pg {
		query += `, setweight(to_tsvector('simple', ?), 'A') || to_tsvector('simple', ?)`
	}
	query += `) ON CONFLICT (id) DO UPDATE SET title = excluded.title, summary = excluded.summary,
		first_pub = excluded.first_pub, last_pub = excluded.last_pub, n_articles = excluded.n_articles,
		n_sources = excluded.n_sources, item = excluded.item, dossier = excluded.dossier, updated_at = excluded.updated_at`
	if db.pg {
		query += `, tsv = excluded.tsv`
	}
	query += ` RETURNING seq`
	var seq int64
	if err := cleaned(tx).QueryRowContext(ctx, db.q(query), args...).Scan(&seq); err != nil {
		return fmt.Errorf("upsert: %w", err)
	}
	if !db.pg {
		*fts = append(*fts, ftsRow{table: "events_fts", rowid: seq, cols: [2]string{ftTitle, ftSummary}, replace: true})
	}
	for _, t := range []string{"event_entities", "event_places", "event_langs", "event_outlets"} {
		if _, err := cleaned(tx).ExecContext(ctx, db.q(`DELETE FROM `+t+` WHERE event_id = ?`), e.ID); err != nil {
			return fmt.Errorf("clear %s: %w", t, err)
		}
	}
	seen := map[string]bool{}
	for _, en := range e.Entities {
		if en.ID == "" || seen[en.ID] {
			continue
		}
		seen[en.ID] = true
		aliases, _ := json.Marshal(nonNil(en.Aliases))
		mentions := en.Mentions
		if mentions == nil {
			mentions = map[string]int{}
		}
		mjs, _ := json.Marshal(mentions)
		n := 0
		for _, c := range mentions {
			n += c
		}
		if _, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO event_entities (event_id, entity_id, name, type, aliases, mentions, n_mentions) VALUES (?, ?, ?, ?, ?, ?, ?)`),
			e.ID, en.ID, en.Name, string(en.Type), string(aliases), string(mjs), n); err != nil {
			return fmt.Errorf("entity %s: %w", en.ID, err)
		}
		for _, name := range append([]string{en.Name}, en.Aliases...) {
			key := foldKey(name)
			if key == "" {
				continue
			}
			if _, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO entity_names (name_key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING`), key, en.ID); err != nil {
				return fmt.Errorf("entity %s name: %w", en.ID, err)
			}
		}
	}
	places := append(append([]news.GeoPlace(nil), e.Where...), e.Places...)
	for _, p := range places {
		for _, key := range []string{foldKey(p.Name), foldKey(p.Text)} {
			if key == "" {
				continue
			}
			name := p.Name
			if name == "" {
				name = p.Text
			}
			if _, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO event_places (event_id, name_key, name, country, kind, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
				e.ID, key, name, p.Country, p.Kind, p.Lat, p.Lon); err != nil {
				return fmt.Errorf("place %s: %w", name, err)
			}
		}
	}
	for _, l := range distinctLower(e.Langs) {
		if _, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO event_langs (event_id, lang) VALUES (?, ?)`), e.ID, l); err != nil {
			return fmt.Errorf("lang %s: %w", l, err)
		}
	}
	for _, o := range outlets {
		if _, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO event_outlets (event_id, outlet) VALUES (?, ?)`), e.ID, o); err != nil {
			return fmt.Errorf("outlet %s: %w", o, err)
		}
	}
	for _, part := range chunks(e.Articles, 500) {
		if err := db.moveArticles(ctx, tx, e.ID, part); err != nil {
			return fmt.Errorf("set article events: %w", err)
		}
	}
	return nil
}

// moveArticles puts the stored articles among ids (at most a few hundred) into event
// and logs each one whose event changes in article_moves (see MovesSince).
func (db *DB) moveArticles(ctx context.Context, tx *sql.Tx, event string, ids []string) error {
	args := append([]any{event}, anys(ids)...)
	args = append(args, event)
	in := placeholders(len(ids))
	if _, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO article_moves (article_id, event_id) SELECT id, ? FROM articles WHERE id IN (`+in+`) AND event <> ? ORDER BY seq`), args...); err != nil {
		return err
	}
	_, err := cleaned(tx).ExecContext(ctx, db.q(`UPDATE articles SET event = ? WHERE id IN (`+in+`) AND event <> ?`), args...)
	return err
}

// maxTitlesIndexed bounds how many article titles go into an event's search document.
const maxTitlesIndexed = 200

// articleTitles returns the titles of the stored articles among ids (at most
// maxTitlesIndexed), joined by newlines. An event's search document is its title, its
// summary and these titles: the Events query filter then reads only the events index.
// Joining every matching article to its event instead cost seconds for a common word in a
// 100,000-article store; words found only in article bodies are Search's job.
func (db *DB) articleTitles(ctx context.Context, tx *sql.Tx, ids []string) (string, error) {
	ids = ids[:min(len(ids), maxTitlesIndexed)]
	if len(ids) == 0 {
		return "", nil
	}
	rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT title FROM articles WHERE id IN (`+placeholders(len(ids))+`)`), anys(ids)...)
	if err != nil {
		return "", fmt.Errorf("article titles: %w", err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return "", fmt.Errorf("article titles: %w", err)
		}
		b.WriteString(t)
		b.WriteByte('\n')
	}
	return b.String(), rows.Err()
}

// insertLinks stores links in both directions, replacing the score and reason of a link
// already stored between the same events.
func (db *DB) insertLinks(ctx context.Context, tx *sql.Tx, links []Link) error {
	for _, l := range links {
		if l.From == "" || l.To == "" || l.From == l.To {
			continue
		}
		for _, d := range [2][2]string{{l.From, l.To}, {l.To, l.From}} {
			if _, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO event_links (from_id, to_id, score, reason) VALUES (?, ?, ?, ?)
				ON CONFLICT (from_id, to_id) DO UPDATE SET score = excluded.score, reason = excluded.reason`), d[0], d[1], l.Score, l.Reason); err != nil {
				return fmt.Errorf("link %s-%s: %w", l.From, l.To, err)
			}
		}
	}
	return nil
}

// EventFilter selects events for Events. Zero fields do not filter.
type EventFilter struct {
	From, To time.Time // on the event's publication range; zero = open
	Place    string    // place name or entity id
	Entity   string    // entity id or name
	Lang     string
	Outlet   string
	Query    string // full-text over event title, summary and article titles (syntax: Search), optional
	Sort     string // "newest" (default) or "biggest"
	Limit    int    // 0 = 50
	Offset   int
}

// where builds the WHERE clause (possibly empty) and its arguments for f.
func (db *DB) where(f EventFilter) (string, []any, error) {
	var conds []string
	var args []any
	if !f.From.IsZero() {
		conds = append(conds, `e.last_pub >= ?`)
		args = append(args, micros(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, `e.first_pub <= ?`)
		args = append(args, micros(f.To))
	}
	if p := strings.TrimSpace(f.Place); p != "" {
		key := foldKey(p)
		conds = append(conds, `(e.id IN (SELECT event_id FROM event_places WHERE name_key = ?)
			OR e.id IN (SELECT event_id FROM event_entities WHERE type = 'place'
				AND (entity_id = ? OR entity_id IN (SELECT entity_id FROM entity_names WHERE name_key = ?))))`)
		args = append(args, key, p, key)
	}
	if en := strings.TrimSpace(f.Entity); en != "" {
		conds = append(conds, `e.id IN (SELECT event_id FROM event_entities
			WHERE entity_id = ? OR entity_id IN (SELECT entity_id FROM entity_names WHERE name_key = ?))`)
		args = append(args, en, foldKey(en))
	}
	if l := strings.ToLower(strings.TrimSpace(f.Lang)); l != "" {
		conds = append(conds, `e.id IN (SELECT event_id FROM event_langs WHERE lang = ?)`)
		args = append(args, l)
	}
	if o := strings.ToLower(strings.TrimSpace(f.Outlet)); o != "" {
		conds = append(conds, `e.id IN (SELECT event_id FROM event_outlets WHERE outlet = ?)`)
		args = append(args, o)
	}
	switch pq := parseQuery(f.Query); {
	case !pq.empty():
		// The event's search document: title, summary and its articles' titles.
		if db.pg {
			conds = append(conds, `e.tsv @@ to_tsquery('simple', ?)`)
			args = append(args, tsQuery(pq))
		} else {
			conds = append(conds, `e.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)`)
			args = append(args, ftsQuery(pq))
		}
	case len(pq.none) > 0:
		// Exclusions alone narrow a list (Search, which has no list to narrow, finds nothing).
		if db.pg {
			conds = append(conds, `NOT (e.tsv @@ to_tsquery('simple', ?))`)
			args = append(args, tsQuery(query{all: [][]queryTerm{pq.none}}))
		} else {
			conds = append(conds, `e.seq NOT IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)`)
			args = append(args, ftsAny(pq.none))
		}
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args, nil
}

// Events returns one page of the events matching f as list items (ID, Title, Articles,
// First, Last, Sources, Langs, When, Where, Lead and Image filled) and the number of events matching.
func (db *DB) Events(ctx context.Context, f EventFilter) ([]news.Event, int, error) {
	var order string
	switch f.Sort {
	case "", "newest":
		order = ` ORDER BY e.last_pub DESC, e.seq DESC`
	case "biggest":
		order = ` ORDER BY e.n_articles DESC, e.n_sources DESC, e.last_pub DESC, e.seq DESC`
	default:
		return nil, 0, fmt.Errorf("store: events: unknown sort %q (want newest or biggest)", f.Sort)
	}
	limit, offset := pageOf(f.Limit, f.Offset)
	where, args, err := db.where(f)
	if err != nil {
		return nil, 0, err
	}
	var out []news.Event
	var total int
	err = db.readTx(ctx, "events", func(tx *sql.Tx) error {
		if err := cleaned(tx).QueryRowContext(ctx, db.q(`SELECT count(*) FROM events e`+where), args...).Scan(&total); err != nil {
			return err
		}
		if offset >= total {
			return nil
		}
		rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT e.item FROM events e`+where+order+` LIMIT ? OFFSET ?`), append(args, limit, offset)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var item string
			if err := rows.Scan(&item); err != nil {
				return err
			}
			var e news.Event
			if err := json.Unmarshal([]byte(item), &e); err != nil {
				return fmt.Errorf("decode event: %w", err)
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// pageOf applies the defaults: limit 0 means 50, and neither may be negative.
func pageOf(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = 50
	}
	return limit, max(offset, 0)
}

// Event returns the full dossier of an event, with Related read from the storyline links
// (strongest first), or ErrNotFound.
func (db *DB) Event(ctx context.Context, id string) (news.Event, error) {
	var e news.Event
	err := db.readTx(ctx, "event "+id, func(tx *sql.Tx) error {
		var dossier string
		err := cleaned(tx).QueryRowContext(ctx, db.q(`SELECT dossier FROM events WHERE id = ?`), id).Scan(&dossier)
		if errors.Is(err, sql.ErrNoRows) {
			// An event merged into another answers with that one.
			to, ok, rerr := db.redirect(ctx, tx, id)
			if rerr != nil {
				return rerr
			}
			if !ok {
				return ErrNotFound
			}
			id = to
			err = cleaned(tx).QueryRowContext(ctx, db.q(`SELECT dossier FROM events WHERE id = ?`), id).Scan(&dossier)
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
		}
		if err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(dossier), &e); err != nil {
			return fmt.Errorf("decode: %w", err)
		}
		rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT l.to_id, COALESCE(e.title, ''), l.score, l.reason
			FROM event_links l LEFT JOIN events e ON e.id = l.to_id
			WHERE l.from_id = ? ORDER BY l.score DESC, l.to_id`), id)
		if err != nil {
			return err
		}
		defer rows.Close()
		e.Related = []news.Related{}
		for rows.Next() {
			var r news.Related
			if err := rows.Scan(&r.Event, &r.Title, &r.Score, &r.Reason); err != nil {
				return err
			}
			e.Related = append(e.Related, r)
		}
		return rows.Err()
	})
	if err != nil {
		return news.Event{}, err
	}
	return e, nil
}

// EventsBetween returns the full events whose [First, Last] overlaps [from, to] (zero times
// are open ends), oldest first, for storyline candidates. Related is not filled.
func (db *DB) EventsBetween(ctx context.Context, from, to time.Time) ([]news.Event, error) {
	query := `SELECT dossier FROM events e`
	where, args, _ := db.where(EventFilter{From: from, To: to})
	rows, err := cleaned(db.r).QueryContext(ctx, db.q(query+where+` ORDER BY e.first_pub, e.seq`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: events between: %w", err)
	}
	defer rows.Close()
	var out []news.Event
	for rows.Next() {
		var dossier string
		if err := rows.Scan(&dossier); err != nil {
			return nil, fmt.Errorf("store: events between: %w", err)
		}
		var e news.Event
		if err := json.Unmarshal([]byte(dossier), &e); err != nil {
			return nil, fmt.Errorf("store: events between: decode: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: events between: %w", err)
	}
	return out, nil
}

// entityMerger merges the per-event records of one entity: the name used by most events
// (the newest among equals), every other name as an alias, mention counts summed.
type entityMerger struct {
	e      news.Entity
	names  map[string]int
	order  []string
	alias  map[string]bool
	hasAny bool
}

func (m *entityMerger) add(id, name, typ, aliasesJSON, mentionsJSON string) error {
	if m.names == nil {
		m.names, m.alias = map[string]int{}, map[string]bool{}
		m.e.ID = id
	}
	m.hasAny = true
	if m.e.Type == "" {
		m.e.Type = news.EntityType(typ)
	}
	if m.names[name] == 0 {
		m.order = append(m.order, name)
	}
	m.names[name]++
	var aliases []string
	if err := json.Unmarshal([]byte(aliasesJSON), &aliases); err != nil {
		return fmt.Errorf("entity %s: decode aliases: %w", id, err)
	}
	for _, a := range aliases {
		m.alias[a] = true
	}
	if mentionsJSON != "" {
		var mentions map[string]int
		if err := json.Unmarshal([]byte(mentionsJSON), &mentions); err != nil {
			return fmt.Errorf("entity %s: decode mentions: %w", id, err)
		}
		for a, c := range mentions {
			if m.e.Mentions == nil {
				m.e.Mentions = map[string]int{}
			}
			// An article belongs to one event, but take the larger count if events overlap.
			m.e.Mentions[a] = max(m.e.Mentions[a], c)
		}
	}
	return nil
}

func (m *entityMerger) entity() news.Entity {
	best := ""
	for _, n := range m.order { // order is newest event first: ties go to the newest name
		if best == "" || m.names[n] > m.names[best] {
			best = n
		}
	}
	m.e.Name = best
	set := map[string]bool{}
	for n := range m.names {
		set[n] = true
	}
	for a := range m.alias {
		set[a] = true
	}
	delete(set, best)
	delete(set, "")
	m.e.Aliases = nil
	for a := range set {
		m.e.Aliases = append(m.e.Aliases, a)
	}
	sort.Strings(m.e.Aliases)
	return m.e
}

// Entity returns an entity, merged over every event it appears in (names, aliases,
// mentions), and those events as list items, newest first. id may also be a name or alias
// that belongs to exactly one entity. ErrNotFound if no event mentions it.
func (db *DB) Entity(ctx context.Context, id string) (news.Entity, []news.Event, error) {
	var ent news.Entity
	var events []news.Event
	err := db.readTx(ctx, "entity "+id, func(tx *sql.Tx) error {
		load := func(id string) (bool, error) {
			rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT ee.name, ee.type, ee.aliases, ee.mentions, e.item
				FROM event_entities ee JOIN events e ON e.id = ee.event_id
				WHERE ee.entity_id = ? ORDER BY e.last_pub DESC, e.seq DESC`), id)
			if err != nil {
				return false, err
			}
			defer rows.Close()
			var m entityMerger
			for rows.Next() {
				var name, typ, aliases, mentions, item string
				if err := rows.Scan(&name, &typ, &aliases, &mentions, &item); err != nil {
					return false, err
				}
				if err := m.add(id, name, typ, aliases, mentions); err != nil {
					return false, err
				}
				var e news.Event
				if err := json.Unmarshal([]byte(item), &e); err != nil {
					return false, fmt.Errorf("decode event: %w", err)
				}
				events = append(events, e)
			}
			if err := rows.Err(); err != nil {
				return false, err
			}
			if !m.hasAny {
				return false, nil
			}
			ent = m.entity()
			return true, nil
		}
		ok, err := load(id)
		if err != nil || ok {
			return err
		}
		var ids []string
		rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT DISTINCT entity_id FROM entity_names WHERE name_key = ? LIMIT 2`), foldKey(id))
		if err != nil {
			return err
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, s)
		}
		rows.Close()
		if len(ids) == 1 {
			if ok, err = load(ids[0]); err != nil || ok {
				return err
			}
		}
		return ErrNotFound
	})
	if err != nil {
		return news.Entity{}, nil, err
	}
	return ent, events, nil
}

// Entities returns one page of entities of type typ (empty: all types), the most widely
// reported first (number of events), with Name and Aliases merged over events and Mentions
// left nil, and the number of such entities.
func (db *DB) Entities(ctx context.Context, typ news.EntityType, limit, offset int) ([]news.Entity, int, error) {
	limit, offset = pageOf(limit, offset)
	where, args := "", []any{}
	if typ != "" {
		where, args = ` WHERE type = ?`, []any{string(typ)}
	}
	var out []news.Entity
	var total int
	err := db.readTx(ctx, "entities", func(tx *sql.Tx) error {
		if err := cleaned(tx).QueryRowContext(ctx, db.q(`SELECT count(DISTINCT entity_id) FROM event_entities`+where), args...).Scan(&total); err != nil {
			return err
		}
		rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT entity_id, count(*) AS n FROM event_entities`+where+`
			GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT ? OFFSET ?`), append(args, limit, offset)...)
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		merged := map[string]*entityMerger{}
		rows, err = cleaned(tx).QueryContext(ctx, db.q(`SELECT ee.entity_id, ee.name, ee.type, ee.aliases
			FROM event_entities ee JOIN events e ON e.id = ee.event_id
			WHERE ee.entity_id IN (`+placeholders(len(ids))+`) ORDER BY e.last_pub DESC, e.seq DESC`), anys(ids)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, name, typ, aliases string
			if err := rows.Scan(&id, &name, &typ, &aliases); err != nil {
				return err
			}
			m := merged[id]
			if m == nil {
				m = &entityMerger{}
				merged[id] = m
			}
			if err := m.add(id, name, typ, aliases, ""); err != nil {
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if m := merged[id]; m != nil {
				out = append(out, m.entity())
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// Stats counts what the store holds.
type Stats struct {
	Articles, Events, Entities, Sources int
	Newest                              time.Time // latest publication time of an article
}

// Stats returns counts of articles, events, distinct entities and sources, and the newest
// publication time.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	var newest sql.NullInt64
	err := db.readTx(ctx, "stats", func(tx *sql.Tx) error {
		return cleaned(tx).QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM articles),
			(SELECT count(*) FROM events),
			(SELECT count(DISTINCT entity_id) FROM event_entities),
			(SELECT count(DISTINCT source) FROM articles),
			(SELECT max(published) FROM articles)`).Scan(&s.Articles, &s.Events, &s.Entities, &s.Sources, &newest)
	})
	if err != nil {
		return Stats{}, err
	}
	if newest.Valid {
		s.Newest = fromMicros(newest.Int64)
	}
	return s, nil
}
