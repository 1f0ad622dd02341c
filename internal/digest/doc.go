// Package digest builds and sends the digest emails: one message per
// recipient, grouped by pillar, each article delivered exactly once.
//
// # What a digest carries
//
// A recipient's digest holds the relevant articles stored since their last
// delivered digest (a new recipient: stored within digest.backfill) that
// match their pillars and languages and that the ledger does not record as
// delivered to them. Storing time counts, not publication date, so an old
// article found today is news today. Each story appears once, under its
// primary pillar (or, when the recipient does not follow that one, the
// first of its pillars they follow), with its other pillars as tags, the
// newest first, with a two-line lead and the evidence sentence that put it
// there, the deciding phrases marked. Past digest.max_per_pillar the rest
// of a pillar is counted, linked to the web page, and delivered as such.
//
// # Delivery
//
// Sending one period to one recipient is a run:
//
//  1. the articles are selected, and the run is claimed in one write
//     transaction ([Store.ClaimDigest]) which drops what the ledger already
//     holds and marks the run as being sent, so two overlapping runs never
//     send one period twice, nor the same articles in two periods;
//  2. the message goes to the SMTP server;
//  3. the moment the server accepts it, one write transaction
//     ([Store.DeliverDigest]) puts its articles in the ledger. Nothing
//     happens on the connection in between: no RSET, no QUIT.
//
// A refused or failed send (connection refused, 4xx, 5xx, timeout, TLS)
// leaves the articles undelivered and the run open; the daemon retries it
// with backoff and a later run carries whatever is still undelivered.
//
// A process that stops between the server's acceptance and step 3 leaves
// the run marked as being sent by an owner that is gone. The next claim
// for that recipient sees it, marks it uncertain, and sends it again as it
// was, with the same Message-ID, before anything newer: the reader may get
// that message twice, and mail clients that group by Message-ID show it
// once. The same happens when the server's answer to the message is lost.
package digest
