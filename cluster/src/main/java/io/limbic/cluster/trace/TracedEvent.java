package io.limbic.cluster.trace;

import io.limbic.projections.tracing.TraceParents;
import io.limbic.protocol.trace.Trace;

/**
 * An event on its way to the journal with the trace of the command that persisted it. Only
 * {@link TracingJdbcJournal} sees it, and it stores the event as the payload and the trace as the metadata. It is
 * {@code span}, when tracing is on, is the entity's span of that command: the journal write hangs below it. It is
 * deliberately not serializable: a journal that does not unwrap it fails the write instead of storing a wrapper.
 */
public record TracedEvent(Object event, Trace trace, TraceParents.Parent span) {
  /** An event of an untraced (or unsampled) command span. */
  public TracedEvent(Object event, Trace trace) {
    this(event, trace, null);
  }
}
