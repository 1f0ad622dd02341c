package store

import (
	"fmt"
	"log/slog"
)

// RecordError is a stored value that does not decode: the record is
// damaged (or was written by a program that did not follow the layout).
// It wraps ErrDamaged. List, ForEach, SourceStates and Pending skip such
// records with a warning, so one bad record does not hide the others;
// reading it by its key returns this error.
type RecordError struct {
	Bucket string // "articles", ...; "" when the reader did not say
	Key    string // the record's key: an article ID, a URL, a source name
	Err    error  // the decoding error
}

// Error implements error.
func (e *RecordError) Error() string {
	what := "record"
	if e.Bucket != "" {
		what = e.Bucket + " record"
	}
	return fmt.Sprintf("%s %q does not decode: %v", what, e.Key, e.Err)
}

// Unwrap makes errors.Is(err, ErrDamaged) true and exposes the cause.
func (e *RecordError) Unwrap() []error { return []error{ErrDamaged, e.Err} }

// skipRecord logs that a damaged record was left out of a listing.
func (s *Store) skipRecord(bucket, key string, err error) {
	s.log.Warn("skipping a damaged record (run `crawler db check`)",
		slog.String("path", s.path), slog.String("bucket", bucket),
		slog.String("id", key), slog.String("error", err.Error()))
}
