package store

import "context"

// ChildEnds is a parent execution's inbox of its map run children's end
// reports, with a bell. A child adds its report there rather than
// committing to the parent's record or messaging it, and only the child
// that raises the bell rings the parent: the parent then applies every
// report waiting in one commit, instead of one commit per child, whose
// many concurrent tries (a map run ends hundreds of children a second)
// mostly lose the race for the record and are tried again.
type ChildEnds interface {
	// AddChildEnd adds report to parentARN's inbox (adding one already
	// there changes nothing) and raises its bell. ring is true when this
	// report raised it: the bell was down, or this report raised it
	// before (its adder may have died before ringing).
	AddChildEnd(ctx context.Context, parentARN, report string) (ring bool, err error)
	// ChildEnds returns up to limit of parentARN's reports, in no order;
	// more is true when there are others.
	ChildEnds(ctx context.Context, parentARN string, limit int) (reports []string, more bool, err error)
	// RemoveChildEnds removes reports from parentARN's inbox (absent ones
	// are ignored).
	RemoveChildEnds(ctx context.Context, parentARN string, reports []string) error
	// CloseChildEnds lowers parentARN's bell, then raises it again for by
	// when reports are left; ring is true when it did.
	CloseChildEnds(ctx context.Context, parentARN, by string) (ring bool, err error)
}
