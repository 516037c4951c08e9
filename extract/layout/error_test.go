package layout

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"file only", &Error{File: "a.txt", Err: ErrEmpty}, "a.txt: empty input"},
		{"with stage", &Error{File: "a.txt", Stage: "read", Err: ErrEmpty}, "a.txt: read: empty input"},
		{"page and stage", &Error{File: "b.pdf", Page: 3, Stage: "pdf", Err: ErrNoText}, "b.pdf: page 3: pdf: no extractable text (scanned pages?)"},
		{"line", &Error{File: "c.html", Line: 12, Stage: "html", Err: ErrTooLarge}, "c.html: line 12: html: input exceeds a limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

// A wrapped sentinel stays visible to errors.Is through the Error, and the Error to errors.As.
func TestErrorUnwrap(t *testing.T) {
	var err error = &Error{File: "x.pdf", Stage: "pdf", Err: fmt.Errorf("%w: bad password", ErrEncrypted)}
	wrapped := fmt.Errorf("batch: %w", err)
	if !errors.Is(wrapped, ErrEncrypted) || errors.Is(wrapped, ErrNoText) {
		t.Errorf("errors.Is does not see the sentinel through %v", wrapped)
	}
	var e *Error
	if !errors.As(wrapped, &e) || e.File != "x.pdf" {
		t.Errorf("errors.As: %v", e)
	}
}

func TestLimitsOrDefaults(t *testing.T) {
	tests := []struct {
		name string
		in   Limits
		want Limits
	}{
		{"zero is the defaults", Limits{}, Limits{MaxBytes: DefaultMaxBytes, MaxPages: DefaultMaxPages}},
		{"pages set", Limits{MaxPages: 3}, Limits{MaxBytes: DefaultMaxBytes, MaxPages: 3}},
		{"bytes set", Limits{MaxBytes: 10}, Limits{MaxBytes: 10, MaxPages: DefaultMaxPages}},
		{"both set", Limits{MaxBytes: 10, MaxPages: 3}, Limits{MaxBytes: 10, MaxPages: 3}},
	}
	for _, tt := range tests {
		if got := tt.in.OrDefaults(); got != tt.want {
			t.Errorf("%s: %+v.OrDefaults() = %+v, want %+v", tt.name, tt.in, got, tt.want)
		}
	}
}
