package store

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Sentinel errors; test for them with errors.Is.
var (
	// ErrNotFound means no article has the given ID or ID prefix.
	ErrNotFound = errors.New("not found")
	// ErrAmbiguous means an ID prefix matches more than one article.
	ErrAmbiguous = errors.New("ambiguous id prefix")
	// ErrLocked means another process (or another Store in this process)
	// holds the database file and did not let go within Options.Timeout.
	ErrLocked = errors.New("database locked")
	// ErrConflict means a URL already belongs to a different article.
	ErrConflict = errors.New("url belongs to another article")
	// ErrSchema means the file was written by a newer version of the
	// program, whose layout this one does not know.
	ErrSchema = errors.New("unsupported schema version")
	// ErrNoDatabase means a read-only or MustExist Open found no file at
	// the path.
	ErrNoDatabase = errors.New("no database")
)

// errOldLayout means Open found buckets missing or an older schema.
var errOldLayout = errors.New("buckets missing")

// schemaVersion is the layout written by this code. Bump it when a bucket's
// key or value encoding changes, and add the step to migrations.
const schemaVersion = 3

// DefaultTimeout is how long Open waits for the file lock when
// Options.Timeout is zero.
const DefaultTimeout = 2 * time.Second

// Options configure Open.
type Options struct {
	// Timeout is how long to wait for another holder of the file to let go
	// before failing with ErrLocked; zero means DefaultTimeout.
	Timeout time.Duration
	// ReadOnly opens an existing file for reading only, sharing it with
	// other readers: a missing file is an error wrapping ErrNoDatabase,
	// never created, and nothing is written, not even to a damaged file.
	// A read-only Store's writing methods fail.
	ReadOnly bool
	// MustExist opens an existing file for writing but never creates one:
	// a missing file is an error wrapping ErrNoDatabase. For commands that
	// only make sense on a database a crawl has filled (digests,
	// compaction), where a mistyped path should not leave an empty file.
	MustExist bool
	// Logger receives warnings about damaged records that reads skip;
	// nil discards them.
	Logger *slog.Logger
}

// Store is the monitor's database: articles with their URL, date and
// near-duplicate indexes, fetch state per URL and health per source. It is
// safe for concurrent use; every method runs in its own transaction.
type Store struct {
	db     *bolt.DB
	path   string
	log    *slog.Logger
	now    func() time.Time // stamps Article.Fetched when the caller left it zero
	damage damageFlag
}

// Open opens the database at path, creating the file and its parent
// directory when missing (unless opts.ReadOnly). If another process holds
// the file, Open gives up after opts.Timeout with an error wrapping
// ErrLocked. A file that is not a database, is truncated, or whose meta or
// bucket pages do not decode gives an error wrapping ErrDamaged that names
// the file and the remedy; Open never writes to such a file.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if err := prepareFile(path, opts.ReadOnly || opts.MustExist); err != nil {
		return nil, err
	}
	if st, err := os.Stat(path); err == nil && st.Size() > 0 {
		if problems, _ := fileProblems(path); len(problems) > 0 {
			return nil, damagedFile(path, errors.Join(problems...).Error())
		}
	}
	db, err := openBolt(path, opts)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, log: opts.Logger, now: time.Now}
	if err := s.verify(); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	// Write only when there is something to set up: a read-only caller
	// shares the file, and an open that changes nothing should not write.
	err = s.view(s.checkLayout)
	switch {
	case errors.Is(err, errOldLayout) && opts.ReadOnly:
		return upgrade(path, opts, db)
	case errors.Is(err, errOldLayout):
		err = s.setUp()
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, errors.Join(err, db.Close()))
	}
	return s, nil
}

// CheckFile opens the database at path read-only, even a damaged one, and
// returns every problem found: what Open refuses (a file bbolt cannot open,
// a truncated file, a damaged meta page) and what Diagnose finds. No
// problems means the file is sound. err reports a file that could not be
// looked at: missing (ErrNoDatabase) or locked (ErrLocked).
func CheckFile(path string, opts Options) (problems []error, err error) {
	opts.ReadOnly = true
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if err := prepareFile(path, true); err != nil {
		return nil, err
	}
	if problems, fatal := fileProblems(path); fatal {
		return problems, nil
	}
	db, err := openBolt(path, opts)
	if errors.Is(err, ErrDamaged) {
		return []error{err}, nil
	}
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, log: slog.New(slog.DiscardHandler), now: time.Now}
	problems = s.Diagnose()
	return problems, s.Close()
}

