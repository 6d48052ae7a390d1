package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"memory_mb", "max_duration", "avg_duration", "fail_on", "os"}
	cases := []struct{ in, want string }{
		{"memroy_mb", "memory_mb"}, // swap
		{"Memory_MB", "memory_mb"}, // case
		{"fial_on", "fail_on"},     // swap
		{"avg_durration", "avg_duration"},
		{"OS", "os"}, // two letters match by case only
		{"ox", ""},   // too short to guess
		{"completely_else", ""},
	}
	for _, tc := range cases {
		if got := Closest(tc.in, keys); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"memory", "memroy", 1}, {"kitten", "sitting", 3},
		{string(make([]byte, 100)), "x", 100},
	}
	for _, tc := range cases {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
