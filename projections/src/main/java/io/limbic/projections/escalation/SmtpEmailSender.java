package io.limbic.projections.escalation;

import io.limbic.projections.escalation.ChannelSender.Delivered;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * E-mail over SMTP (Jakarta Mail), sent on the blocking executor it is given. The Message-ID is derived from the
 * idempotency key, so a repeated notice is the same message to a mail client that folds duplicates; the key is
 * also in {@code X-Limbic-Idempotency-Key}.
 */
final class SmtpEmailSender {
  static final String WHAT = "email channel";
  static final String IDEMPOTENCY_HEADER = "X-Limbic-Idempotency-Key";

  private final Optional<EscalationProviders.Smtp> settings;
  private final Optional<Session> session;
  private final Executor blocking;

  SmtpEmailSender(Optional<EscalationProviders.Smtp> settings, Executor blocking) {
    this.settings = settings;
    this.session = settings.map(SmtpEmailSender::session);
    this.blocking = blocking;
  }

  CompletionStage<Delivered> send(ContactChannel.Email channel, EscalationNotice n) {
    if (settings.isEmpty()) {
      return CompletableFuture.failedFuture(DeliveryFailures.permanent(
          WHAT + ": no SMTP server is configured (limbic.escalation.providers.smtp: host, from)"));
    }
    InternetAddress to;
    try {
      to = new InternetAddress(channel.to(), true);
    } catch (AddressException | NullPointerException e) {
      return CompletableFuture.failedFuture(DeliveryFailures.permanent(WHAT + ": to is not an e-mail address"));
    }
    return CompletableFuture.supplyAsync(() -> deliver(to, n), blocking);
  }

  private Delivered deliver(InternetAddress to, EscalationNotice n) {
    EscalationProviders.Smtp smtp = settings.get();
    try {
      MimeMessage message = new StableIdMessage(session.get(), messageId(n.idempotencyKey(), smtp.from()));
      message.setFrom(new InternetAddress(smtp.from(), true));
      message.setRecipient(Message.RecipientType.TO, to);
      message.setSubject(EscalationMessage.subject(n), "UTF-8");
      message.setText(EscalationMessage.text(n), "UTF-8");
      message.setHeader(IDEMPOTENCY_HEADER, EscalationMessage.line(n.idempotencyKey()));
      message.saveChanges();
      if (smtp.username().isBlank()) Transport.send(message);
      else Transport.send(message, smtp.username(), smtp.password());
      return new Delivered("email", message.getMessageID());
    } catch (MessagingException e) {
      throw failure(e);
    }
  }

  /** 4xx replies of the server are transient (RFC 5321 section 4.2.1), 5xx and a refused login are not. */
  static ChannelSender.DeliveryFailed failure(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return DeliveryFailures.permanent(WHAT + ": the SMTP server refused the configured login");
    }
    if (e instanceof AddressException) return DeliveryFailures.permanent(WHAT + ": an address is not valid");
    int code = replyCode(e);
    if (code >= 500) return DeliveryFailures.permanent(WHAT + ": the SMTP server answered " + code);
    if (code >= 400) return new ChannelSender.DeliveryFailed(WHAT + ": the SMTP server answered " + code, true);
    String cause = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
    return new ChannelSender.DeliveryFailed(WHAT + ": the SMTP server could not be reached (" + cause + ")", true);
  }

  private static int replyCode(MessagingException e) {
    for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
      if (x instanceof SMTPAddressFailedException a) return a.getReturnCode();
      if (x instanceof SMTPSendFailedException s) return s.getReturnCode();
    }
    if (e instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0) {
      return 550;
    }
    return 0;
  }

  private static Session session(EscalationProviders.Smtp smtp) {
    Properties p = new Properties();
    String millis = Long.toString(smtp.timeout().toMillis());
    p.put("mail.smtp.host", smtp.host());
    p.put("mail.smtp.port", Integer.toString(smtp.port()));
    p.put("mail.smtp.auth", Boolean.toString(!smtp.username().isBlank()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
    p.put("mail.smtp.connectiontimeout", millis);
    p.put("mail.smtp.timeout", millis);
    p.put("mail.smtp.writetimeout", millis);
    return Session.getInstance(p);
  }

  static String messageId(String idempotencyKey, String from) {
    String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "")
        : "limbic";
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "<escalation." + HexFormat.of().formatHex(hash, 0, 16) + "@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Jakarta Mail would make a new Message-ID on every save; this one keeps the one derived from the key. */
  private static final class StableIdMessage extends MimeMessage {
    private final String id;

    StableIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
