package io.limbic.protocol.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.user.ProductEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One item of {@code POST /v1/events}: {@code {"userId" | "anonymousId", "type", "amount"?, "currency"?, "at",
 * "id"}}. Exactly one of userId and anonymousId; amount and currency together; amounts are not negative (a refund is
 * its own type).
 */
public record ProductEventInput(Optional<String> userId, Optional<String> anonymousId, ProductEvent event) {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
  // Enough for any currency's minor units (at most 3) and for crypto amounts in satoshis.
  private static final int MAX_DECIMALS = 8;

  public static Validated<ProductEventInput> parse(JsonNode json, Instant now) {
    if (json == null || !json.isObject()) return Validated.invalid("invalid_event", "an event must be a JSON object");
    Validated<Optional<String>> userId = JsonFields.optionalId(json, "userId");
    if (!userId.isValid()) return userId.failure();
    Validated<Optional<String>> anonymousId = JsonFields.optionalId(json, "anonymousId");
    if (!anonymousId.isValid()) return anonymousId.failure();
    if (userId.get().isPresent() == anonymousId.get().isPresent()) {
      return Validated.invalid("invalid_event", "give exactly one of userId and anonymousId");
    }
    Validated<String> id = JsonFields.requiredId(json, "id");
    if (!id.isValid()) return id.failure();
    JsonNode type = json.get("type");
    if (type == null || !type.isTextual() || !TYPE.matcher(type.asText()).matches()) {
      return Validated.invalid("invalid_field", "type must be a lower-case word such as purchase, refund, churn");
    }
    Validated<Instant> at = JsonFields.requiredTime(json, "at", now, TimeBounds.HISTORICAL);
    if (!at.isValid()) return at.failure();
    Validated<BigDecimal> amount = amount(json);
    if (!amount.isValid()) return amount.failure();
    JsonNode currency = json.get("currency");
    boolean hasCurrency = currency != null && !currency.isNull();
    if (hasCurrency && (!currency.isTextual() || !CURRENCY.matcher(currency.asText()).matches())) {
      return Validated.invalid("invalid_field", "currency must be an ISO 4217 code such as EUR");
    }
    if ((amount.get() != null) != hasCurrency) {
      return Validated.invalid("invalid_event", "amount and currency go together");
    }
    ProductEvent event =
        new ProductEvent(id.get(), type.asText(), amount.get(), hasCurrency ? currency.asText() : null, at.get());
    return Validated.valid(new ProductEventInput(userId.get(), anonymousId.get(), event));
  }

  private static Validated<BigDecimal> amount(JsonNode json) {
    JsonNode node = json.get("amount");
    if (node == null || node.isNull()) return Validated.valid(null);
    return JsonFields.decimal(node, "amount", BigDecimal.ZERO, MAX_AMOUNT, MAX_DECIMALS);
  }
}
