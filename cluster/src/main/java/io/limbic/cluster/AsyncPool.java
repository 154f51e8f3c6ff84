package io.limbic.cluster;

import java.util.concurrent.ForkJoinPool;

/**
 * Where CompletableFuture runs continuations it was not given an executor for: the common pool, unless that pool has
 * a single thread (the JDK's default on two cores: cores - 1), when the JDK runs each one on a new thread. The
 * stages Pekko's Java API answers asks with are Scala's converters, which run every continuation that way, even a
 * plain {@code thenApply}: in the idle benchmark a node on two cores started ~1,660 threads a second. The node
 * therefore asks for at least two common-pool threads before anything creates the pool.
 */
final class AsyncPool {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private AsyncPool() {}

  /** Sets the common pool's parallelism to max(2, cores - 1) unless the operator set it; call it first in main. */
  static void atLeastTwoThreads() {
    if (System.getProperty(PARALLELISM) == null) {
      System.setProperty(PARALLELISM, String.valueOf(parallelism(Runtime.getRuntime().availableProcessors())));
    }
  }

  static int parallelism(int cores) {
    return Math.max(2, cores - 1);
  }

  /** Whether continuations run on pooled threads (false: a new thread each, see the class comment). */
  static boolean pooled() {
    return ForkJoinPool.getCommonPoolParallelism() > 1;
  }
}
