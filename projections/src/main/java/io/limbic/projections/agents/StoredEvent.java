package io.limbic.projections.agents;

import java.time.Instant;

/** An event as Pekko serialization wrote it, enough to deliver it again without the journal. */
record StoredEvent(int serializerId, String manifest, byte[] bytes, Instant at) {}
