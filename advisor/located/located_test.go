package located

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	for _, tc := range []struct {
		err  Error
		want string
	}{
		{Error{Source: Source{File: "a.yaml", Line: 3, Column: 7}, Message: "bad"}, "a.yaml:3:7: bad"},
		{Error{Source: Source{File: "a.yaml", Line: 3}, Message: "bad"}, "a.yaml:3: bad"},
		{Error{Source: Source{File: "a.yaml"}, Message: "bad"}, "a.yaml: bad"},
		// A column without a line says nothing: the line is what places it.
		{Error{Source: Source{File: "a.yaml", Column: 4}, Message: "bad"}, "a.yaml: bad"},
		{Error{Source: Source{File: "a.yaml", Line: 12, Column: 140}, Document: 2, Field: "name", Message: "bad"}, "a.yaml:12:140: bad"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestUnwrap(t *testing.T) {
	e := &Error{Source: Source{File: "x"}, Message: "cannot read", Err: fs.ErrNotExist}
	if !errors.Is(e, fs.ErrNotExist) {
		t.Error("errors.Is does not see the cause")
	}
	var l error = List{{Source: Source{File: "y"}, Message: "m"}, e}
	var got *Error
	if !errors.As(l, &got) || got.File != "y" {
		t.Errorf("errors.As on a List found %v", got)
	}
	if !errors.Is(l, fs.ErrNotExist) {
		t.Error("errors.Is does not reach the cause through a List")
	}
}

func TestListSortAndJoin(t *testing.T) {
	at := func(file string, line, col int, msg string) *Error {
		return &Error{Source: Source{File: file, Line: line, Column: col}, Message: msg}
	}
	l := List{at("b", 1, 1, "x"), at("a", 9, 1, "x"), at("a", 2, 5, "z"), at("a", 2, 5, "y"), at("a", 2, 1, "x"), at("a", 0, 0, "file")}
	l.Sort()
	want := "a: file\na:2:1: x\na:2:5: y\na:2:5: z\na:9:1: x\nb:1:1: x"
	if got := l.Error(); got != want {
		t.Errorf("sorted list:\n%s\nwant:\n%s", got, want)
	}
	if got := (List{}).Error(); got != "" {
		t.Errorf("empty list: %q", got)
	}
}

func TestDocument(t *testing.T) {
	l := List{
		{Source: Source{File: "p", Line: 1}, Message: "whole file"},
		{Source: Source{File: "p", Line: 3}, Document: 1, Message: "one"},
		{Source: Source{File: "p", Line: 9}, Document: 2, Message: "two"},
	}
	msgs := func(l List) []string {
		var out []string
		for _, e := range l {
			out = append(out, e.Message)
		}
		return out
	}
	if got := msgs(l.Document(2)); !slices.Equal(got, []string{"whole file", "two"}) {
		t.Errorf("Document(2) = %q", got)
	}
	if got := msgs(l.Document(3)); !slices.Equal(got, []string{"whole file"}) {
		t.Errorf("Document(3) = %q", got)
	}
}
