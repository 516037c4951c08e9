package pdf

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

// sizesByPattern is checkSizesIn as the pattern it stands for finds the counts: the oracle.
func sizesByPattern(part []byte, size int) error {
	re := regexp.MustCompile(`/(Size|Count|N)\s+(\d{7,})`)
	for _, m := range re.FindAllSubmatch(part, 64) {
		if n, err := strconv.ParseInt(string(m[2]), 10, 64); err != nil || n > int64(size)+1000 {
			return fmt.Errorf("malformed PDF: /%s %s is more than a file of %d bytes can hold", m[1], m[2], size)
		}
	}
	return nil
}

func TestCheckSizesIn(t *testing.T) {
	for _, c := range []struct {
		in   string
		size int
		want string // the error, "" for none
	}{
		{"<< /Size 12 /Root 1 0 R >>", 1000, ""},
		{"<< /Size 99999999 /Root 1 0 R >>", 1000, "malformed PDF: /Size 99999999 is more than a file of 1000 bytes can hold"},
		{"/Count\n\t 1234567", 2000000, ""},
		{"/Count\n\t 1234567", 1000, "malformed PDF: /Count 1234567 is more than a file of 1000 bytes can hold"},
		{"/N 123456 /N1234567 /Names 12345678", 10, ""}, // too few digits, no space, another key
		{"//N 12345678", 10, "malformed PDF: /N 12345678 is more than a file of 10 bytes can hold"},
		{"/N 99999999999999999999", 1 << 30, "malformed PDF: /N 99999999999999999999 is more than a file of 1073741824 bytes can hold"},
		{"/Size\v1234567", 10, ""}, // a vertical tab is no white space of the pattern
	} {
		got := ""
		if err := checkSizesIn([]byte(c.in), c.size); err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("checkSizesIn(%q, %d) = %q, want %q", c.in, c.size, got, c.want)
		}
	}
}

// FuzzCheckSizesIn: the hand-written scan finds what the pattern finds, the first 64 counts.
func FuzzCheckSizesIn(f *testing.F) {
	f.Add([]byte("<< /Size 99999999 /Root 1 0 R >>"), 1000)
	f.Add([]byte("/N 1234567/Count  7654321 /Size\r\n12345678"), 8000000)
	f.Fuzz(func(t *testing.T, part []byte, size int) {
		got, want := checkSizesIn(part, size), sizesByPattern(part, size)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("checkSizesIn(%q, %d) = %v, the pattern %v", part, size, got, want)
		}
	})
}
