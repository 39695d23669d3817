// Package arn builds and parses the ARNs Stepwise hands out, in AWS's formats.
package arn

import (
	"fmt"
	"strings"
)

// Defaults used by the embedded mode, matching Step Functions Local.
const (
	DefaultPartition = "aws"
	DefaultRegion    = "us-east-1"
	DefaultAccount   = "000000000000"
)

// Scope is the partition, region and account resources live in.
type Scope struct {
	Partition, Region, Account string
}

// Default is the embedded mode's scope.
var Default = Scope{Partition: DefaultPartition, Region: DefaultRegion, Account: DefaultAccount}

// StateMachine returns arn:aws:states:REGION:ACCOUNT:stateMachine:NAME.
func (s Scope) StateMachine(name string) string {
	return fmt.Sprintf("arn:%s:states:%s:%s:stateMachine:%s", s.Partition, s.Region, s.Account, name)
}

// Execution returns arn:aws:states:REGION:ACCOUNT:execution:SM:NAME.
func (s Scope) Execution(stateMachine, name string) string {
	return fmt.Sprintf("arn:%s:states:%s:%s:execution:%s:%s", s.Partition, s.Region, s.Account, stateMachine, name)
}

// ExpressExecution returns arn:aws:states:REGION:ACCOUNT:express:SM:NAME:ID,
// the form AWS gives Express executions.
func (s Scope) ExpressExecution(stateMachine, name, id string) string {
	return fmt.Sprintf("arn:%s:states:%s:%s:express:%s:%s:%s", s.Partition, s.Region, s.Account, stateMachine, name, id)
}

// MapRun returns arn:aws:states:REGION:ACCOUNT:mapRun:SM/LABEL:ID, a
// Distributed Map's run; its child executions are executions of the state
// machine SM/LABEL (LABEL is the map run id when the Map sets no Label).
func (s Scope) MapRun(stateMachineLabel, id string) string {
	return fmt.Sprintf("arn:%s:states:%s:%s:mapRun:%s:%s", s.Partition, s.Region, s.Account, stateMachineLabel, id)
}

// Activity returns arn:aws:states:REGION:ACCOUNT:activity:NAME.
func (s Scope) Activity(name string) string {
	return fmt.Sprintf("arn:%s:states:%s:%s:activity:%s", s.Partition, s.Region, s.Account, name)
}

// Parsed is a Step Functions ARN split into parts.
type Parsed struct {
	Scope
	Type     string // stateMachine, execution, activity, express
	Resource []string
}

// Parse splits a Step Functions ARN.
func Parse(s string) (Parsed, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 7 || parts[0] != "arn" || parts[2] != "states" {
		return Parsed{}, fmt.Errorf("invalid arn %q", s)
	}
	for _, p := range parts[6:] {
		if p == "" {
			return Parsed{}, fmt.Errorf("invalid arn %q", s)
		}
	}
	return Parsed{Scope: Scope{Partition: parts[1], Region: parts[3], Account: parts[4]}, Type: parts[5], Resource: parts[6:]}, nil
}
