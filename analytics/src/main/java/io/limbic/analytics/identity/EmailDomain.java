package io.limbic.analytics.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an e-mail address says about the company a person works for: its domain, unless the domain is a free-mail
 * provider, where it says nothing.
 */
public final class EmailDomain {
  // The large consumer providers; an address there belongs to a person, not a company.
  private static final Set<String> FREE_MAIL =
      Set.of(
          "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "hotmail.com", "hotmail.co.uk",
          "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "protonmail.com",
          "proton.me", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru", "yandex.ru",
          "yandex.com", "zoho.com", "qq.com", "163.com", "126.com", "naver.com", "fastmail.com", "hey.com",
          "tutanota.com", "orange.fr", "free.fr", "libero.it", "t-online.de", "seznam.cz", "wp.pl", "rediffmail.com");

  private EmailDomain() {}

  /** The lower-cased domain of a plausible address, or empty. */
  public static Optional<String> of(String email) {
    if (email == null) return Optional.empty();
    String trimmed = email.trim();
    int at = trimmed.lastIndexOf('@');
    if (at <= 0 || at == trimmed.length() - 1) return Optional.empty();
    String domain = trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
    if (!domain.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+")) return Optional.empty();
    return Optional.of(domain);
  }

  /** The company domain behind an address: empty for free-mail providers and malformed addresses. */
  public static Optional<String> company(String email) {
    return of(email).filter(domain -> !FREE_MAIL.contains(domain));
  }

  public static boolean isValidAddress(String email) {
    return of(email).isPresent() && email.length() <= 254;
  }
}
