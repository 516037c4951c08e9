package isolate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// parentEnv, set to a file's path, makes the test binary play a parent killed while its child makes
// that file (playParent).
const parentEnv = "ISOLATE_TEST_PARENT"

// playParent has a child of a pool extract the file at path, prints the child's process id once it
// runs, and waits to be killed.
func playParent(path string) {
	go (&Pool{}).Extract(context.Background(), path, 0)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if kids := childrenOf(os.Getpid()); len(kids) > 0 {
			fmt.Println(kids[0])
			select {}
		}
	}
	fmt.Println("no child")
	os.Exit(1)
}

// childrenOf are the processes whose parent is pid, from /proc.
func childrenOf(pid int) []int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var kids []int
	for _, name := range stats {
		if ppid, _, ok := procStat(name); ok && ppid == pid {
			if k, err := strconv.Atoi(filepath.Base(filepath.Dir(name))); err == nil {
				kids = append(kids, k)
			}
		}
	}
	return kids
}

// procStat reads the parent's id and the state of a process from its /proc stat file.
func procStat(name string) (ppid int, state byte, ok bool) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, 0, false
	}
	i := bytes.LastIndexByte(data, ')') // the command name, in parentheses, may hold spaces
	fields := bytes.Fields(data[i+1:])
	if i < 0 || len(fields) < 2 {
		return 0, 0, false
	}
	ppid, err = strconv.Atoi(string(fields[1]))
	return ppid, fields[0][0], err == nil
}
