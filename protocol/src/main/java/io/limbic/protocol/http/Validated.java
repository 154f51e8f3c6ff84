package io.limbic.protocol.http;

import java.util.function.Function;

/** Either a value that passed validation or the first reason it did not. */
public sealed interface Validated<T> {
  record Valid<T>(T value) implements Validated<T> {}

  /** {@code code} is a stable machine-readable word; {@code message} says what to fix. */
  record Invalid<T>(String code, String message) implements Validated<T> {}

  static <T> Validated<T> valid(T value) {
    return new Valid<>(value);
  }

  static <T> Validated<T> invalid(String code, String message) {
    return new Invalid<>(code, message);
  }

  default boolean isValid() {
    return this instanceof Valid<T>;
  }

  default T get() {
    if (this instanceof Valid<T> v) return v.value();
    throw new IllegalStateException("not valid: " + this);
  }

  /** The same failure, typed for the caller's result. */
  default <R> Validated<R> failure() {
    if (this instanceof Invalid<T> i) return invalid(i.code(), i.message());
    throw new IllegalStateException("not a failure: " + this);
  }

  default <R> Validated<R> map(Function<T, R> f) {
    return isValid() ? valid(f.apply(get())) : failure();
  }
}
