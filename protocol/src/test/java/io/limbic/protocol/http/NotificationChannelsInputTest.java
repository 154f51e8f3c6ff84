package io.limbic.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.protocol.tenant.NotificationChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationChannelsInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Validated<List<NotificationChannel>> parse(String url, boolean allowPrivate) throws Exception {
    return NotificationChannelsInput.parse(
        MAPPER.readTree("{\"channels\":[{\"type\":\"webhook\",\"url\":\"" + url + "\"}]}"), allowPrivate);
  }

  /** A tenant must not make the node call its own management port, a metadata service or other internal hosts. */
  @Test
  void localAndPrivateAddressesAreRefusedUnlessAllowed() throws Exception {
    for (String url : List.of("http://localhost:8558/cluster/members", "http://127.0.0.1:8558/", "http://10.1.2.3/hook",
        "http://192.168.0.7/hook", "http://172.16.5.5/", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/",
        "http://[::1]/hook", "http://[fd00::1]/hook", "http://[fe80::1]/hook", "http://api.localhost/hook",
        // A trailing dot is the same host to a resolver.
        "http://localhost./hook", "http://LOCALHOST.:8558/", "http://api.localhost./hook")) {
      Validated<List<NotificationChannel>> refused = parse(url, false);
      assertFalse(refused.isValid(), url);
      assertEquals("channels[0].url names a local or private address; the node does not call those",
          ((Validated.Invalid<List<NotificationChannel>>) refused).message(), url);
      assertTrue(parse(url, true).isValid(), url + " when private hosts are allowed");
    }
    for (String url : List.of("https://hooks.slack.com/services/T/B/X", "https://203.0.113.9/hook",
        "https://[2001:db8::1]/hook", "https://example.com:8443/limbic")) {
      assertTrue(parse(url, false).isValid(), url);
    }
  }
}
