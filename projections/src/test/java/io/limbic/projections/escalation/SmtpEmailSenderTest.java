package io.limbic.projections.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.limbic.projections.agents.notifications.ChannelSettings;
import io.limbic.projections.escalation.ChannelSender.Delivered;
import io.limbic.projections.escalation.ChannelSender.DeliveryFailed;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E-mail over SMTP to GreenMail, a local SMTP server standing in for the node's mail relay. */
class SmtpEmailSenderTest {
  static final String PASSWORD = "smtp-password-secret";

  private final ActorTestKit testKit = ActorTestKit.create();
  private final ExecutorService blocking = Executors.newSingleThreadExecutor();
  private GreenMail mail;

  @BeforeEach
  void start() {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@limbic.example", "limbic", PASSWORD));
    mail.start();
  }

  @AfterEach
  void stop() {
    mail.stop();
    blocking.shutdownNow();
    testKit.shutdownTestKit();
  }

  private ChannelSenders senders(int port, String username, String password) {
    return new ChannelSenders(testKit.system(), new EscalationProviders(
        new ChannelSettings(Duration.ofSeconds(2), 5, Duration.ofSeconds(30), Duration.ofSeconds(5)), false,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new EscalationProviders.Smtp("127.0.0.1", port, username, password,
            "Limbic <alerts@limbic.example>", false, Duration.ofSeconds(2)))),
        Clock.systemUTC(), blocking);
  }

  private DeliveryFailed failed(ChannelSenders senders, String to) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> senders.send(new ContactChannel.Email(to), Notices.sample()).toCompletableFuture().get());
    assertTrue(e.getCause() instanceof DeliveryFailed, String.valueOf(e.getCause()));
    assertFalse(e.getCause().getMessage().contains(PASSWORD));
    return (DeliveryFailed) e.getCause();
  }

  @Test
  void theContactGetsTheNoticeWithTheAckLinkAndAStableMessageId() throws Exception {
    ChannelSenders senders = senders(mail.getSmtp().getPort(), "limbic", PASSWORD);
    Delivered delivered =
        senders.send(new ContactChannel.Email("dana@globex.example"), Notices.sample()).toCompletableFuture().get();
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMessage received = mail.getReceivedMessages()[0];
    assertEquals("alerts@limbic.example", ((InternetAddress) received.getFrom()[0]).getAddress());
    assertEquals("dana@globex.example", ((InternetAddress) received.getAllRecipients()[0]).getAddress());
    assertEquals("Limbic: rage (0.91) from user u-42, Globex Corp (USD 100,000)", received.getSubject());
    String body = ((String) received.getContent()).replace("\r\n", "\n");
    assertEquals(EscalationMessage.text(Notices.sample()).strip(), body.strip());
    assertTrue(body.contains("Acknowledge: " + Notices.ACK_URL), body);
    assertEquals("Incident|acme/inc-7:contact-0", received.getHeader("X-Limbic-Idempotency-Key")[0]);
    String id = SmtpEmailSender.messageId("Incident|acme/inc-7:contact-0", "Limbic <alerts@limbic.example>");
    assertEquals(id, received.getMessageID());
    assertEquals(new Delivered("email", id), delivered);
  }

  @Test
  void aRefusedLoginIsPermanent() {
    DeliveryFailed failure = failed(senders(mail.getSmtp().getPort(), "limbic", "wrong"), "dana@globex.example");
    assertFalse(failure.retryable(), failure.getMessage());
  }

  @Test
  void aServerThatCannotBeReachedIsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    DeliveryFailed failure = failed(senders(closedPort, "", ""), "dana@globex.example");
    assertTrue(failure.retryable(), failure.getMessage());
  }

  @Test
  void anAddressThatIsNotOneIsPermanentAndNothingIsSent() {
    assertFalse(failed(senders(mail.getSmtp().getPort(), "limbic", PASSWORD), "not an address").retryable());
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void replyCodesSayWhetherToRetry() {
    InternetAddress a = new InternetAddress();
    assertTrue(SmtpEmailSender.failure(new SMTPAddressFailedException(a, "RCPT", 452, "mailbox full")).retryable());
    assertFalse(SmtpEmailSender.failure(new SMTPAddressFailedException(a, "RCPT", 550, "no such user")).retryable());
  }
}
