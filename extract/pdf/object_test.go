package pdf

import (
	"bytes"
	"reflect"
	"testing"
)

func TestObjectParser(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want any
	}{
		{"a reference", "12 0 R", objRef{12, 0}},
		{"numbers that are not a reference", "[12 0 13]", objArray{int64(12), int64(0), int64(13)}},
		{"a dictionary of every kind", `<< /A 1 0 R /B [1 (x\)y) <41>] /C << /D /E >> /F -3.5 /G true /H null >>`,
			objDict{"A": objRef{1, 0}, "B": objArray{int64(1), `(x\)y)`, "<41>"}, "C": objDict{"D": pdfName("E")}, "F": -3.5, "G": true, "H": nil}},
		{"a comment and a stray delimiter skipped", "<< /A % note\n 1 ) /B 2 >>", objDict{"A": int64(1), "B": int64(2)}},
		{"an unterminated dictionary ends with the input", "<< /A [1 2", objDict{"A": objArray{int64(1), int64(2)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := (&objParser{b: []byte(tt.in)}).value(0)
			if !ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v (%v), want %#v", got, ok, tt.want)
			}
		})
	}
}

func TestIndirect(t *testing.T) {
	data := []byte("%PDF-1.5\n7 0 obj\n<< /Type /ObjStm /N 1 >>\nstream\r\nDATA\nendstream\nendobj\n8 0 obj 42 endobj")
	num, v, start, ok := indirect(data, 9)
	if !ok || num != 7 || string(data[start:start+4]) != "DATA" || v.(objDict)["N"] != int64(1) {
		t.Errorf("stream: %d %v %d %v", num, v, start, ok)
	}
	num, v, start, ok = indirect(data, bytes.Index(data, []byte("8 0 obj")))
	if !ok || num != 8 || v != int64(42) || start != -1 {
		t.Errorf("number: %d %v %d %v", num, v, start, ok)
	}
	if num, _, _, ok := indirect(data, 0); !ok || num != 7 {
		t.Error("the header is not skipped as a comment, as the library skips it")
	}
	if _, _, _, ok := indirect(data, bytes.Index(data, []byte("DATA"))); ok {
		t.Error("stream data read as an object")
	}
}
