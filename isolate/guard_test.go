package isolate

import (
	"context"
	"errors"
	"strings"
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
			doc, err := guard(context.Background(), "x.pdf", 50*time.Millisecond, 0, tt.f)
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

// A reader that takes ever more memory is left when the process holds nearly the memory limit, with
// an error naming it, rather than running into the hard limit that ends the process.
func TestGuardMemory(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hog := func(ctx context.Context, _ string) (*drucksache.Document, error) {
		var held [][]byte
		for ctx.Err() == nil {
			chunk := make([]byte, 1<<20)
			for i := range chunk {
				chunk[i] = byte(i) // touched, as a reader's data is
			}
			held = append(held, chunk)
			time.Sleep(time.Millisecond)
		}
		return nil, ctx.Err()
	}
	limit := heldMemory() + 128<<20
	start := time.Now()
	_, err := guard(ctx, "x.txt", time.Minute, limit, hog)
	cancel()
	if !errors.Is(err, ErrMemoryLimit) || !strings.Contains(err.Error(), "memory limit exceeded") {
		t.Fatalf("err %v, want the memory limit", err)
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("took %v", took)
	}
}
