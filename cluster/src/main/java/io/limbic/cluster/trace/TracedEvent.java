package io.limbic.cluster.trace;

import io.limbic.protocol.trace.Trace;

/**
 * An event on its way to the journal with the trace of the command that persisted it. Only
 * {@link TracingJdbcJournal} sees it, and it stores the event as the payload and the trace as the metadata. It is
 * deliberately not serializable: a journal that does not unwrap it fails the write instead of storing a wrapper.
 */
public record TracedEvent(Object event, Trace trace) {}
