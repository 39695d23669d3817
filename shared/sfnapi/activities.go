package sfnapi

import (
	"context"
	"errors"
	"fmt"

	"github.com/stepwise/stepwise/shared/store"
)

type createActivityIn struct {
	Name                    string            `json:"name"`
	Tags                    []tag             `json:"tags"`
	EncryptionConfiguration *encryptionConfig `json:"encryptionConfiguration"`
}

type activityOut struct {
	ActivityArn  string `json:"activityArn"`
	CreationDate *epoch `json:"creationDate"`
}

type describeActivityOut struct {
	ActivityArn             string            `json:"activityArn"`
	Name                    string            `json:"name"`
	CreationDate            *epoch            `json:"creationDate"`
	EncryptionConfiguration *encryptionConfig `json:"encryptionConfiguration"`
}

// createActivity is idempotent for an existing name, as in AWS.
func createActivity(a *API, ctx context.Context, in createActivityIn) (activityOut, error) {
	if in.Name == "" {
		return activityOut{}, errRequired("name")
	}
	if !validName(in.Name) {
		return activityOut{}, errInvalidName(in.Name)
	}
	if err := checkTags(in.Tags); err != nil {
		return activityOut{}, err
	}
	act := store.Activity{ARN: a.opts.Scope.Activity(in.Name), Name: in.Name, CreationDate: a.opts.Now(),
		EncryptionConfiguration: encryptionText(in.EncryptionConfiguration)}
	err := a.st.CreateActivity(ctx, act)
	if errors.Is(err, store.ErrExists) {
		if act, err = a.st.GetActivity(ctx, act.ARN); err != nil {
			return activityOut{}, fmt.Errorf("load activity: %w", err)
		}
		return activityOut{ActivityArn: act.ARN, CreationDate: ts(act.CreationDate)}, nil
	}
	if err != nil {
		return activityOut{}, fmt.Errorf("create activity: %w", err)
	}
	if err := a.addTags(ctx, act.ARN, in.Tags); err != nil {
		return activityOut{}, err
	}
	return activityOut{ActivityArn: act.ARN, CreationDate: ts(act.CreationDate)}, nil
}

type activityArnIn struct {
	ActivityArn string `json:"activityArn"`
}

type activityTaskIn struct {
	ActivityArn string `json:"activityArn"`
	WorkerName  string `json:"workerName"`
}

func (a *API) loadActivity(ctx context.Context, s string) (store.Activity, error) {
	if s == "" {
		return store.Activity{}, errRequired("activityArn")
	}
	if _, err := parseARN(s, "activity"); err != nil {
		return store.Activity{}, err
	}
	act, err := a.st.GetActivity(ctx, s)
	if err != nil {
		return act, notFound(err, errActivityDoesNotExist(s), "load activity")
	}
	return act, nil
}

func describeActivity(a *API, ctx context.Context, in activityArnIn) (describeActivityOut, error) {
	act, err := a.loadActivity(ctx, in.ActivityArn)
	if err != nil {
		return describeActivityOut{}, err
	}
	return describeActivityOut{ActivityArn: act.ARN, Name: act.Name, CreationDate: ts(act.CreationDate),
		EncryptionConfiguration: encryptionOf(act.EncryptionConfiguration)}, nil
}

func deleteActivity(a *API, ctx context.Context, in activityArnIn) (struct{}, error) {
	if in.ActivityArn == "" {
		return struct{}{}, errRequired("activityArn")
	}
	if _, err := parseARN(in.ActivityArn, "activity"); err != nil {
		return struct{}{}, err
	}
	if err := a.st.DeleteActivity(ctx, in.ActivityArn); err != nil && !errors.Is(err, store.ErrNotFound) {
		return struct{}{}, fmt.Errorf("delete activity: %w", err)
	}
	return struct{}{}, a.st.PutTags(ctx, in.ActivityArn, nil)
}

// activityItem is an ActivityListItem.
type activityItem struct {
	ActivityArn  string `json:"activityArn"`
	Name         string `json:"name"`
	CreationDate *epoch `json:"creationDate"`
}

type listActivitiesOut struct {
	Activities []activityItem `json:"activities"`
	NextToken  string         `json:"nextToken,omitempty"`
}

func listActivities(a *API, ctx context.Context, in listIn) (listActivitiesOut, error) {
	size, err := pageSize(in.MaxResults, 1000)
	if err != nil {
		return listActivitiesOut{}, err
	}
	const scope = "ListActivities"
	c, err := decodeToken(in.NextToken, scope)
	if err != nil {
		return listActivitiesOut{}, err
	}
	acts, next, err := a.st.ListActivities(ctx, store.Page{Token: c.Store, Limit: size})
	if err != nil {
		return listActivitiesOut{}, fmt.Errorf("list activities: %w", err)
	}
	out := listActivitiesOut{Activities: make([]activityItem, 0, len(acts)), NextToken: storeNext(next, scope)}
	for _, act := range acts {
		out.Activities = append(out.Activities, activityItem{act.ARN, act.Name, ts(act.CreationDate)})
	}
	return out, nil
}

type activityTaskOut struct {
	TaskToken string `json:"taskToken,omitempty"`
	Input     string `json:"input,omitempty"`
}

// getActivityTask long-polls the broker; no task within the poll time is
// an empty answer, as in AWS.
func getActivityTask(a *API, ctx context.Context, in activityTaskIn) (activityTaskOut, error) {
	if len(in.WorkerName) > maxName {
		return activityTaskOut{}, errTooLong("workerName", maxName)
	}
	if _, err := a.loadActivity(ctx, in.ActivityArn); err != nil {
		return activityTaskOut{}, err
	}
	t, ok, err := a.opts.Activities.Poll(ctx, in.ActivityArn, a.opts.ActivityPoll)
	if err != nil {
		return activityTaskOut{}, err
	}
	if !ok {
		return activityTaskOut{}, nil
	}
	return activityTaskOut{TaskToken: t.Token, Input: t.Input}, nil
}
