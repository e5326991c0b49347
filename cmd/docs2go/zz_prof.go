package main

import (
	"os"
	"runtime/pprof"
)

func init() {
	if f := os.Getenv("I15PROF"); f != "" {
		out, _ := os.Create(f)
		pprof.StartCPUProfile(out)
		profStop = pprof.StopCPUProfile
	}
}

var profStop = func() {}
