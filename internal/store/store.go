package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
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
)

// schemaVersion is the layout written by this code. Bump it when a bucket's
// key or value encoding changes, and add the step to migrations.
const schemaVersion = 2

// DefaultTimeout is how long Open waits for the file lock when
// Options.Timeout is zero.
const DefaultTimeout = 2 * time.Second

// Options configure Open.
type Options struct {
	// Timeout is how long to wait for another holder of the file to let go
	// before failing with ErrLocked; zero means DefaultTimeout.
	Timeout time.Duration
}

// Store is the monitor's database: articles with their URL, date and
// near-duplicate indexes, fetch state per URL and health per source. It is
// safe for concurrent use; every method runs in its own transaction.
type Store struct {
	db   *bolt.DB
	path string
	now  func() time.Time // stamps Article.Fetched when the caller left it zero
}

// Open opens the database at path, creating the file and its parent
// directory when missing. If another process holds the file, Open gives up
// after opts.Timeout with an error wrapping ErrLocked.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	db, err := openBolt(path, opts.Timeout)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, now: time.Now}
	var version int
	err = s.update(func(tx *bolt.Tx) (err error) {
		version, err = initBuckets(tx)
		return err
	})
	if err == nil {
		err = s.migrate(version)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, errors.Join(err, db.Close()))
	}
	return s, nil
}

// openBolt opens the bbolt file with the store's options.
func openBolt(path string, timeout time.Duration) (*bolt.DB, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout: timeout,
		// The map freelist stays fast when a large file has many free
		// pages; the array default degrades as the file fragments.
		FreelistType: bolt.FreelistMapType,
		// Truncate and fsync when the file grows: skipping that is only
		// safe off ext3/ext4, and servers mostly run ext4.
		NoGrowSync: false,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open store: %s is in use by another process (e.g. a running `crawler run`): %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return db, nil
}

// initBuckets creates the buckets and returns the file's schema version,
// stamping the current one on a new file.
func initBuckets(tx *bolt.Tx) (int, error) {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return 0, fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	v := meta.Get(keySchema)
	n := schemaVersion
	if v == nil {
		if err := setSchema(tx, schemaVersion); err != nil {
			return 0, err
		}
	} else if parsed, err := strconv.Atoi(string(v)); err != nil || parsed > schemaVersion {
		return 0, fmt.Errorf("file has schema %q, this program knows %d: %w", v, schemaVersion, ErrSchema)
	} else {
		n = parsed
	}
	return n, initDigest(tx)
}

func setSchema(tx *bolt.Tx, version int) error {
	return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(version)))
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

// Check verifies the file with bbolt's page-level consistency check and the
// store's own indexes against the article records. It reads the whole
// database in one transaction, so it is meant for tests and diagnostics,
// not for a running daemon's hot path. All problems found are joined.
func (s *Store) Check() error {
	return s.view(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		errs = append(errs, checkIndexes(tx)...)
		return errors.Join(errs...)
	})
}

// Ping reports whether the database is open and readable, for health checks.
func (s *Store) Ping() error {
	return s.view(func(*bolt.Tx) error { return nil })
}
