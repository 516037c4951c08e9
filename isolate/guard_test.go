package isolate

import (
	"context"
	"errors"
	"testing"
	"time"

	drucksache "drucksache"
)

func TestGuard(t *testing.T) {
	hang := func(ctx context.Context, _ string) (*drucksache.Document, error) {
		select {} // a reader that loops and never looks at ctx
	}
	quick := func(context.Context, string) (*drucksache.Document, error) {
		return &drucksache.Document{ID: "ni-19-1"}, nil
	}
	failing := func(context.Context, string) (*drucksache.Document, error) { return nil, errors.New("broken") }
	tests := []struct {
		name      string
		f         func(context.Context, string) (*drucksache.Document, error)
		wantID    string
		timeLimit bool
		wantErr   string
	}{
		{"a document in time", quick, "ni-19-1", false, ""},
		{"an error comes back as it is", failing, "", false, "broken"},
		{"a reader that loops is left at the time limit", hang, "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := guard(context.Background(), "x.pdf", 50*time.Millisecond, tt.f)
			if time.Since(start) > 5*time.Second {
				t.Fatalf("guard took %v", time.Since(start))
			}
			if got := errors.Is(err, ErrTimeLimit); got != tt.timeLimit {
				t.Errorf("time limit %v, want %v (err %v)", got, tt.timeLimit, err)
			}
			if tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr) {
				t.Errorf("err %v, want %q", err, tt.wantErr)
			}
			if tt.wantID != "" && (doc == nil || doc.ID != tt.wantID) {
				t.Errorf("doc %+v, want id %q", doc, tt.wantID)
			}
		})
	}
}
