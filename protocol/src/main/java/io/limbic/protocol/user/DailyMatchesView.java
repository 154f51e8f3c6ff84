package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/users/{id}/matches/daily}: the latest deep phase's matches, best first, blocks applied. */
public record DailyMatchesView(Instant generatedAt, List<DailyMatch> matches) implements CborSerializable {}
