// Command fakeruntime sleeps for $DELAY, then asks the Runtime API for an
// event, as a Lambda bootstrap does once its init is done.
package main

import (
	"net/http"
	"os"
	"time"
)

func main() {
	d, _ := time.ParseDuration(os.Getenv("DELAY"))
	time.Sleep(d)
	resp, err := http.Get("http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/next")
	if err == nil {
		resp.Body.Close()
	}
}
