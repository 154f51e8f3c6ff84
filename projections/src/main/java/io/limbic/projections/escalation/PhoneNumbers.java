package io.limbic.projections.escalation;

import java.util.regex.Pattern;

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
final class PhoneNumbers {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private PhoneNumbers() {}

  static boolean isE164(String number) {
    return number != null && E164.matcher(number).matches();
  }
}
