package memstore

import (
	"context"
	"maps"
	"slices"
)

// inbox is a parent's inbox of child ends: its reports, and who raised
// its bell ("": the bell is down).
type inbox struct {
	reports map[string]bool
	bell    string
}

func (s *Store) inbox(parentARN string) *inbox {
	in := s.childEnds[parentARN]
	if in == nil {
		in = &inbox{reports: map[string]bool{}}
		s.childEnds[parentARN] = in
	}
	return in
}

// AddChildEnd adds report to parentARN's inbox and raises its bell.
func (s *Store) AddChildEnd(_ context.Context, parentARN, report string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.inbox(parentARN)
	in.reports[report] = true
	if in.bell == "" {
		in.bell = report
	}
	return in.bell == report, nil
}

// ChildEnds returns up to limit of parentARN's reports.
func (s *Store) ChildEnds(_ context.Context, parentARN string, limit int) ([]string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := slices.Sorted(maps.Keys(s.inbox(parentARN).reports))
	return all[:min(len(all), limit)], len(all) > limit, nil
}

// RemoveChildEnds removes reports from parentARN's inbox.
func (s *Store) RemoveChildEnds(_ context.Context, parentARN string, reports []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.inbox(parentARN)
	for _, r := range reports {
		delete(in.reports, r)
	}
	return nil
}

// CloseChildEnds lowers the bell and raises it for by when reports are left.
func (s *Store) CloseChildEnds(_ context.Context, parentARN, by string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.inbox(parentARN)
	in.bell = ""
	if len(in.reports) == 0 {
		delete(s.childEnds, parentARN)
		return false, nil
	}
	in.bell = by
	return true, nil
}
