package memstore_test

import (
	"testing"

	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
	"github.com/stepwise/stepwise/shared/store/storetest"
)

func TestStore_Contract(t *testing.T) {
	storetest.Run(t, func(*testing.T) store.Store { return memstore.New() })
}