// prepareFile creates the parent directory of a database to be written,
// and makes sure the file to be read exists.
func prepareFile(path string, mustExist bool) error {
	if mustExist {
		st, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("%w at %s", ErrNoDatabase, path)
		case err != nil:
			return fmt.Errorf("open store: %w", err)
		case st.IsDir():
			return fmt.Errorf("%w at %s (it is a directory)", ErrNoDatabase, path)
		}
		return nil
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("open store: %w", err)
		}
	}
	return nil
}

// upgrade adds the buckets a read-only open found missing (a file from an
// older version of the program) in a short write, then opens the file
// read-only again.
func upgrade(path string, opts Options, ro *bolt.DB) (*Store, error) {
	if err := ro.Close(); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	rw := opts
	rw.ReadOnly = false
	s, err := Open(path, rw)
	if err != nil {
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	opts.Logger.Info("database upgraded to the current layout", slog.String("path", path))
	return Open(path, opts)
}

// setUp creates what the file lacks and brings it to the current schema.
func (s *Store) setUp() error {
	var version int
	err := s.update(func(tx *bolt.Tx) (err error) {
		version, err = initBuckets(tx)
		return err
	})
	if err != nil {
		return err
	}
	return s.migrate(version)
}

// initBuckets creates the buckets and returns the file's schema version,
// stamping the current one on a new file.
func initBuckets(tx *bolt.Tx) (int, error) {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return 0, fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	if err := backfillSketches(tx); err != nil {
		return 0, fmt.Errorf("index sketches: %w", err)
	}
	v := tx.Bucket(bucketMeta).Get(keySchema)
	n := schemaVersion
	if v == nil {
		if err := setSchema(tx, schemaVersion); err != nil {
			return 0, err
		}
	} else if err := checkSchema(v); err != nil {
		return 0, err
	} else {
		n, _ = strconv.Atoi(string(v))
	}
	return n, initDigest(tx)
}

func setSchema(tx *bolt.Tx, version int) error {
	return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(version)))
}

// checkSchema accepts a stored schema version this program can read.
func checkSchema(v []byte) error {
	n, err := strconv.Atoi(string(v))
	if err != nil || n > schemaVersion {
		return fmt.Errorf("file has schema %q, this program knows %d: %w", v, schemaVersion, ErrSchema)
	}
	return nil
}

// checkLayout checks the schema version and reports errOldLayout when
// setUp has something to do: buckets missing, the version not stamped or
// older than this program's, or the digest key or storing-time index not
// made yet.
func (s *Store) checkLayout(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return errOldLayout
		}
	}
	meta := tx.Bucket(bucketMeta)
	v := meta.Get(keySchema)
	if v == nil || meta.Get(keyDigestKey) == nil || meta.Get(keyStoredIndex) == nil {
		return errOldLayout
	}
	if err := checkSchema(v); err != nil {
		return err
	}
	if n, _ := strconv.Atoi(string(v)); n < schemaVersion {
		return errOldLayout
	}
	return nil
}

// Close releases the file. The Store must not be used afterwards.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// Path returns the database file path given to Open.
func (s *Store) Path() string { return s.path }

// Check verifies the file with bbolt's page-level consistency check, every
// record's encoding and the store's own indexes against the article
// records, and joins the problems found (nil when there are none). It reads
// the whole database, so it is meant for tests and diagnostics, not for a
// running daemon's hot path.
func (s *Store) Check() error { return errors.Join(s.Diagnose()...) }

// Diagnose is Check returning each problem on its own: damaged pages (each
// wrapping ErrDamaged when bbolt could not read on), records that do not
// decode (*RecordError) and index disagreements. Damage to the pages
// stops the record and index checks, which would read the same pages.
func (s *Store) Diagnose() []error {
	errs, fatal := fileProblems(s.path)
	if fatal {
		return errs // bbolt's check would fault reading past the end
	}
	err := s.view(func(tx *bolt.Tx) error {
		if errors.Is(s.checkLayout(tx), errOldLayout) {
			errs = append(errs, errors.New("buckets missing: the file was written by an older version (any write, such as `crawler crawl --once`, adds them)"))
			return nil
		}
		for err := range tx.Check() {
			errs = append(errs, finding(err.Error()))
		}
		return nil
	})
	if err != nil {
		return append(errs, err)
	}
	if len(errs) > 0 {
		return errs
	}
	err = s.view(func(tx *bolt.Tx) error {
		errs = append(errs, checkRecords(tx)...)
		errs = append(errs, checkIndexes(tx)...)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}

// Ping reports whether the database is open and readable, for health checks.
func (s *Store) Ping() error {
	return s.view(func(*bolt.Tx) error { return nil })
}
