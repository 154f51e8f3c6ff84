package io.limbic.analytics.matching;

/** One reason an input was refused, named by its JSON path so the HTTP layer can report it as is. */
public record FieldError(String field, String message) {}
