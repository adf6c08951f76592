#!/usr/bin/env node
// The `gong-flows-demo` command: runs the build in dist/. This file is committed, so that installing the
// workspace links the command without a warning before anything is built.
await import("../dist/demo.js");
