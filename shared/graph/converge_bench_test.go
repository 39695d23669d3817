package graph

import (
	"testing"

	"github.com/stepwise/stepwise/shared/graph/graphtest"
)

// BenchmarkSVG_Catch60 and BenchmarkSVG_Catch300 lay out n Tasks whose
// Catch edges all reach one Fail state.
func BenchmarkSVG_Catch60(b *testing.B)  { benchmarkSVG(b, graphtest.Catches(60)) }
func BenchmarkSVG_Catch300(b *testing.B) { benchmarkSVG(b, graphtest.Catches(300)) }

// BenchmarkSVG_300States lays out the mix of Choices (Default to the Fail
// state), Tasks (Catch to it) and Parallels holding Maps, 300 states.
func BenchmarkSVG_300States(b *testing.B) { benchmarkSVG(b, graphtest.Nested(300)) }
