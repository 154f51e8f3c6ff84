package io.limbic.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's process CPU time (user + system, all threads) from {@code /proc/<pid>/stat}, so that a level reports
 * the node's CPU per 1,000 samples rather than a wall-clock figure the other work on the machine distorts. Linux
 * clock ticks, {@code clockTicks} a second ({@code getconf CLK_TCK}, 100 here); -1 when the pid is not readable.
 */
final class NodeCpu {
  private final long pid;
  private final long clockTicks;

  NodeCpu(long pid, long clockTicks) {
    this.pid = pid;
    this.clockTicks = clockTicks;
  }

  /** CPU seconds the node has used so far, or -1. */
  double seconds() {
    if (pid <= 0) return -1;
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name (which may hold spaces) in brackets: utime and stime are the 12th and 13th.
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(rest[11]) + Long.parseLong(rest[12])) / (double) clockTicks;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
