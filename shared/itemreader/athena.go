package itemreader

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Location is an object's place in S3.
type Location struct{ Bucket, Key string }

// ParseAthenaManifest reads the data manifest an Athena UNLOAD writes next
// to its results: the S3 URI of each data file, one a line. Blank lines
// are passed over.
func ParseAthenaManifest(r io.Reader) ([]Location, error) {
	var files []Location
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		loc, err := ParseS3URI(line)
		if err != nil {
			return nil, fmt.Errorf("the Athena manifest's line %d: %w", n, err)
		}
		files = append(files, loc)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("the Athena manifest is not readable: %w", err)
	}
	return files, nil
}

// ParseS3URI splits s3://bucket/key.
func ParseS3URI(uri string) (Location, error) {
	rest, ok := strings.CutPrefix(uri, "s3://")
	bucket, key, hasKey := strings.Cut(rest, "/")
	if !ok || !hasKey || bucket == "" || key == "" {
		return Location{}, fmt.Errorf("%q is not an S3 URI of an object (s3://bucket/key)", uri)
	}
	return Location{Bucket: bucket, Key: key}, nil
}
