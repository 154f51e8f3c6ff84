package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.http.BatchItemError;
import java.util.List;

/** What a session did with a batch of samples; indices refer to the batch as the client sent it. */
public record IngestResult(int accepted, int rejected, List<BatchItemError> errors) implements CborSerializable {}
