package io.limbic.projections.db;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent events of one tag, in journal order, as one reader of the journal received them: every event of
 * the tag after {@link #start()} up to {@link #end()}, at most {@code capacity} of them (the oldest go first).
 * A reader at an offset inside the window is served from memory; one before its start reads the journal itself.
 * Not thread-safe: {@link TagFeed} guards it.
 *
 * @param <E> the envelope
 */
final class TagWindow<E> {
  /** What a reader at an offset gets: the events after it (possibly none yet), or that it is behind the window. */
  record Read<E>(boolean behind, List<E> events) {}

  private final Object[] ring;
  private final long[] offsets;
  private int first;
  private int size;
  private long start;
  private long end;

  /** An empty window that holds every event after {@code start} as it arrives. */
  TagWindow(int capacity, long start) {
    if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
    this.ring = new Object[capacity];
    this.offsets = new long[capacity];
    this.start = start;
    this.end = start;
  }

  /** The offset every held event is after (the oldest forgotten one's, or where the window began). */
  long start() {
    return start;
  }

  /** The offset of the newest event received (or {@link #start()} if none). */
  long end() {
    return end;
  }

  /** Takes the next event of the tag; offsets only grow (an older or repeated one is ignored). */
  void append(long offset, E envelope) {
    if (offset <= end) return;
    if (size == ring.length) {
      start = offsets[first];
      ring[first] = null;
      first = (first + 1) % ring.length;
      size--;
    }
    int at = (first + size) % ring.length;
    ring[at] = envelope;
    offsets[at] = offset;
    size++;
    end = offset;
  }

  /** Up to {@code max} events after {@code offset}, oldest first; behind if some after it are no longer held. */
  @SuppressWarnings("unchecked")
  Read<E> after(long offset, int max) {
    if (offset < start) return new Read<>(true, List.of());
    // Readers are mostly caught up: look for the first event after the offset from the newest end.
    int i = size;
    while (i > 0 && offsets[(first + i - 1) % ring.length] > offset) i--;
    List<E> events = new ArrayList<>(Math.min(max, size - i));
    for (; i < size && events.size() < max; i++) events.add((E) ring[(first + i) % ring.length]);
    return new Read<>(false, events);
  }
}
