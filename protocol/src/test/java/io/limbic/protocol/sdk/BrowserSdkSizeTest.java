package io.limbic.protocol.sdk;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The browser SDK's budget: at most 8 KiB once gzipped, as a page would fetch it. */
class BrowserSdkSizeTest {
  private static final int MAX_GZIPPED_BYTES = 8192;

  @Test
  void limbicJsGzipsToAtMost8KiB() throws Exception {
    byte[] script;
    try (InputStream in = BrowserSdkSizeTest.class.getResourceAsStream("/sdk/limbic.js")) {
      assertNotNull(in, "sdk/limbic.js is on the classpath");
      script = in.readAllBytes();
    }
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) { // the default level, as most servers use
      gzip.write(script);
    }
    System.out.printf("limbic.js: %d bytes, %d gzipped (budget %d)%n", script.length, gzipped.size(), MAX_GZIPPED_BYTES);
    assertTrue(gzipped.size() <= MAX_GZIPPED_BYTES, "limbic.js is " + gzipped.size() + " bytes gzipped");
  }
}
