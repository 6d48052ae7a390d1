package profile

import (
	"strings"
	"testing"
)

// TestNonProfilesAreQuotedBriefly: a file that is not a YAML mapping may be
// anything (a .env reached through a link, a key file); an error quotes at most
// a few characters of it, so a secret does not end up in a CI annotation.
func TestNonProfilesAreQuotedBriefly(t *testing.T) {
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	for _, src := range []string{
		"AWS_SECRET_ACCESS_KEY=" + secret + "\nOTHER=1\n",
		secret + "\n",
		"- &" + secret + " x\n",
		"*" + secret + "\n",
		"!" + secret + " x\n",
		"apiVersion: hybridadvisor/v1\n---\n" + secret + "\n",
	} {
		_, err := Parse("env.yaml", []byte(src))
		if err == nil {
			t.Errorf("%q parsed", src)
			continue
		}
		if strings.Contains(err.Error(), secret[:briefLen+1]) || strings.Contains(err.Error(), "=w") {
			t.Errorf("%q: the error quotes more than %d characters: %s", src, briefLen, err)
		}
	}
}
