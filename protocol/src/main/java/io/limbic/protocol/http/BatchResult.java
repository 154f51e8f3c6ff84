package io.limbic.protocol.http;

import java.util.List;

/** The answer to a batch: how many items were applied and why the others were not. */
public record BatchResult(int accepted, int rejected, List<BatchItemError> errors) {}
