package content

import "testing"

// TestFreeList: a buffer put back is handed out again emptied, with its room; one larger than the
// most kept, or without room, is dropped.
func TestFreeList(t *testing.T) {
	var l freeList[byte]
	if b := l.get(); b != nil {
		t.Fatalf("empty list gave %v", b)
	}
	l.put(make([]byte, 3, 8), 8)
	l.put(make([]byte, 1, 9), 8) // larger than most: dropped
	l.put(nil, 8)                // no room: dropped
	b := l.get()
	if len(b) != 0 || cap(b) != 8 {
		t.Fatalf("got len %d cap %d, want the buffer of cap 8 emptied", len(b), cap(b))
	}
	if b := l.get(); b != nil {
		t.Fatalf("second get gave cap %d, want nil", cap(b))
	}
}
