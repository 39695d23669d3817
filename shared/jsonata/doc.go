// Package jsonata evaluates the JSONata expressions of Amazon States
// Language ("{% ... %}" strings) the way AWS Step Functions does: JSONata
// 2.0.x semantics plus the functions AWS adds ($partition, $range, $hash,
// $random with an optional seed, $uuid, $parse) and without $eval.
//
// # Engine choice
//
// The evaluator wraps github.com/blues/jsonata-go v1.5.4 instead of being
// written from scratch. Both candidate Go ports were run against every
// expression in the conformance corpus plus ~120 probes of paths,
// predicates, constructors, higher-order and string functions:
//
//   - blues/jsonata-go passed all corpus expressions and nearly all probes;
//     its numbers follow IEEE doubles like jsonata-js (0.1+0.2 gives
//     0.30000000000000004) and it has no $eval, as AWS requires.
//   - xiatechs/jsonata-go (a blues fork) rounds arithmetic through decimals
//     ($string(1/3) gives "0.33333334", 0.1+0.2 gives 0.3), ships $eval and
//     appends position/argument noise to every error message, so it
//     diverges from AWS in more places than it fixes.
//
// A full evaluator of our own would take far longer than the remaining gaps
// justify. Known gaps of the wrapped engine (JSONata 1.5-level parser):
// the parent operator %, the positional/context bindings # and @,
// $formatInteger/$parseInteger and a few 1.8+/2.x additions. Those
// expressions fail to compile or yield undefined. $encodeUrl,
// $encodeUrlComponent, $assert, $clone, $error, $keys and $string (the last
// two for key order) and the AWS functions are supplied
// by this package.
//
// The engine is a patched copy of v1.5.4 kept in ./engine (a nested
// module wired in with a replace directive; see engine/PATCHES.md): the
// upstream tree-walker has no bounds, so an expression that recursed
// without end overflowed the Go stack (fatal) and one expression could
// allocate gigabytes.
//
// # Limits
//
// Each Eval gets its own budget from Env.Limits (limits.Limits, defaults
// for zero fields): evaluation depth (JSONataDepth, which bounds the Go
// stack), evaluation steps (JSONataSteps) and allocated bytes
// (JSONataBytes, charged before the allocation where the size is known:
// ranges, sequences, string building, JSON text of shared sub-values).
// Compile refuses sources nested deeper than limits.JSONataNesting before
// parsing.
// Exceeding a limit is an *Error like any evaluation error; engine panics
// are recovered as D1000.
//
// # Values
//
// Values cross the boundary as jsonval values. Inputs are converted to the
// engine's Go maps/slices/float64; results are converted back. A result
// that is an input object or array returned unchanged comes back as the
// original jsonval value (key order and number text kept). Objects built
// by the expression get their keys ordered by a heuristic: literal keys in
// source order, then keys in the order they appeared in the inputs, then
// alphabetically, because the engine's maps do not keep insertion order.
//
// # Errors
//
// Evaluation errors are *Error whose Message is the jsonata-js text AWS
// puts after "threw an error during evaluation." in a
// States.QueryEvaluationError cause, e.g. "T1006: Attempted to invoke a
// non-function". The surrounding sentence (state name, event id, field
// name) is the interpreter's job. A function (or regex) result is reported
// as ErrUnsupportedResult, matching AWS's "returned an unsupported result
// type." wording, which the interpreter renders.
package jsonata
